package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static io.fupan.server.UserTeamIT.ADMIN;
import static io.fupan.server.UserTeamIT.MANAGER;
import static io.fupan.server.UserTeamIT.MARKETING;
import static io.fupan.server.UserTeamIT.REP1;
import static io.fupan.server.UserTeamIT.REP2;
import static io.fupan.server.UserTeamIT.assertErrorFields;
import static io.fupan.server.UserTeamIT.enc;
import static io.fupan.server.UserTeamIT.etag;
import static io.fupan.server.UserTeamIT.json;
import static io.fupan.server.UserTeamIT.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /contacts}: CRUD, ETag, validation by field, tenant isolation and visibility by role. */
@ExtendWith(FupanServerExtension.class)
class ContactIT {

    @Test
    void create_thenGet_returnsTheContactWithETag(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String accountId = account(stack, admin, "Contact Host Co");

        HttpResponse<String> created = send(stack, "POST", "/contacts", admin, null, "{\"name\":\" 李娜 Li Na \","
                + "\"accountId\":\"" + accountId + "\",\"title\":\"CTO\",\"department\":\"IT\","
                + "\"email\":\"li.na@host.example\",\"phone\":\"+86 21 5555 0101\",\"buyingRole\":\"technical_evaluator\"}");

        JsonNode contact = json(created, 201);
        String id = contact.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/contacts/" + id));
        HttpResponse<String> got = send(stack, "GET", "/contacts/" + id, admin, null, null);
        JsonNode read = json(got, 200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + read.get("version").asLong() + "\"");
        assertThat(read.get("name").asText()).isEqualTo("李娜 Li Na");
        assertThat(read.get("accountId").asText()).isEqualTo(accountId);
        assertThat(read.get("title").asText()).isEqualTo("CTO");
        assertThat(read.get("department").asText()).isEqualTo("IT");
        assertThat(read.get("email").asText()).isEqualTo("li.na@host.example");
        assertThat(read.get("phone").asText()).isEqualTo("+86 21 5555 0101");
        assertThat(read.get("buyingRole").asText()).isEqualTo("technical_evaluator");
        assertThat(read.get("ownerId").asText()).isEqualTo(UserTeamIT.userId(stack, ADMIN));
        assertThat(read.get("shared").asBoolean()).isFalse();
    }

    @Test
    void update_withCurrentETag_changesOnlyTheFieldsSent(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode contact = create(stack, admin, "{\"name\":\"Patch Person\",\"title\":\"CFO\",\"buyingRole\":\"economic_buyer\"}");

        JsonNode after = json(send(stack, "PATCH", "/contacts/" + contact.get("id").asText(), admin, etag(contact),
                "{\"department\":\"Finance\",\"buyingRole\":null}"), 200);

        assertThat(after.get("department").asText()).isEqualTo("Finance");
        assertThat(after.get("title").asText()).isEqualTo("CFO");
        assertThat(after.path("buyingRole").isMissingNode() || after.path("buyingRole").isNull()).isTrue();
        assertThat(after.get("version").asLong()).isGreaterThan(contact.get("version").asLong());
    }

    @Test
    void update_withStaleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode contact = create(stack, admin, "{\"name\":\"Stale Person\"}");
        String id = contact.get("id").asText();
        json(send(stack, "PATCH", "/contacts/" + id, admin, etag(contact), "{\"title\":\"VP\"}"), 200);

