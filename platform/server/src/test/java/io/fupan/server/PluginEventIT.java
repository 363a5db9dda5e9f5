package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Domain events to plugins (DESIGN.md "Events"): written to the outbox in the change's transaction,
 * delivered after commit to the test plugin {@code echo}, which logs each event of a record in its
 * storage; a listener that throws is retried, then dead-lettered, and replayed by the admin.
 */
@ExtendWith(FupanServerExtension.class)
class PluginEventIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String admin(FupanStack stack, String tenant) {
        return stack.keycloak().accessToken("admin@" + tenant + ".example", "Secret-pass-1");
    }

    /** Polls {@code path} every 100 ms until {@code done} holds (at most {@code seconds}); returns the last body. */
    private static JsonNode await(FupanStack stack, String token, String path, Predicate<JsonNode> done, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode body;
        do {
            body = JSON.readTree(send(stack, "GET", path, token, null, null).body());
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return body;
    }

    @Test
    void stageChanges_reachTheListenerAfterCommit_inOrder(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        String b = admin(stack, "pluginb");
        assertThat(send(stack, "PUT", "/plugins/echo", b, null, "{\"enabled\":true,\"version\":\"1.1.0\",\"config\":{}}")
                .statusCode()).isEqualTo(200);
        JsonNode o = JSON.readTree(send(stack, "POST", "/opportunities", b, null,
                "{\"name\":\"Event deal\",\"stage\":\"contacted\",\"amount\":1000}").body());
        String id = o.get("id").asText();
        for (String stage : new String[] {"needs_confirmed", "solution_demo", "won"}) {
            HttpResponse<String> moved = send(stack, "PATCH", "/opportunities/" + id, b,
                    "\"" + o.get("version").asLong() + "\"", "{\"stage\":\"" + stage + "\"}");
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            o = JSON.readTree(moved.body());
        }

        JsonNode log = await(stack, b, "/plugins/echo/log/" + id, body -> body.get("log").asText().contains("closed"), 10);

        assertThat(JSON.readTree(log.get("log").asText())).extracting(JsonNode::asText).containsExactly(
                "opportunity.stage-changed:contacted", "opportunity.stage-changed:needs_confirmed",
                "opportunity.stage-changed:solution_demo", "opportunity.stage-changed:won", "opportunity.closed:won");
    }

    @Test
    void failingListener_isRetriedThenDeadLettered_andReplayedByTheAdmin(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        String a = admin(stack, "plugina");
        assertThat(send(stack, "PUT", "/plugins/echo", a, null, "{\"enabled\":true,\"version\":\"1.1.0\",\"config\":{\"failEvents\":true}}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> created = send(stack, "POST", "/leads", a, null, "{\"name\":\"Dead letter lead\",\"channel\":\"web\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String lead = JSON.readTree(created.body()).get("id").asText();

        JsonNode dead = await(stack, a, "/plugins/events/dead-letters",
                body -> body.get("items").toString().contains(lead), 20);

        JsonNode letter = null;
        for (JsonNode d : dead.get("items")) {
            if (d.get("recordId").asText().equals(lead)) {
                letter = d;
            }
        }
        assertThat(letter).as(dead.toString()).isNotNull();
        assertThat(letter.get("type").asText()).isEqualTo("lead.created");
        assertThat(letter.get("pluginId").asText()).isEqualTo("echo");
        assertThat(letter.get("attempts").asInt()).isEqualTo(4);
        assertThat(letter.get("lastError").asText()).isEqualTo(
                "Plugin echo@1.1.0 failed in event lead.created: echo refuses events (failEvents is set)");
        assertProblem(send(stack, "GET", "/plugins/events/dead-letters", stack.token("rep1@acme.example"), null, null),
                403, "forbidden");

        // Another tenant cannot replay (or see) it: 404, as for any foreign record.
        assertProblem(send(stack, "POST", "/plugins/events/dead-letters/" + letter.get("seq").asLong() + "/echo/replay",
                admin(stack, "pluginb"), null, null), 404, "not-found");
        assertThat(JSON.readTree(send(stack, "GET", "/plugins/events/dead-letters", admin(stack, "pluginb"), null, null)
                .body()).get("items").toString()).doesNotContain(lead);

        send(stack, "PUT", "/plugins/echo", a, null, "{\"config\":{}}");
        HttpResponse<String> replayed = send(stack, "POST", "/plugins/events/dead-letters/" + letter.get("seq").asLong()
                + "/echo/replay", a, null, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

        JsonNode log = await(stack, a, "/plugins/echo/log/" + lead, body -> !body.get("log").asText().equals("[]"), 10);
        assertThat(JSON.readTree(log.get("log").asText())).extracting(JsonNode::asText).containsExactly("lead.created");
        assertThat(JSON.readTree(send(stack, "GET", "/plugins/events/dead-letters", a, null, null).body())
                .get("items").toString()).doesNotContain(lead);
    }

    @Test
    void scheduledJob_runsForEachTenantThatEnabledThePlugin(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        String b = admin(stack, "pluginb");
        assertThat(send(stack, "PUT", "/plugins/echo", b, null, "{\"enabled\":true}").statusCode()).isEqualTo(200);

        JsonNode ticks = await(stack, b, "/plugins/echo/ticks", body -> body.get("ticks").asLong() >= 2, 20);

        assertThat(ticks.get("ticks").asLong()).isGreaterThanOrEqualTo(2);
        // lumen (lite) cannot enable echo, so its job never runs there.
        assertProblem(send(stack, "GET", "/plugins/echo/ticks", stack.token("admin@lumen.example"), null, null),
                404, "not-found");
    }

    @Test
    void imports_writeTheirEventsToo_stageChangesAndQuotes(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        String b = admin(stack, "pluginb");
        assertThat(send(stack, "PUT", "/plugins/echo", b, null, "{\"enabled\":true,\"config\":{}}").statusCode())
                .isEqualTo(200);
        String p = ImportIT.prefix();
        ImportIT.ok(ImportIT.importFile(stack, b, "opportunities",
                "external_id,name,created_at,stage\n" + p + "-o,Imported " + p + ",2025-01-10T02:00:00Z,contacted\n"));
        ImportIT.ok(ImportIT.importFile(stack, b, "stage-history",
                "opportunity,stage,entered_at\n" + p + "-o,contacted,2025-01-10T02:00:00Z\n"
                        + p + "-o,quote,2025-02-01T02:00:00Z\n"));
        ImportIT.ok(ImportIT.importFile(stack, b, "quotes", "external_id,opportunity,version,issued_at,list_total,net_total\n"
                + p + "-q,"+ p + "-o,1,2025-02-02T02:00:00Z,1200.00,1000.00\n"));
        JsonNode o = JSON.readTree(send(stack, "GET", "/opportunities?externalId=" + p + "-o", b, null, null).body())
                .get("items").get(0);
        String id = o.get("id").asText();
        assertThat(o.get("stage").asText()).isEqualTo("quote");

        JsonNode log = await(stack, b, "/plugins/echo/log/" + id,
                body -> body.get("log").asText().contains("stage-changed:quote"), 10);

        assertThat(JSON.readTree(log.get("log").asText())).extracting(JsonNode::asText).containsExactly(
                "opportunity.stage-changed:contacted", "opportunity.stage-changed:quote");
        JsonNode quotes = await(stack, b, "/plugins/echo/quotes", body -> body.toString().contains(id), 10);
        assertThat(quotes.toString()).contains(id);
    }
}
