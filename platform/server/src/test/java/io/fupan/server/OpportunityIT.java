package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /opportunities} and {@code /opportunities/{id}/history}: CRUD, defaults, stage history, visibility. */
@ExtendWith(FupanServerExtension.class)
class OpportunityIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void create_withAccountOnly_defaultsCurrencyStageOwnerIndustryAndRegion(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String accountId = account(stack, admin, "{\"name\":\"Default Source Co\",\"industry\":\"mining\",\"region\":\"west\"}");

        HttpResponse<String> created = send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Conveyor retrofit\",\"accountId\":\"" + accountId + "\",\"amount\":120000.50}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode o = JSON.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/opportunities/" + o.get("id").asText()));
        assertThat(created.headers().firstValue("ETag")).hasValue("\"" + o.get("version").asLong() + "\"");
        assertThat(o.get("currency").asText()).isEqualTo("CNY");
        assertThat(o.get("stage").asText()).isEqualTo("contacted");
        assertThat(o.get("industry").asText()).isEqualTo("mining");
        assertThat(o.get("region").asText()).isEqualTo("west");
        assertThat(o.get("amount").decimalValue()).isEqualByComparingTo("120000.50");
        assertThat(o.get("ownerId").asText()).isNotBlank();
        assertThat(at(o, "stageEnteredAt")).isEqualTo(at(o, "createdAt"));
        assertThat(o.has("closedAt")).isFalse();
    }

    @Test
    void create_explicitFields_overrideDefaultsAndCurrencyIsUpperCased(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String accountId = account(stack, admin, "{\"name\":\"Override Co\",\"industry\":\"mining\",\"region\":\"west\"}");

        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Export deal\",\"accountId\":\"" + accountId + "\",\"currency\":\"usd\",\"industry\":\"energy\","
                        + "\"stage\":\"quote\",\"channel\":\"partner\",\"closeDate\":\"2025-09-30\",\"shared\":true}"));

        assertThat(o.get("currency").asText()).isEqualTo("USD");
        assertThat(o.get("industry").asText()).isEqualTo("energy");
        assertThat(o.get("region").asText()).isEqualTo("west");
        assertThat(o.get("stage").asText()).isEqualTo("quote");
        assertThat(o.get("channel").asText()).isEqualTo("partner");
        assertThat(o.get("closeDate").asText()).isEqualTo("2025-09-30");
        assertThat(o.get("shared").asBoolean()).isTrue();
    }

    @Test
    void create_inLumen_defaultsToLumensCurrency(FupanStack stack) throws Exception {
        JsonNode o = created(send(stack, "POST", "/opportunities", stack.token("admin@lumen.example"), null,
                "{\"name\":\"Studio licence\"}"));

        assertThat(o.get("currency").asText()).isEqualTo("EUR");
        assertThat(o.has("industry")).isFalse();
    }

    @Test
    void create_thenGet_returnsTheOpportunityWithETagAndOneHistoryEntry(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Get me\",\"amount\":10}"));
        String id = o.get("id").asText();

        HttpResponse<String> got = send(stack, "GET", "/opportunities/" + id, admin, null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + o.get("version").asLong() + "\"");
        assertThat(JSON.readTree(got.body()).get("name").asText()).isEqualTo("Get me");

        JsonNode history = history(stack, admin, id);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("stage").asText()).isEqualTo("contacted");
        assertThat(at(history.get(0), "enteredAt")).isEqualTo(at(o, "createdAt"));
        assertThat(history.get(0).get("movedById").asText()).isEqualTo(o.get("ownerId").asText());
    }

    @Test
    void update_stageChange_writesHistoryByTheCallerAndMovesStageEnteredAt(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Mover\"}"));
        String id = o.get("id").asText();

        JsonNode moved = ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(o), "{\"stage\":\"needs_confirmed\"}"));

        assertThat(moved.get("stage").asText()).isEqualTo("needs_confirmed");
        JsonNode history = history(stack, admin, id);
        assertThat(history).extracting(h -> h.get("stage").asText()).containsExactly("contacted", "needs_confirmed");
        assertThat(history.get(1).get("movedById").asText()).isEqualTo(o.get("ownerId").asText());
        assertThat(at(history.get(1), "enteredAt")).isEqualTo(at(moved, "stageEnteredAt"));
        assertThat(at(moved, "stageEnteredAt")).isNotEqualTo(at(o, "stageEnteredAt"));
        assertThat(moved.has("closedAt")).isFalse();

        JsonNode same = ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(moved),
                "{\"stage\":\"needs_confirmed\",\"amount\":99}"));
        assertThat(at(same, "stageEnteredAt")).isEqualTo(at(moved, "stageEnteredAt"));
        assertThat(history(stack, admin, id)).hasSize(2);
    }

    @Test
    void update_toWonOrLost_setsClosedAt_andReopening_clearsIt(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Closer\",\"stage\":\"negotiation\"}"));
        String id = o.get("id").asText();

        JsonNode won = ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(o), "{\"stage\":\"won\"}"));
        assertThat(at(won, "closedAt")).isEqualTo(at(won, "stageEnteredAt"));

        JsonNode reopened = ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(won), "{\"stage\":\"negotiation\"}"));
        assertThat(reopened.has("closedAt")).isFalse();
        JsonNode stored = JSON.readTree(send(stack, "GET", "/opportunities/" + id, admin, null, null).body());
        assertThat(stored.has("closedAt")).isFalse();

        JsonNode lost = ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(reopened), "{\"stage\":\"lost\"}"));
        assertThat(at(lost, "closedAt")).isEqualTo(at(lost, "stageEnteredAt"));
        assertThat(history(stack, admin, id)).extracting(h -> h.get("stage").asText())
                .containsExactly("negotiation", "won", "negotiation", "lost");
    }

    @Test
    void create_unknownStage_is422NamingTheStagesOfThePipeline(FupanStack stack) throws Exception {
        JsonNode problem = assertProblem(send(stack, "POST", "/opportunities", stack.token("admin@acme.example"), null,
                "{\"name\":\"Nowhere\",\"stage\":\"dreaming\"}"), 422, "validation");

        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("stage");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("\"dreaming\" is not a stage of this pipeline"
                + " (stages: contacted, needs_confirmed, solution_demo, quote, negotiation, won, lost)");
    }

    @Test
    void update_unknownStage_is422AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Stay put\"}"));
        String id = o.get("id").asText();

        JsonNode problem = assertProblem(send(stack, "PATCH", "/opportunities/" + id, admin, etag(o),
                "{\"stage\":\"dreaming\",\"amount\":5}"), 422, "validation");

        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("stage");
        JsonNode stored = JSON.readTree(send(stack, "GET", "/opportunities/" + id, admin, null, null).body());
        assertThat(stored.get("stage").asText()).isEqualTo("contacted");
        assertThat(stored.has("amount")).isFalse();
        assertThat(stored.get("version").asLong()).isEqualTo(o.get("version").asLong());
        assertThat(history(stack, admin, id)).hasSize(1);
    }

    @Test
    void create_badFields_is422NamingEachField(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");

        JsonNode problem = assertProblem(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\" \",\"amount\":-1,\"closeDate\":\"soon\",\"accountId\":\"nope\",\"probability\":3}"),
                422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("closeDate", "accountId", "probability");

        JsonNode beans = assertProblem(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\" \",\"amount\":1.005,\"currency\":\"EURO\"}"), 422, "validation");
        assertThat(beans.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("name", "amount", "currency");

        assertThat(assertProblem(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Neg\",\"amount\":-1}"),
                422, "validation").at("/errors/0/field").asText()).isEqualTo("amount");
        assertThat(assertProblem(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Cur\",\"currency\":\"ZZQ\"}"),
                422, "validation").at("/errors/0/field").asText()).isEqualTo("currency");
        assertThat(assertProblem(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Acc\",\"accountId\":\"" + UUID.randomUUID() + "\"}"), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("accountId");
        assertThat(assertProblem(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Lead\",\"leadId\":\"" + UUID.randomUUID() + "\"}"), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("leadId");
    }

    @Test
    void update_withStaleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Stale deal\"}"));
        String id = o.get("id").asText();
        ok(send(stack, "PATCH", "/opportunities/" + id, admin, etag(o), "{\"amount\":100}"));

        assertProblem(send(stack, "PATCH", "/opportunities/" + id, admin, etag(o), "{\"stage\":\"won\",\"amount\":200}"),
                412, "stale");

        JsonNode stored = JSON.readTree(send(stack, "GET", "/opportunities/" + id, admin, null, null).body());
        assertThat(stored.get("amount").decimalValue()).isEqualByComparingTo("100");
        assertThat(stored.get("stage").asText()).isEqualTo("contacted");
        assertThat(history(stack, admin, id)).hasSize(1);
    }

    @Test
    void update_withoutIfMatch_is428(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"No match deal\"}"));

        assertProblem(send(stack, "PATCH", "/opportunities/" + o.get("id").asText(), admin, null, "{\"amount\":1}"),
                428, "precondition-required");
    }

    @Test
    void delete_withETag_removesTheOpportunityAndItsHistory(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode o = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Doomed\"}"));
        String id = o.get("id").asText();

        assertThat(send(stack, "DELETE", "/opportunities/" + id, admin, etag(o), null).statusCode()).isEqualTo(204);

        assertProblem(send(stack, "GET", "/opportunities/" + id, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/opportunities/" + id + "/history", admin, null, null), 404, "not-found");
    }

    @Test
    void everyMethod_otherTenantsOpportunity_is404(FupanStack stack) throws Exception {
        JsonNode lumens = created(send(stack, "POST", "/opportunities", stack.token("admin@lumen.example"), null,
                "{\"name\":\"Lumen's deal\"}"));
        String path = "/opportunities/" + lumens.get("id").asText();
        String acme = stack.token("admin@acme.example");

        assertProblem(send(stack, "GET", path, acme, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", path + "/history", acme, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", path, acme, etag(lumens), "{\"stage\":\"won\"}"), 404, "not-found");
        assertProblem(send(stack, "DELETE", path, acme, etag(lumens), null), 404, "not-found");
        JsonNode list = JSON.readTree(send(stack, "GET", "/opportunities?size=500&q=lumen's", acme, null, null).body());
        assertThat(list.get("items")).extracting(i -> i.get("id").asText()).doesNotContain(lumens.get("id").asText());
        assertThat(JSON.readTree(send(stack, "GET", path, stack.token("admin@lumen.example"), null, null).body())
                .get("stage").asText()).isEqualTo("contacted");
    }

    @Test
    void list_rep_seesOwnOpportunitiesButNotAnotherRepsUnsharedOnes(FupanStack stack) throws Exception {
        String rep1 = stack.token("rep1@acme.example");
        String rep2 = stack.token("rep2@acme.example");
        JsonNode mine = created(send(stack, "POST", "/opportunities", rep1, null, "{\"name\":\"Rep1 deal\"}"));
        JsonNode theirs = created(send(stack, "POST", "/opportunities", rep2, null, "{\"name\":\"Rep2 deal\"}"));

        JsonNode list = JSON.readTree(send(stack, "GET", "/opportunities?size=500", rep1, null, null).body());

        assertThat(list.get("items")).extracting(i -> i.get("id").asText())
                .contains(mine.get("id").asText()).doesNotContain(theirs.get("id").asText());
        assertProblem(send(stack, "GET", "/opportunities/" + theirs.get("id").asText(), rep1, null, null), 404, "not-found");
        assertProblem(send(stack, "GET", "/opportunities/" + theirs.get("id").asText() + "/history", rep1, null, null),
                404, "not-found");
        assertProblem(send(stack, "PATCH", "/opportunities/" + theirs.get("id").asText(), rep1, etag(theirs),
                "{\"stage\":\"won\"}"), 404, "not-found");
        assertThat(history(stack, rep1, mine.get("id").asText())).hasSize(1);
        assertProblem(send(stack, "GET", "/opportunities", stack.token("marketing@acme.example"), null, null),
                403, "forbidden");
    }

    @Test
    void list_filtersAndSort_selectExactlyTheMatchingOpportunities(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String accountId = account(stack, admin, "{\"name\":\"Filter Co\"}");
        String small = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Filter small\",\"accountId\":\""
                + accountId + "\",\"amount\":10,\"channel\":\"web\"}")).get("id").asText();
        String big = created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Filter big\",\"accountId\":\""
                + accountId + "\",\"amount\":1000,\"stage\":\"won\"}")).get("id").asText();
        String q = "/opportunities?accountId=" + accountId;

        assertThat(ids(stack, admin, q + "&sort=-amount")).containsExactly(big, small);
        assertThat(ids(stack, admin, q + "&sort=amount")).containsExactly(small, big);
        assertThat(ids(stack, admin, q + "&stage=won")).containsExactly(big);
        assertThat(ids(stack, admin, q + "&closed=true")).containsExactly(big);
        assertThat(ids(stack, admin, q + "&closed=false")).containsExactly(small);
        assertThat(ids(stack, admin, q + "&channel=web")).containsExactly(small);
        assertThat(ids(stack, admin, q + "&q=BIG")).containsExactly(big);
        assertThat(ids(stack, admin, q + "&createdFrom=2000-01-01&createdTo=2999-01-01")).hasSize(2);
        assertThat(ids(stack, admin, q + "&createdTo=2000-01-01")).isEmpty();

        assertThat(assertProblem(send(stack, "GET", q + "&stage=dreaming", admin, null, null), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("stage");
        assertThat(assertProblem(send(stack, "GET", q + "&closed=maybe", admin, null, null), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("closed");
        assertThat(assertProblem(send(stack, "GET", q + "&sort=colour", admin, null, null), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("sort");
        assertThat(assertProblem(send(stack, "GET", q + "&createdFrom=yesterday", admin, null, null), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("createdFrom");
    }

    static String account(FupanStack stack, String token, String body) throws Exception {
        return created(send(stack, "POST", "/accounts", token, null, body)).get("id").asText();
    }

    static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A time field as an instant: the offset the server writes it with does not matter. */
    static java.time.Instant at(JsonNode record, String field) {
        assertThat(record.hasNonNull(field)).as(field + " of " + record).isTrue();
        return java.time.OffsetDateTime.parse(record.get(field).asText()).toInstant();
    }

    static String etag(JsonNode record) {
        return "\"" + record.get("version").asLong() + "\"";
    }

    static JsonNode history(FupanStack stack, String token, String id) throws Exception {
        return ok(send(stack, "GET", "/opportunities/" + id + "/history", token, null, null)).get("items");
    }

    static java.util.List<String> ids(FupanStack stack, String token, String path) throws Exception {
        java.util.List<String> ids = new java.util.ArrayList<>();
        ok(send(stack, "GET", path, token, null, null)).get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