        assertProblem(send(stack, "PATCH", "/contacts/" + id, admin, etag(contact), "{\"title\":\"SVP\"}"), 412, "stale");
        assertProblem(send(stack, "DELETE", "/contacts/" + id, admin, etag(contact), null), 412, "stale");
        assertThat(json(send(stack, "GET", "/contacts/" + id, admin, null, null), 200).get("title").asText())
                .isEqualTo("VP");
    }

    @Test
    void update_withoutIfMatch_is428(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode contact = create(stack, admin, "{\"name\":\"No Match Person\"}");

        assertProblem(send(stack, "PATCH", "/contacts/" + contact.get("id").asText(), admin, null,
                "{\"title\":\"VP\"}"), 428, "precondition-required");
    }

    @Test
    void delete_withCurrentETag_removesTheContactAndItsActivities(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode contact = create(stack, admin, "{\"name\":\"Gone Person\"}");
        String id = contact.get("id").asText();
        JsonNode activity = json(send(stack, "POST", "/activities", admin, null, "{\"type\":\"call\","
                + "\"occurredAt\":\"2025-03-01T09:30:00Z\",\"contactId\":\"" + id + "\"}"), 201);

        assertThat(send(stack, "DELETE", "/contacts/" + id, admin, etag(contact), null).statusCode()).isEqualTo(204);

        assertProblem(send(stack, "GET", "/contacts/" + id, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/activities/" + activity.get("id").asText(), admin, null, null), 404,
                "not-found");
    }

    @Test
    void delete_contactOthersReportTo_is409(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode boss = create(stack, admin, "{\"name\":\"Boss Person\"}");
        create(stack, admin, "{\"name\":\"Report Person\",\"reportsToId\":\"" + boss.get("id").asText() + "\"}");

        JsonNode problem = assertProblem(send(stack, "DELETE", "/contacts/" + boss.get("id").asText(), admin,
                etag(boss), null), 409, "conflict");
        assertThat(problem.get("detail").asText()).contains("1 contacts reporting");
        json(send(stack, "GET", "/contacts/" + boss.get("id").asText(), admin, null, null), 200);
    }

    @Test
    void create_badInput_is422NamingEachField(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);

        JsonNode problem = assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\" \",\"email\":\"not-an-email\",\"buyingRole\":\"boss\",\"title\":\"" + "t".repeat(201)
                        + "\"}"), "name", "email", "buyingRole", "title");
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo("buyingRole");
            assertThat(e.get("message").asText()).contains("decision_maker").contains("blocker");
        });
        assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Typed\",\"accountId\":\"nope\",\"shared\":\"yes\",\"role\":\"user\"}"),
                "accountId", "shared", "role");
        assertErrorFields(send(stack, "POST", "/contacts", admin, null, "{\"name\":\"No TLD\",\"email\":\"a@b\"}"),
                "email");
    }

    @Test
    void create_everyBuyingRole_isAccepted(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        for (String role : new String[] {"decision_maker", "economic_buyer", "technical_evaluator", "influencer", "user",
                "champion", "blocker"}) {
            JsonNode contact = create(stack, admin, "{\"name\":\"Role " + role + "\",\"buyingRole\":\"" + role + "\"}");
            assertThat(contact.get("buyingRole").asText()).isEqualTo(role);
        }
    }

    @Test
    void create_unknownReferences_is422NamingTheField(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        UUID nowhere = UUID.randomUUID();

        JsonNode account = assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Orphan\",\"accountId\":\"" + nowhere + "\"}"), "accountId");
        assertThat(account.at("/errors/0/message").asText()).isEqualTo("there is no account with id " + nowhere);
        assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Orphan\",\"reportsToId\":\"" + nowhere + "\"}"), "reportsToId");
        assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Orphan\",\"ownerId\":\"" + nowhere + "\"}"), "ownerId");
    }

    @Test
    void update_reportingCycle_is422(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode top = create(stack, admin, "{\"name\":\"Top\"}");
        JsonNode middle = create(stack, admin, "{\"name\":\"Middle\",\"reportsToId\":\"" + top.get("id").asText() + "\"}");
        JsonNode bottom = create(stack, admin, "{\"name\":\"Bottom\",\"reportsToId\":\"" + middle.get("id").asText() + "\"}");

        assertErrorFields(send(stack, "PATCH", "/contacts/" + top.get("id").asText(), admin, etag(top),
                "{\"reportsToId\":\"" + bottom.get("id").asText() + "\"}"), "reportsToId");
        assertErrorFields(send(stack, "PATCH", "/contacts/" + top.get("id").asText(), admin, etag(top),
                "{\"reportsToId\":\"" + top.get("id").asText() + "\"}"), "reportsToId");
        JsonNode unchanged = json(send(stack, "GET", "/contacts/" + top.get("id").asText(), admin, null, null), 200);
        assertThat(unchanged.path("reportsToId").isMissingNode() || unchanged.path("reportsToId").isNull()).isTrue();
    }

    @Test
    void create_duplicateExternalId_is422(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String ext = "CRM-C-" + suffix();
        create(stack, admin, "{\"name\":\"First\",\"externalId\":\"" + ext + "\"}");

        JsonNode problem = assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Second\",\"externalId\":\"" + ext + "\"}"), "externalId");
        assertThat(problem.at("/errors/0/message").asText()).contains(ext);
    }

    @Test
    void list_filtersAndSort_returnExactlyTheMatches(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String accountId = account(stack, admin, "Filter Host " + suffix());
        String tag = suffix();
        JsonNode b = create(stack, admin, "{\"name\":\"B " + tag + "\",\"accountId\":\"" + accountId
                + "\",\"title\":\"A title\",\"buyingRole\":\"champion\",\"email\":\"b-" + tag + "@host.example\"}");
        JsonNode a = create(stack, admin, "{\"name\":\"A " + tag + "\",\"accountId\":\"" + accountId
                + "\",\"title\":\"Z title\",\"buyingRole\":\"blocker\",\"externalId\":\"ext-" + tag + "\"}");
        JsonNode elsewhere = create(stack, admin, "{\"name\":\"C " + tag + "\",\"buyingRole\":\"champion\"}");

        assertThat(ids(stack, admin, "/contacts?accountId=" + accountId + "&sort=name"))
                .containsExactly(id(a), id(b));
        assertThat(ids(stack, admin, "/contacts?accountId=" + accountId + "&sort=-title"))
                .containsExactly(id(a), id(b));
        assertThat(ids(stack, admin, "/contacts?q=" + tag + "&buyingRole=champion&sort=name"))
                .containsExactly(id(b), id(elsewhere));
        assertThat(ids(stack, admin, "/contacts?q=" + enc("B-" + tag + "@HOST"))).containsExactly(id(b));
        assertThat(ids(stack, admin, "/contacts?externalId=ext-" + tag)).containsExactly(id(a));
        String adminId = UserTeamIT.userId(stack, ADMIN);
        assertThat(ids(stack, admin, "/contacts?q=" + tag + "&ownerId=" + adminId + "&sort=-createdAt"))
                .containsExactly(id(elsewhere), id(a), id(b));
        JsonNode page = json(send(stack, "GET", "/contacts?q=" + tag + "&size=2&page=1&sort=name", admin, null, null),
                200);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items")).extracting(c -> c.get("id").asText()).containsExactly(id(elsewhere));
    }

    @Test
    void list_badFilterOrSort_is422NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        assertErrorFields(send(stack, "GET", "/contacts?buyingRole=boss", admin, null, null), "buyingRole");
        assertErrorFields(send(stack, "GET", "/contacts?accountId=nope", admin, null, null), "accountId");
        assertErrorFields(send(stack, "GET", "/contacts?sort=email", admin, null, null), "sort");
        assertErrorFields(send(stack, "GET", "/contacts?industry=retail", admin, null, null), "industry");
    }

    @Test
    void otherTenantsContact_is404OnEveryMethod(FupanStack stack) throws Exception {
        JsonNode lumens = create(stack, stack.token("admin@lumen.example"), "{\"name\":\"Lumen's contact\"}");
        String id = lumens.get("id").asText();
        String admin = stack.token(ADMIN);

        assertProblem(send(stack, "GET", "/contacts/" + id, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", "/contacts/" + id, admin, etag(lumens), "{\"title\":\"x\"}"), 404,
                "not-found");
        assertProblem(send(stack, "DELETE", "/contacts/" + id, admin, etag(lumens), null), 404, "not-found");
        assertThat(ids(stack, admin, "/contacts?size=500&q=Lumen")).doesNotContain(id);
        assertErrorFields(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"Cross\",\"reportsToId\":\"" + id + "\"}"), "reportsToId");
        json(send(stack, "GET", "/contacts/" + id, stack.token("admin@lumen.example"), null, null), 200);
    }

    @Test
    void get_rep_anotherRepsUnsharedContact_is404_untilSharedWithTheirTeam(FupanStack stack) throws Exception {
        UserTeamIT.salesTeam(stack);
        String rep1 = stack.token(REP1);
        String rep2 = stack.token(REP2);
        JsonNode theirs = create(stack, rep2, "{\"name\":\"Rep2 Private " + suffix() + "\"}");
        String id = theirs.get("id").asText();

        assertProblem(send(stack, "GET", "/contacts/" + id, rep1, null, null), 404, "not-found");
        assertThat(ids(stack, rep1, "/contacts?size=500")).doesNotContain(id);

        JsonNode shared = json(send(stack, "PATCH", "/contacts/" + id, rep2, etag(theirs), "{\"shared\":true}"), 200);

        assertThat(json(send(stack, "GET", "/contacts/" + id, rep1, null, null), 200).get("shared").asBoolean()).isTrue();
        assertThat(ids(stack, rep1, "/contacts?size=500")).contains(id);
        assertProblem(send(stack, "PATCH", "/contacts/" + id, rep1, etag(shared), "{\"title\":\"Changed by rep1\"}"),
                403, "forbidden");
        assertProblem(send(stack, "DELETE", "/contacts/" + id, rep1, etag(shared), null), 403, "forbidden");
    }

    @Test
    void get_rep_sharedContactOfSomeoneOutsideTheirTeam_is404(FupanStack stack) throws Exception {
        UserTeamIT.salesTeam(stack);
        String outsider = UserTeamIT.newUser(stack, "sales_rep");
        JsonNode theirs = create(stack, UserTeamIT.tokenOf(stack, outsider), "{\"name\":\"Outsider shared\",\"shared\":true}");

        assertProblem(send(stack, "GET", "/contacts/" + theirs.get("id").asText(), stack.token(REP1), null, null), 404,
                "not-found");
    }

    @Test
    void create_rep_forAnotherOwner_is403(FupanStack stack) throws Exception {
        String rep2Id = UserTeamIT.userId(stack, REP2);

        assertProblem(send(stack, "POST", "/contacts", stack.token(REP1), null,
                "{\"name\":\"Pushed on rep2\",\"ownerId\":\"" + rep2Id + "\"}"), 403, "forbidden");
    }

    @Test
    void list_manager_seesTeamMembersContactsButNotOthers(FupanStack stack) throws Exception {
        UserTeamIT.salesTeam(stack);
        String tag = suffix();
        JsonNode rep1s = create(stack, stack.token(REP1), "{\"name\":\"Team " + tag + " rep1\"}");
        JsonNode rep2s = create(stack, stack.token(REP2), "{\"name\":\"Team " + tag + " rep2\"}");
        JsonNode admins = create(stack, stack.token(ADMIN), "{\"name\":\"Team " + tag + " admin\"}");
        String manager = stack.token(MANAGER);

        assertThat(ids(stack, manager, "/contacts?q=" + tag)).containsExactlyInAnyOrder(id(rep1s), id(rep2s));
        json(send(stack, "GET", "/contacts/" + id(rep2s), manager, null, null), 200);
        assertProblem(send(stack, "GET", "/contacts/" + id(admins), manager, null, null), 404, "not-found");
        JsonNode changed = json(send(stack, "PATCH", "/contacts/" + id(rep2s), manager, etag(rep2s),
                "{\"title\":\"Set by manager\"}"), 200);
        assertThat(changed.get("title").asText()).isEqualTo("Set by manager");
    }

    @Test
    void contacts_marketing_is403(FupanStack stack) throws Exception {
        String marketing = stack.token(MARKETING);
        JsonNode contact = create(stack, stack.token(ADMIN), "{\"name\":\"Not for marketing\"}");

        assertProblem(send(stack, "GET", "/contacts", marketing, null, null), 403, "forbidden");
        assertProblem(send(stack, "GET", "/contacts/" + id(contact), marketing, null, null), 403, "forbidden");
        assertProblem(send(stack, "POST", "/contacts", marketing, null, "{\"name\":\"By marketing\"}"), 403, "forbidden");
        assertProblem(send(stack, "PATCH", "/contacts/" + id(contact), marketing, etag(contact), "{\"title\":\"x\"}"),
                403, "forbidden");
    }

    @Test
    void writes_viewer_are403ButReadsSeeTheTenant(FupanStack stack) throws Exception {
        String viewer = UserTeamIT.tokenOf(stack, UserTeamIT.newUser(stack, "viewer"));
        JsonNode contact = create(stack, stack.token(REP2), "{\"name\":\"Viewed " + suffix() + "\"}");

        json(send(stack, "GET", "/contacts/" + id(contact), viewer, null, null), 200);
        assertProblem(send(stack, "POST", "/contacts", viewer, null, "{\"name\":\"By viewer\"}"), 403, "forbidden");
        assertProblem(send(stack, "PATCH", "/contacts/" + id(contact), viewer, etag(contact), "{\"title\":\"x\"}"),
                403, "forbidden");
        assertProblem(send(stack, "DELETE", "/contacts/" + id(contact), viewer, etag(contact), null), 403,
                "forbidden");
        json(send(stack, "GET", "/contacts/" + id(contact), viewer, null, null), 200);
    }

    static JsonNode create(FupanStack stack, String token, String body) throws Exception {
        return json(send(stack, "POST", "/contacts", token, null, body), 201);
    }

    static String account(FupanStack stack, String token, String name) throws Exception {
        return json(send(stack, "POST", "/accounts", token, null, "{\"name\":\"" + name + "\"}"), 201).get("id").asText();
    }

    static java.util.List<String> ids(FupanStack stack, String token, String path) throws Exception {
        JsonNode list = json(send(stack, "GET", path, token, null, null), 200);
        var ids = new java.util.ArrayList<String>();
        list.get("items").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    static String id(JsonNode record) {
        return record.get("id").asText();
    }
}
