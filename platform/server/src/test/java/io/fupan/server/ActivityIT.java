package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.ContactIT.id;
import static io.fupan.server.ContactIT.ids;
import static io.fupan.server.MeIT.assertProblem;
import static io.fupan.server.UserTeamIT.ADMIN;
import static io.fupan.server.UserTeamIT.MANAGER;
import static io.fupan.server.UserTeamIT.MARKETING;
import static io.fupan.server.UserTeamIT.REP1;
import static io.fupan.server.UserTeamIT.REP2;
import static io.fupan.server.UserTeamIT.assertErrorFields;
import static io.fupan.server.UserTeamIT.etag;
import static io.fupan.server.UserTeamIT.json;
import static io.fupan.server.UserTeamIT.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /activities}: on exactly one lead, contact or opportunity; CRUD, validation, isolation, visibility. */
@ExtendWith(FupanServerExtension.class)
class ActivityIT {

    @Test
    void create_onContact_thenGet_returnsItWithETag(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);

        HttpResponse<String> created = send(stack, "POST", "/activities", admin, null, "{\"type\":\"meeting\","
                + "\"occurredAt\":\"2025-03-01T17:30:00+08:00\",\"subject\":\"需求沟通 kickoff\",\"detail\":\"Notes\","
                + "\"contactId\":\"" + contactId + "\",\"externalId\":\"act-" + suffix() + "\"}");

        JsonNode activity = json(created, 201);
        String id = id(activity);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/activities/" + id));
        HttpResponse<String> got = send(stack, "GET", "/activities/" + id, admin, null, null);
        JsonNode read = json(got, 200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + read.get("version").asLong() + "\"");
        assertThat(read.get("type").asText()).isEqualTo("meeting");
        assertThat(OffsetDateTime.parse(read.get("occurredAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-03-01T09:30:00Z").toInstant());
        assertThat(read.get("subject").asText()).isEqualTo("需求沟通 kickoff");
        assertThat(read.get("detail").asText()).isEqualTo("Notes");
        assertThat(read.get("contactId").asText()).isEqualTo(contactId);
        assertThat(read.has("leadId")).isFalse();
        assertThat(read.get("ownerId").asText()).isEqualTo(UserTeamIT.userId(stack, ADMIN));
    }

