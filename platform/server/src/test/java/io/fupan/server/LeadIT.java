package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /leads}: CRUD, the status history, visibility by role, filters and sorting. */
@ExtendWith(FupanServerExtension.class)
class LeadIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void create_withoutStatusOrOwner_isNewOwnedByCallerWithETag(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        OffsetDateTime before = OffsetDateTime.now();
        HttpResponse<String> created = send(stack, "POST", "/leads", rep, null,
                "{\"name\":\"王伟 Wang Wei\",\"company\":\"华东重工\",\"email\":\"wang.wei@east-heavy.example\","
                        + "\"phone\":\"+86 21 5555 0101\",\"channel\":\"trade_show\",\"industry\":\"manufacturing\","
                        + "\"region\":\"east\",\"employees\":1200}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode lead = JSON.readTree(created.body());
        String id = lead.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/leads/" + id));
        assertThat(lead.get("status").asText()).isEqualTo("new");
        assertThat(lead.get("ownerId").asText()).isEqualTo(userId(stack, rep));
        assertThat(lead.get("shared").asBoolean()).isFalse();
        assertThat(lead.hasNonNull("convertedOpportunityId")).isFalse();
        assertThat(OffsetDateTime.parse(lead.get("createdAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(lead.get("statusChangedAt").asText()).isNotBlank();

        HttpResponse<String> got = send(stack, "GET", "/leads/" + id, rep, null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + lead.get("version").asLong() + "\"");
        JsonNode read = JSON.readTree(got.body());
        assertThat(read.get("name").asText()).isEqualTo("王伟 Wang Wei");
        assertThat(read.get("company").asText()).isEqualTo("华东重工");
        assertThat(read.get("email").asText()).isEqualTo("wang.wei@east-heavy.example");
        assertThat(read.get("channel").asText()).isEqualTo("trade_show");
        assertThat(read.get("employees").asInt()).isEqualTo(1200);
    }

    @Test
    void create_recordsItsFirstStatusInTheHistory(FupanStack stack) throws Exception {
        String marketing = stack.token("marketing@acme.example");
        JsonNode lead = create(stack, marketing, "{\"name\":\"First Status\",\"status\":\"mql\"}");

        JsonNode history = JSON.readTree(send(stack, "GET", "/leads/" + lead.get("id").asText() + "/history",
                marketing, null, null).body());

        assertThat(history.get("items")).hasSize(1);
        JsonNode entry = history.get("items").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("mql");
        assertThat(entry.get("changedById").asText()).isEqualTo(userId(stack, marketing));
        assertThat(OffsetDateTime.parse(entry.get("changedAt").asText()))
                .isEqualTo(OffsetDateTime.parse(lead.get("statusChangedAt").asText()));
    }

    @Test
    void update_statusChanges_recordEachEntryWithActorAndTimeInOrder(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        String marketing = stack.token("marketing@acme.example");
        JsonNode lead = create(stack, rep, "{\"name\":\"History Lead\"}");
        String id = lead.get("id").asText();

        lead = patch(stack, rep, lead, "{\"status\":\"contacted\"}");
        lead = patch(stack, marketing, lead, "{\"status\":\"mql\"}");
        lead = patch(stack, rep, lead, "{\"status\":\"contacted\"}");  // a move back is allowed
        lead = patch(stack, rep, lead, "{\"status\":\"contacted\",\"phone\":\"123\"}");  // same status: no entry

        JsonNode items = JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", rep, null, null).body())
                .get("items");
        assertThat(items).extracting(e -> e.get("status").asText())
                .containsExactly("new", "contacted", "mql", "contacted");
        String repId = userId(stack, rep);
        assertThat(items).extracting(e -> e.get("changedById").asText())
                .containsExactly(repId, repId, userId(stack, marketing), repId);
        List<OffsetDateTime> times = new ArrayList<>();
        items.forEach(e -> times.add(OffsetDateTime.parse(e.get("changedAt").asText())));
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(OffsetDateTime.parse(lead.get("statusChangedAt").asText())).isEqualTo(times.get(3));
        assertThat(lead.get("status").asText()).isEqualTo("contacted");
    }

    @Test
    void update_disqualifiedBackToContacted_isAllowedAndRecorded(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Revived Lead\",\"status\":\"disqualified\"}");

        lead = patch(stack, admin, lead, "{\"status\":\"contacted\"}");

        assertThat(lead.get("status").asText()).isEqualTo("contacted");
        JsonNode items = JSON.readTree(send(stack, "GET", "/leads/" + lead.get("id").asText() + "/history", admin,
                null, null).body()).get("items");
        assertThat(items).extracting(e -> e.get("status").asText()).containsExactly("disqualified", "contacted");
    }

    @Test
    void update_statusConverted_is422PointingToConvertAndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Shortcut Lead\",\"status\":\"sql\"}");
        String id = lead.get("id").asText();

        JsonNode problem = assertProblem(send(stack, "PATCH", "/leads/" + id, admin, etag(lead),
                "{\"status\":\"converted\"}"), 422, "validation");

        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("status");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("use POST /leads/{id}/convert");
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id, admin, null, null).body()).get("status").asText())
                .isEqualTo("sql");
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items")).hasSize(1);
    }

    @Test
    void create_statusConverted_is422AndCreatesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String name = "Born Converted " + UUID.randomUUID();

        JsonNode problem = assertProblem(send(stack, "POST", "/leads", admin, null,
                "{\"name\":\"" + name + "\",\"status\":\"converted\"}"), 422, "validation");

        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("status");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("use POST /leads/{id}/convert");
        assertThat(JSON.readTree(send(stack, "GET", "/leads?q=" + enc(name), admin, null, null).body())
                .get("total").asLong()).isZero();
    }

    @Test
    void create_badInput_is422NamingEachField(FupanStack stack) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/leads", stack.token("admin@acme.example"), null,
                "{\"name\":\" \",\"email\":\"not-an-address\",\"employees\":-1,\"status\":\"warm\","
                        + "\"company\":\"" + "x".repeat(201) + "\",\"colour\":\"red\"}");

        JsonNode problem = assertProblem(response, 422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("colour");

        problem = assertProblem(send(stack, "POST", "/leads", stack.token("admin@acme.example"), null,
                "{\"name\":\" \",\"email\":\"not-an-address\",\"employees\":-1,\"status\":\"warm\","
                        + "\"company\":\"" + "x".repeat(201) + "\"}"), 422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("company", "email", "employees", "name", "status");
    }

    @Test
    void get_otherTenantsLead_is404OnEveryMethod(FupanStack stack) throws Exception {
        JsonNode lumens = create(stack, stack.token("admin@lumen.example"), "{\"name\":\"Lumen's prospect\"}");
        String id = lumens.get("id").asText();
        String acme = stack.token("admin@acme.example");

        assertProblem(send(stack, "GET", "/leads/" + id, acme, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/leads/" + id + "/history", acme, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", "/leads/" + id, acme, etag(lumens), "{\"status\":\"contacted\"}"), 404,
                "not-found");
        assertProblem(send(stack, "DELETE", "/leads/" + id, acme, etag(lumens), null), 404, "not-found");
        assertThat(JSON.readTree(send(stack, "GET", "/leads?size=500&q=" + enc("Lumen's prospect"), acme, null, null)
                .body()).get("total").asLong()).isZero();
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id, stack.token("admin@lumen.example"), null, null)
                .body()).get("status").asText()).isEqualTo("new");
    }

    @Test
    void list_rep_seesOwnAndTeamSharedLeadsButNotOthers(FupanStack stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String a = "lead-rep-a-" + suffix + "@acme.example";
        String b = "lead-rep-b-" + suffix + "@acme.example";
        stack.keycloak().createUser(a, "lead-pass-1", "acme", "sales_rep");
        stack.keycloak().createUser(b, "lead-pass-1", "acme", "sales_rep");
        String repA = stack.keycloak().accessToken(a, "lead-pass-1");
        String repB = stack.keycloak().accessToken(b, "lead-pass-1");
        String idA = userId(stack, repA);
        String idB = userId(stack, repB);
        try (Connection c = stack.postgres().superuserConnection();
             PreparedStatement team = c.prepareStatement("insert into team (tenant_id, id, name) values ('acme', ?, ?)");
             PreparedStatement member = c.prepareStatement(
                     "update app_user set team_id = ? where tenant_id = 'acme' and id in (?, ?)")) {
            UUID teamId = UUID.randomUUID();
            team.setObject(1, teamId);
            team.setString(2, "Lead team " + suffix);
            team.executeUpdate();
            member.setObject(1, teamId);
            member.setObject(2, UUID.fromString(idA));
            member.setObject(3, UUID.fromString(idB));
            member.executeUpdate();
        }
        String channel = "team-" + suffix;
        JsonNode own = create(stack, repA, "{\"name\":\"A own\",\"channel\":\"" + channel + "\"}");
        JsonNode shared = create(stack, repB, "{\"name\":\"B shared\",\"shared\":true,\"channel\":\"" + channel + "\"}");
        JsonNode unshared = create(stack, repB, "{\"name\":\"B private\",\"channel\":\"" + channel + "\"}");
        JsonNode otherRep = create(stack, stack.token("rep2@acme.example"),
                "{\"name\":\"rep2 shared\",\"shared\":true,\"channel\":\"" + channel + "\"}");

        JsonNode list = JSON.readTree(send(stack, "GET", "/leads?size=500&channel=" + channel, repA, null, null).body());

        assertThat(list.get("items")).extracting(l -> l.get("id").asText())
                .containsExactlyInAnyOrder(own.get("id").asText(), shared.get("id").asText());
        assertThat(send(stack, "GET", "/leads/" + shared.get("id").asText(), repA, null, null).statusCode())
                .isEqualTo(200);
        assertProblem(send(stack, "GET", "/leads/" + unshared.get("id").asText(), repA, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/leads/" + otherRep.get("id").asText() + "/history", repA, null, null), 404,
                "not-found");
        // a teammate's shared lead is visible, but only its owner changes it
        assertProblem(send(stack, "PATCH", "/leads/" + shared.get("id").asText(), repA, etag(shared),
                "{\"status\":\"contacted\"}"), 403, "forbidden");
        assertThat(list.get("items")).allSatisfy(l -> assertThat(l.get("ownerId").asText()).isIn(idA, idB));
    }

    @Test
    void list_marketing_seesAndEditsEveryLeadOfTheTenant(FupanStack stack) throws Exception {
        String channel = "mkt-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode rep1s = create(stack, stack.token("rep1@acme.example"), "{\"name\":\"rep1 lead\",\"channel\":\"" + channel + "\"}");
        JsonNode rep2s = create(stack, stack.token("rep2@acme.example"), "{\"name\":\"rep2 lead\",\"channel\":\"" + channel + "\"}");
        JsonNode admins = create(stack, stack.token("admin@acme.example"), "{\"name\":\"admin lead\",\"channel\":\"" + channel + "\"}");
        String marketing = stack.token("marketing@acme.example");

        JsonNode list = JSON.readTree(send(stack, "GET", "/leads?size=500&channel=" + channel, marketing, null, null)
                .body());

        assertThat(list.get("total").asLong()).isEqualTo(3);
        assertThat(list.get("items")).extracting(l -> l.get("id").asText()).containsExactlyInAnyOrder(
                rep1s.get("id").asText(), rep2s.get("id").asText(), admins.get("id").asText());
        JsonNode changed = patch(stack, marketing, rep1s, "{\"status\":\"mql\"}");
        assertThat(changed.get("status").asText()).isEqualTo("mql");
        assertThat(changed.get("ownerId").asText()).isEqualTo(rep1s.get("ownerId").asText());
        // marketing works with leads only
        assertProblem(send(stack, "GET", "/accounts", marketing, null, null), 403, "forbidden");
    }

    @Test
    void update_withStaleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Stale Lead\"}");
        String id = lead.get("id").asText();
        patch(stack, admin, lead, "{\"status\":\"contacted\"}");

        assertProblem(send(stack, "PATCH", "/leads/" + id, admin, etag(lead), "{\"status\":\"mql\"}"), 412, "stale");

        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id, admin, null, null).body()).get("status").asText())
                .isEqualTo("contacted");
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items")).extracting(e -> e.get("status").asText()).containsExactly("new", "contacted");
    }

    @Test
    void update_statusNull_is422(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Null Status\"}");

        JsonNode problem = assertProblem(send(stack, "PATCH", "/leads/" + lead.get("id").asText(), admin, etag(lead),
                "{\"status\":null}"), 422, "validation");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("status");
    }

    @Test
    void list_filteredByStatusAndChannel_returnsOnlyMatchingLeads(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String web = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String event = "event-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode webMql = create(stack, admin, "{\"name\":\"w1\",\"channel\":\"" + web + "\",\"status\":\"mql\"}");
        JsonNode webSql = create(stack, admin, "{\"name\":\"w2\",\"channel\":\"" + web + "\",\"status\":\"sql\"}");
        create(stack, admin, "{\"name\":\"w3\",\"channel\":\"" + web + "\"}");
        JsonNode eventMql = create(stack, admin, "{\"name\":\"e1\",\"channel\":\"" + event + "\",\"status\":\"mql\"}");

        JsonNode byBoth = JSON.readTree(send(stack, "GET", "/leads?status=mql&channel=" + web, admin, null, null).body());
        assertThat(byBoth.get("total").asLong()).isEqualTo(1);
        assertThat(byBoth.at("/items/0/id").asText()).isEqualTo(webMql.get("id").asText());

        JsonNode byStatuses = JSON.readTree(send(stack, "GET", "/leads?status=mql,sql&channel=" + web, admin, null,
                null).body());
        assertThat(byStatuses.get("items")).extracting(l -> l.get("id").asText())
                .containsExactlyInAnyOrder(webMql.get("id").asText(), webSql.get("id").asText());

        JsonNode byChannel = JSON.readTree(send(stack, "GET", "/leads?channel=" + event, admin, null, null).body());
        assertThat(byChannel.get("items")).extracting(l -> l.get("id").asText())
                .containsExactly(eventMql.get("id").asText());

        assertProblem(send(stack, "GET", "/leads?status=warm", admin, null, null), 422, "validation");
        assertProblem(send(stack, "GET", "/leads?colour=red", admin, null, null), 422, "validation");
    }

    @Test
    void list_filteredByQueryAndCreatedWindow_matchesNameCompanyOrEmail(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode byName = create(stack, admin, "{\"name\":\"Q " + tag + " person\"}");
        JsonNode byCompany = create(stack, admin, "{\"name\":\"Someone\",\"company\":\"" + tag.toUpperCase() + " Ltd\"}");
        JsonNode byEmail = create(stack, admin, "{\"name\":\"Mail\",\"email\":\"x." + tag + "@example.com\"}");

        JsonNode found = JSON.readTree(send(stack, "GET", "/leads?q=" + tag, admin, null, null).body());
        assertThat(found.get("items")).extracting(l -> l.get("id").asText()).containsExactlyInAnyOrder(
                byName.get("id").asText(), byCompany.get("id").asText(), byEmail.get("id").asText());

        // whole seconds: the window's bounds need not match the stored precision
        String created = OffsetDateTime.parse(byName.get("createdAt").asText())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        JsonNode fromOn = JSON.readTree(send(stack, "GET", "/leads?q=" + tag + "&createdFrom=" + enc(created), admin,
                null, null).body());
        assertThat(fromOn.get("total").asLong()).isEqualTo(3);
        JsonNode before = JSON.readTree(send(stack, "GET", "/leads?q=" + tag + "&createdTo=" + enc(created), admin,
                null, null).body());
        assertThat(before.get("total").asLong()).isZero();
    }

    @Test
    void list_sortedByNameOrStatus_ordersTheItems(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String channel = "sort-" + UUID.randomUUID().toString().substring(0, 8);
        create(stack, admin, "{\"name\":\"Charlie\",\"channel\":\"" + channel + "\",\"status\":\"sql\"}");
        create(stack, admin, "{\"name\":\"Alpha\",\"channel\":\"" + channel + "\",\"status\":\"contacted\"}");
        create(stack, admin, "{\"name\":\"Bravo\",\"channel\":\"" + channel + "\",\"status\":\"mql\"}");

        JsonNode asc = JSON.readTree(send(stack, "GET", "/leads?sort=name&channel=" + channel, admin, null, null).body());
        assertThat(asc.get("items")).extracting(l -> l.get("name").asText()).containsExactly("Alpha", "Bravo", "Charlie");
        JsonNode desc = JSON.readTree(send(stack, "GET", "/leads?sort=-name&channel=" + channel, admin, null, null)
                .body());
        assertThat(desc.get("items")).extracting(l -> l.get("name").asText())
                .containsExactly("Charlie", "Bravo", "Alpha");
        JsonNode byStatus = JSON.readTree(send(stack, "GET", "/leads?sort=status&channel=" + channel, admin, null, null)
                .body());
        assertThat(byStatus.get("items")).extracting(l -> l.get("status").asText())
                .containsExactly("contacted", "mql", "sql");
        JsonNode paged = JSON.readTree(send(stack, "GET", "/leads?sort=-createdAt&size=2&page=1&channel=" + channel,
                admin, null, null).body());
        assertThat(paged.get("total").asLong()).isEqualTo(3);
        assertThat(paged.get("items")).extracting(l -> l.get("name").asText()).containsExactly("Charlie");
        assertProblem(send(stack, "GET", "/leads?sort=phone", admin, null, null), 422, "validation");
    }

    @Test
    void delete_openLead_is204AndThenGone(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Short-lived\"}");
        String id = lead.get("id").asText();

        assertThat(send(stack, "DELETE", "/leads/" + id, admin, etag(lead), null).statusCode()).isEqualTo(204);

        assertProblem(send(stack, "GET", "/leads/" + id, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/leads/" + id + "/history", admin, null, null), 404, "not-found");
    }

    static JsonNode create(FupanStack stack, String token, String body) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/leads", token, null, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static JsonNode patch(FupanStack stack, String token, JsonNode lead, String body) throws Exception {
        HttpResponse<String> response = send(stack, "PATCH", "/leads/" + lead.get("id").asText(), token, etag(lead), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String etag(JsonNode record) {
        return "\"" + record.get("version").asLong() + "\"";
    }

    /** The tenant's user id of the token's holder (the app_user row, not the Keycloak subject). */
    static String userId(FupanStack stack, String token) throws Exception {
        JsonNode me = JSON.readTree(stack.get("/api/v1/me", token).body()); // also creates the row on first sight
        try (Connection c = stack.postgres().superuserConnection();
             PreparedStatement q = c.prepareStatement("select id from app_user where tenant_id = ? and username = ?")) {
            q.setString(1, me.at("/tenant/id").asText());
            q.setString(2, me.at("/user/username").asText());
            try (var rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