    @Test
    void create_onLeadAndOnOpportunity_isAccepted(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        UUID lead = insertLead(stack, "acme", null);
        UUID opportunity = insertOpportunity(stack, "acme", null);

        JsonNode onLead = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"page_view\","
                + "\"occurredAt\":\"2025-03-02T08:00:00Z\",\"leadId\":\"" + lead + "\"}"), 201);
        JsonNode onOpportunity = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"demo\","
                + "\"occurredAt\":\"2025-03-03T08:00:00Z\",\"opportunityId\":\"" + opportunity + "\"}"), 201);

        assertThat(onLead.get("leadId").asText()).isEqualTo(lead.toString());
        assertThat(onOpportunity.get("opportunityId").asText()).isEqualTo(opportunity.toString());
    }

    @Test
    void create_withoutSubject_is422NamingTheThreeFields(FupanStack stack) throws Exception {
        JsonNode problem = assertErrorFields(send(stack, "POST", "/activities", stack.token(ADMIN), null,
                "{\"type\":\"call\",\"occurredAt\":\"2025-03-01T09:30:00Z\"}"), "leadId", "contactId", "opportunityId");

        assertThat(problem.at("/errors/0/message").asText()).contains("one of leadId, contactId, opportunityId");
    }

    @Test
    void create_withTwoSubjects_is422NamingBoth(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);
        UUID lead = insertLead(stack, "acme", null);

        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"leadId\":\"" + lead + "\",\"contactId\":\"" + contactId
                + "\"}"), "leadId", "contactId");
    }

    @Test
    void create_unknownSubject_is422NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        UUID nowhere = UUID.randomUUID();

        JsonNode lead = assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"leadId\":\"" + nowhere + "\"}"), "leadId");
        assertThat(lead.at("/errors/0/message").asText()).isEqualTo("there is no lead with id " + nowhere);
        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + nowhere + "\"}"), "contactId");
        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"opportunityId\":\"" + nowhere + "\"}"), "opportunityId");
    }

    @Test
    void create_onAnotherTenantsRecord_is422(FupanStack stack) throws Exception {
        UUID lumenLead = insertLead(stack, "lumen", null);

        assertErrorFields(send(stack, "POST", "/activities", stack.token(ADMIN), null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"leadId\":\"" + lumenLead + "\"}"), "leadId");
    }

    @Test
    void create_badFields_is422NamingEach(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);

        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"Page View\",\"subject\":\""
                + "s".repeat(501) + "\",\"contactId\":\"" + contactId + "\"}"), "type", "occurredAt", "subject");
        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"" + "a".repeat(41)
                + "\",\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contactId + "\"}"), "type");
        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\",\"occurredAt\":"
                + "\"yesterday\",\"contactId\":\"" + contactId + "\",\"leadId\":42,\"kind\":\"x\"}"),
                "occurredAt", "leadId", "kind");
    }

    @Test
    void create_anyLowerCaseKeyType_isAccepted(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);
        for (String type : new String[] {"content_download", "email_open", "email_click", "form_submit", "visit",
                "webinar_2025"}) {
            JsonNode a = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"" + type
                    + "\",\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contactId + "\"}"), 201);
            assertThat(a.get("type").asText()).isEqualTo(type);
        }
    }

    @Test
    void update_movesToAnotherSubject_whenTheOldOneIsCleared(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);
        UUID lead = insertLead(stack, "acme", null);
        JsonNode activity = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contactId + "\"}"), 201);
        String id = id(activity);

        assertErrorFields(send(stack, "PATCH", "/activities/" + id, admin, etag(activity),
                "{\"leadId\":\"" + lead + "\"}"), "leadId", "contactId");
        assertErrorFields(send(stack, "PATCH", "/activities/" + id, admin, etag(activity), "{\"contactId\":null}"),
                "leadId", "contactId", "opportunityId");
        assertErrorFields(send(stack, "PATCH", "/activities/" + id, admin, etag(activity), "{\"occurredAt\":null}"),
                "occurredAt");
        JsonNode moved = json(send(stack, "PATCH", "/activities/" + id, admin, etag(activity),
                "{\"leadId\":\"" + lead + "\",\"contactId\":null,\"subject\":\"Follow-up\"}"), 200);

        assertThat(moved.get("leadId").asText()).isEqualTo(lead.toString());
        assertThat(moved.has("contactId")).isFalse();
        assertThat(moved.get("subject").asText()).isEqualTo("Follow-up");
        assertThat(moved.get("type").asText()).isEqualTo("call");
        assertThat(moved.get("version").asLong()).isGreaterThan(activity.get("version").asLong());
    }

    @Test
    void update_withStaleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode activity = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contact(stack, admin) + "\"}"), 201);
        String id = id(activity);
        json(send(stack, "PATCH", "/activities/" + id, admin, etag(activity), "{\"subject\":\"First\"}"), 200);

        assertProblem(send(stack, "PATCH", "/activities/" + id, admin, etag(activity), "{\"subject\":\"Second\"}"),
                412, "stale");
        assertProblem(send(stack, "DELETE", "/activities/" + id, admin, etag(activity), null), 412, "stale");
        assertProblem(send(stack, "PATCH", "/activities/" + id, admin, null, "{\"subject\":\"Third\"}"), 428,
                "precondition-required");
        assertThat(json(send(stack, "GET", "/activities/" + id, admin, null, null), 200).get("subject").asText())
                .isEqualTo("First");
    }

    @Test
    void delete_withCurrentETag_removesIt(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode activity = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"visit\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contact(stack, admin) + "\"}"), 201);

        assertThat(send(stack, "DELETE", "/activities/" + id(activity), admin, etag(activity), null).statusCode())
                .isEqualTo(204);

        assertProblem(send(stack, "GET", "/activities/" + id(activity), admin, null, null), 404, "not-found");
    }

    @Test
    void list_filtersAndSort_returnExactlyTheMatches(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);
        JsonNode early = activity(stack, admin, "call", "2025-01-10T23:30:00Z", "contactId", contactId);
        JsonNode middle = activity(stack, admin, "email_open", "2025-01-11T10:00:00Z", "contactId", contactId);
        JsonNode late = activity(stack, admin, "call", "2025-01-12T00:00:00Z", "contactId", contactId);
        String base = "/activities?contactId=" + contactId;

        assertThat(ids(stack, admin, base)).containsExactly(id(late), id(middle), id(early));
        assertThat(ids(stack, admin, base + "&sort=occurredAt")).containsExactly(id(early), id(middle), id(late));
        assertThat(ids(stack, admin, base + "&type=call&sort=occurredAt")).containsExactly(id(early), id(late));
        assertThat(ids(stack, admin, base + "&sort=type,occurredAt")).containsExactly(id(early), id(late), id(middle));
        assertThat(ids(stack, admin, base + "&occurredFrom=2025-01-11")).containsExactly(id(late), id(middle));
        assertThat(ids(stack, admin, base + "&occurredTo=2025-01-11")).containsExactly(id(middle), id(early));
        assertThat(ids(stack, admin, base + "&occurredFrom=2025-01-11&occurredTo=2025-01-11"))
                .containsExactly(id(middle));
        assertThat(ids(stack, admin, base + "&occurredFrom=2025-01-11T10:00:00Z&occurredTo=2025-01-12T00:00:00Z"))
                .containsExactly(id(late), id(middle));
        assertThat(ids(stack, admin, base + "&occurredTo=" + java.net.URLEncoder.encode("2025-01-11T07:30:00+08:00",
                java.nio.charset.StandardCharsets.UTF_8))).containsExactly(id(early));
        assertThat(ids(stack, admin, base + "&ownerId=" + UserTeamIT.userId(stack, REP1))).isEmpty();
    }

    @Test
    void list_badFilterOrSort_is422NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        assertErrorFields(send(stack, "GET", "/activities?occurredFrom=last-week", admin, null, null), "occurredFrom");
        assertErrorFields(send(stack, "GET", "/activities?leadId=7", admin, null, null), "leadId");
        assertErrorFields(send(stack, "GET", "/activities?type=Call", admin, null, null), "type");
        assertErrorFields(send(stack, "GET", "/activities?sort=subject", admin, null, null), "sort");
        assertErrorFields(send(stack, "GET", "/activities?accountId=" + UUID.randomUUID(), admin, null, null),
                "accountId");
    }

    @Test
    void otherTenantsActivity_is404OnEveryMethod(FupanStack stack) throws Exception {
        String lumen = stack.token("admin@lumen.example");
        String lumenContact = contact(stack, lumen);
        JsonNode lumens = activity(stack, lumen, "call", "2025-03-01T09:30:00Z", "contactId", lumenContact);
        String admin = stack.token(ADMIN);

        assertProblem(send(stack, "GET", "/activities/" + id(lumens), admin, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", "/activities/" + id(lumens), admin, etag(lumens), "{\"subject\":\"x\"}"),
                404, "not-found");
        assertProblem(send(stack, "DELETE", "/activities/" + id(lumens), admin, etag(lumens), null), 404, "not-found");
        assertThat(ids(stack, admin, "/activities?contactId=" + lumenContact)).isEmpty();
        assertErrorFields(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + lumenContact + "\"}"), "contactId");
        json(send(stack, "GET", "/activities/" + id(lumens), lumen, null, null), 200);
    }

    @Test
    void list_marketing_seesLeadActivitiesOnly(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String marketing = stack.token(MARKETING);
        UUID lead = insertLead(stack, "acme", null);
        JsonNode onLead = activity(stack, admin, "email_click", "2025-02-01T08:00:00Z", "leadId", lead.toString());
        JsonNode onContact = activity(stack, admin, "call", "2025-02-01T09:00:00Z", "contactId", contact(stack, admin));
        JsonNode onOpportunity = activity(stack, admin, "demo", "2025-02-01T10:00:00Z", "opportunityId",
                insertOpportunity(stack, "acme", null).toString());

        assertThat(ids(stack, marketing, "/activities?leadId=" + lead)).containsExactly(id(onLead));
        json(send(stack, "GET", "/activities/" + id(onLead), marketing, null, null), 200);
        assertProblem(send(stack, "GET", "/activities/" + id(onContact), marketing, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/activities/" + id(onOpportunity), marketing, null, null), 404, "not-found");
        JsonNode all = json(send(stack, "GET", "/activities?size=500&occurredFrom=2025-02-01&occurredTo=2025-02-01",
                marketing, null, null), 200);
        assertThat(all.get("items")).extracting(a -> a.get("id").asText()).contains(id(onLead))
                .doesNotContain(id(onContact), id(onOpportunity));
        assertThat(all.get("items")).allSatisfy(a -> assertThat(a.has("leadId")).isTrue());
    }

    @Test
    void create_marketing_onLeadIsAccepted_onContactIs403(FupanStack stack) throws Exception {
        String marketing = stack.token(MARKETING);
        UUID lead = insertLead(stack, "acme", null);

        JsonNode mine = activity(stack, marketing, "form_submit", "2025-02-02T08:00:00Z", "leadId", lead.toString());
        assertThat(mine.get("ownerId").asText()).isEqualTo(UserTeamIT.userId(stack, MARKETING));
        assertProblem(send(stack, "POST", "/activities", marketing, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contact(stack, stack.token(ADMIN))
                + "\"}"), 403, "forbidden");
        assertProblem(send(stack, "PATCH", "/activities/" + id(mine), marketing, etag(mine),
                "{\"leadId\":null,\"contactId\":\"" + contact(stack, stack.token(ADMIN)) + "\"}"), 403, "forbidden");
    }

    @Test
    void get_rep_anotherRepsActivity_is404_butTheirManagerSeesIt(FupanStack stack) throws Exception {
        UserTeamIT.salesTeam(stack);
        String rep2 = stack.token(REP2);
        JsonNode theirs = activity(stack, rep2, "call", "2025-02-03T08:00:00Z", "contactId", contact(stack, rep2));
        JsonNode admins = activity(stack, stack.token(ADMIN), "call", "2025-02-03T09:00:00Z", "contactId",
                contact(stack, stack.token(ADMIN)));
        String rep1 = stack.token(REP1);
        String manager = stack.token(MANAGER);

        assertProblem(send(stack, "GET", "/activities/" + id(theirs), rep1, null, null), 404, "not-found");
        assertThat(ids(stack, rep1, "/activities?size=500&occurredFrom=2025-02-03&occurredTo=2025-02-03"))
                .doesNotContain(id(theirs));
        json(send(stack, "GET", "/activities/" + id(theirs), rep2, null, null), 200);
        json(send(stack, "GET", "/activities/" + id(theirs), manager, null, null), 200);
        assertThat(ids(stack, manager, "/activities?size=500&occurredFrom=2025-02-03&occurredTo=2025-02-03"))
                .contains(id(theirs)).doesNotContain(id(admins));
        assertProblem(send(stack, "GET", "/activities/" + id(admins), manager, null, null), 404, "not-found");
    }

    @Test
    void create_rep_forAnotherOwner_is403(FupanStack stack) throws Exception {
        String rep1 = stack.token(REP1);

        assertProblem(send(stack, "POST", "/activities", rep1, null, "{\"type\":\"call\",\"occurredAt\":"
                + "\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contact(stack, rep1) + "\",\"ownerId\":\""
                + UserTeamIT.userId(stack, REP2) + "\"}"), 403, "forbidden");
    }

    @Test
    void writes_viewer_are403(FupanStack stack) throws Exception {
        String viewer = UserTeamIT.tokenOf(stack, UserTeamIT.newUser(stack, "viewer"));
        String admin = stack.token(ADMIN);
        String contactId = contact(stack, admin);
        JsonNode activity = activity(stack, admin, "call", "2025-03-01T09:30:00Z", "contactId", contactId);

        json(send(stack, "GET", "/activities/" + id(activity), viewer, null, null), 200);
        assertProblem(send(stack, "POST", "/activities", viewer, null, "{\"type\":\"call\",\"occurredAt\":"
                + "\"2025-03-01T09:30:00Z\",\"contactId\":\"" + contactId + "\"}"), 403, "forbidden");
        assertProblem(send(stack, "PATCH", "/activities/" + id(activity), viewer, etag(activity),
                "{\"subject\":\"x\"}"), 403, "forbidden");
        assertProblem(send(stack, "DELETE", "/activities/" + id(activity), viewer, etag(activity), null), 403,
                "forbidden");
    }

    static JsonNode activity(FupanStack stack, String token, String type, String at, String subjectField,
                             String subjectId) throws Exception {
        return json(send(stack, "POST", "/activities", token, null, "{\"type\":\"" + type + "\",\"occurredAt\":\"" + at
                + "\",\"" + subjectField + "\":\"" + subjectId + "\"}"), 201);
    }

    static String contact(FupanStack stack, String token) throws Exception {
        return id(ContactIT.create(stack, token, "{\"name\":\"Activity target " + suffix() + "\"}"));
    }

    /** A lead written straight into the database (as its owner role, past row-level security). */
    static UUID insertLead(FupanStack stack, String tenant, UUID ownerId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = stack.postgres().superuserConnection();
             PreparedStatement insert = c.prepareStatement("insert into lead (tenant_id, id, name, status,"
                     + " status_changed_at, owner_id) values (?, ?, ?, 'new', now(), ?)")) {
            insert.setString(1, tenant);
            insert.setObject(2, id);
            insert.setString(3, "Lead " + id);
            insert.setObject(4, ownerId);
            insert.executeUpdate();
        }
        return id;
    }

    /** An opportunity written straight into the database, in the tenant's first default stage. */
    static UUID insertOpportunity(FupanStack stack, String tenant, UUID ownerId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = stack.postgres().superuserConnection();
             PreparedStatement insert = c.prepareStatement("insert into opportunity (tenant_id, id, name, currency,"
                     + " stage, stage_entered_at, owner_id) values (?, ?, ?, 'CNY', 'contacted', now(), ?)")) {
            insert.setString(1, tenant);
            insert.setObject(2, id);
            insert.setString(3, "Opportunity " + id);
            insert.setObject(4, ownerId);
            insert.executeUpdate();
        }
        return id;
    }
}
