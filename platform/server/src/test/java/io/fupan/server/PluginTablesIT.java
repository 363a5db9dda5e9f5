package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plugin's own tables and its changes to core records, on a running server, with the test plugin
 * {@code ledger}: its migrations run at install; tenants see only their rows; its SQL cannot reach core
 * tables or move the tenant; it moves a lead's status (history, audit as {@code plugin:ledger}, a
 * {@code lead.status-changed} event), records activities, and writes the scores the lead list sorts by.
 * A plugin whose migrations break the rules for plugin tables is refused with the reason.
 */
@ExtendWith(FupanServerExtension.class)
class PluginTablesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String a;
    private static String b;

    @BeforeAll
    static void install(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        Path source = Path.of(System.getProperty("fupan.test-plugins.dir")).resolve("ledger-1.0.0.jar");
        Path dir = FupanStack.pluginsDir();
        publish(source, dir.resolve("ledger-1.0.0.jar"));
        // The same plugin under another id, whose migration makes a table without tenant_id first.
        Path bad = dir.resolve("ledger-loose-1.0.0.jar");
        rewrite(source, bad, "ledger-loose", "create table loose (id bigint primary key, body text);\n");
        Files.writeString(dir.resolve("ledger-loose-1.0.0.jar.sha256"), sha256(bad) + "  ledger-loose-1.0.0.jar\n");
        String operator = stack.token("operator@fupan.example");
        assertThat(send(stack, "POST", "/admin/plugins/rescan", operator, null, null).statusCode()).isEqualTo(200);
        a = stack.keycloak().accessToken("admin@plugina.example", "Secret-pass-1");
        b = stack.keycloak().accessToken("admin@pluginb.example", "Secret-pass-1");
        for (String token : new String[] {a, b}) {
            HttpResponse<String> on = send(stack, "PUT", "/plugins/ledger", token, null, "{\"enabled\":true}");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        }
    }

    @Test
    void migrationsThatBreakTheRules_refuseThePlugin_withTheReason(FupanStack stack) throws Exception {
        JsonNode catalog = JSON.readTree(send(stack, "GET", "/admin/plugins", stack.token("operator@fupan.example"),
                null, null).body());
        String reason = null;
        for (JsonNode r : catalog.get("refused")) {
            if (r.get("file").asText().equals("ledger-loose-1.0.0.jar")) {
                reason = r.get("reason").asText();
            }
        }
        assertThat(reason).startsWith("its tables break the rules for plugin tables: table loose: its first column must"
                + " be tenant_id text not null");
        assertThat(send(stack, "GET", "/plugins/ledger-loose/notes", a, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void currencyRates_areTheTenantAdminsTable_validatedFieldByField_andWhatPluginsConvertWith(FupanStack stack)
            throws Exception {
        HttpResponse<String> put = send(stack, "PUT", "/currency-rates", a, null,
                "{\"rates\":[{\"currency\":\"USD\",\"rate\":7.1},{\"currency\":\"EUR\",\"rate\":7.75}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode table = JSON.readTree(send(stack, "GET", "/currency-rates", a, null, null).body());
        assertThat(table.get("currency").asText()).isEqualTo("CNY");
        assertThat(table.get("items").toString()).contains("\"currency\":\"EUR\",\"rate\":7.75")
                .contains("\"currency\":\"USD\",\"rate\":7.1");
        assertThat(JSON.readTree(send(stack, "GET", "/currency-rates", b, null, null).body()).get("items")).isEmpty();
        JsonNode seen = JSON.readTree(send(stack, "GET", "/plugins/ledger/currencies", a, null, null).body());
        assertThat(seen.get("currency").asText()).isEqualTo("CNY");
        assertThat(seen.get("rates").get("USD").decimalValue()).isEqualByComparingTo("7.1");
        assertThat(seen.get("rates").get("EUR").decimalValue()).isEqualByComparingTo("7.75");
        assertThat(JSON.readTree(send(stack, "GET", "/plugins/ledger/currencies", b, null, null).body())
                .get("rates").size()).isZero();

        HttpResponse<String> bad = send(stack, "PUT", "/currency-rates", a, null, "{\"rates\":[{\"currency\":\"XYZ\","
                + "\"rate\":1},{\"currency\":\"CNY\",\"rate\":2},{\"currency\":\"JPY\",\"rate\":-1},"
                + "{\"currency\":\"GBP\",\"rate\":\"a lot\"},{\"currency\":\"JPY\",\"rate\":0.05}]}");
        assertThat(bad.statusCode()).as(bad.body()).isBetween(400, 422);
        assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        List<String> fields = new java.util.ArrayList<>();
        JSON.readTree(bad.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("rates[3].rate");
        if (!fields.equals(List.of("rates[3].rate"))) { // type errors first; then every rule at once
            assertThat(fields).containsExactlyInAnyOrder("rates[0].currency", "rates[1].currency", "rates[2].rate",
                    "rates[3].rate", "rates[4].currency");
        }
        HttpResponse<String> rules = send(stack, "PUT", "/currency-rates", a, null, "{\"rates\":[{\"currency\":\"XYZ\","
                + "\"rate\":1},{\"currency\":\"CNY\",\"rate\":2},{\"currency\":\"JPY\",\"rate\":-1},"
                + "{\"currency\":\"JPY\",\"rate\":0.05}]}");
        List<String> ruleFields = new java.util.ArrayList<>();
        JSON.readTree(rules.body()).get("errors").forEach(e -> ruleFields.add(e.get("field").asText()));
        assertThat(ruleFields).as(rules.body()).containsExactly("rates[0].currency", "rates[1].currency", "rates[2].rate",
                "rates[3].currency");
        assertThat(JSON.readTree(send(stack, "GET", "/currency-rates", a, null, null).body()).get("items")).hasSize(2);

        assertThat(send(stack, "PUT", "/currency-rates", a, null, "{\"rates\":[]}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send(stack, "GET", "/currency-rates", a, null, null).body()).get("items")).isEmpty();
    }

    @Test
    void eachTenantSeesOnlyItsOwnRows(FupanStack stack) throws Exception {
        long id = System.nanoTime();
        HttpResponse<String> wrote = send(stack, "POST", "/plugins/ledger/notes", a, null,
                "{\"id\":" + id + ",\"body\":\"plugina's note\"}");
        assertThat(wrote.statusCode()).as(wrote.body()).isEqualTo(201);
        assertThat(send(stack, "GET", "/plugins/ledger/notes", a, null, null).body()).contains("plugina's note");
        assertThat(send(stack, "GET", "/plugins/ledger/notes", b, null, null).body()).doesNotContain("plugina's note");
        HttpResponse<String> invalid = send(stack, "POST", "/plugins/ledger/notes", a, null, "{\"body\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode errors = JSON.readTree(invalid.body()).get("errors");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("id");
        assertThat(errors.get(1).get("field").asText()).isEqualTo("body");
        HttpResponse<String> csv = send(stack, "GET", "/plugins/ledger/export", a, null, null);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.body()).startsWith("id,body\n").contains(id + ",plugina's note\n");
        HttpResponse<String> page = send(stack, "GET", "/plugins/ledger/page", a, null, null);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.body()).contains("<title>笔记</title>");
        HttpResponse<String> again = send(stack, "POST", "/plugins/ledger/notes", b, null,
                "{\"id\":" + id + ",\"body\":\"same id, other tenant\"}");
        assertThat(again.statusCode()).as("keys are per tenant: " + again.body()).isEqualTo(201);
    }

    @Test
    void pluginSql_cannotReachCoreTables_norMoveTheTenant(FupanStack stack) throws Exception {
        HttpResponse<String> core = send(stack, "POST", "/plugins/ledger/sql", a, null,
                "{\"sql\":\"select count(*) from public.lead\"}");
        assertThat(core.statusCode()).isEqualTo(422);
        assertThat(core.body()).contains("permission denied");
        HttpResponse<String> move = send(stack, "POST", "/plugins/ledger/sql", a, null,
                "{\"sql\":\"select set_config('fupan.tenant', 'pluginb', true)\"}");
        assertThat(move.statusCode()).isEqualTo(422);
        assertThat(move.body()).contains("set_config");
        HttpResponse<String> two = send(stack, "POST", "/plugins/ledger/sql", a, null,
                "{\"sql\":\"select 1; reset role\"}");
        assertThat(two.statusCode()).isEqualTo(422);
        HttpResponse<String> other = send(stack, "POST", "/plugins/ledger/sql", a, null,
                "{\"sql\":\"select count(*) as n from note where tenant_id = 'pluginb'\"}");
        assertThat(JSON.readTree(other.body()).get(0).get("n").asLong()).isZero();
    }

    @Test
    void changes_moveTheLead_asThePlugin_andTheEventReachesListeners(FupanStack stack) throws Exception {
        String lead = createLead(stack, a, "Ledger lead " + UUID.randomUUID());
        HttpResponse<String> moved = send(stack, "POST", "/plugins/ledger/status", a, null,
                "{\"leadId\":\"" + lead + "\",\"status\":\"mql\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).get("status").asText()).isEqualTo("mql");
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + lead, a, null, null).body()).get("status").asText())
                .isEqualTo("mql");
        JsonNode audit = JSON.readTree(send(stack, "GET", "/audit?entityType=lead&entityId=" + lead, a, null, null).body());
        assertThat(audit.toString()).contains("plugin:ledger");

        HttpResponse<String> invalid = send(stack, "POST", "/plugins/ledger/status", a, null,
                "{\"leadId\":\"" + lead + "\",\"status\":\"won\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("status");
        HttpResponse<String> foreign = send(stack, "POST", "/plugins/ledger/status", b, null,
                "{\"leadId\":\"" + lead + "\",\"status\":\"sql\"}");
        assertThat(foreign.statusCode()).as("another tenant's lead is unknown to B's plugin").isEqualTo(404);

        HttpResponse<String> activity = send(stack, "POST", "/plugins/ledger/activities", a, null,
                "{\"leadId\":\"" + lead + "\",\"type\":\"page_view\",\"subject\":\"pricing\"}");
        assertThat(activity.statusCode()).as(activity.body()).isEqualTo(201);
        assertThat(send(stack, "GET", "/activities?leadId=" + lead, a, null, null).body()).contains("pricing");

        long until = System.currentTimeMillis() + 15_000;
        String events = "";
        while (System.currentTimeMillis() < until && !events.contains("new->mql")) {
            Thread.sleep(200);
            events = send(stack, "GET", "/plugins/ledger/events", a, null, null).body();
        }
        assertThat(events).contains("\"type\":\"lead.status-changed\",\"recordId\":\"" + lead + "\",\"detail\":\"new->mql\"");
        assertThat(send(stack, "GET", "/plugins/ledger/events", b, null, null).body()).doesNotContain(lead);
    }

    @Test
    void leadScores_showOnTheLeadList_sortAndFilter(FupanStack stack) throws Exception {
        String high = createLead(stack, a, "Scored high " + UUID.randomUUID());
        String low = createLead(stack, a, "Scored low " + UUID.randomUUID());
        HttpResponse<String> scored = send(stack, "POST", "/plugins/ledger/scores", a, null,
                "{\"" + high + "\":{\"total\":9999,\"grade\":\"A\",\"predicted\":0.93},"
                        + "\"" + low + "\":{\"total\":-5,\"grade\":\"D\"}," + "\"" + UUID.randomUUID()
                        + "\":{\"total\":1}}");
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        assertThat(JSON.readTree(scored.body()).get("written").asInt()).isEqualTo(2);

        JsonNode first = JSON.readTree(send(stack, "GET", "/leads?sort=-score&size=1", a, null, null).body())
                .get("items").get(0);
        assertThat(first.get("id").asText()).isEqualTo(high);
        assertThat(first.get("score").get("total").decimalValue()).isEqualByComparingTo("9999");
        assertThat(first.get("score").get("grade").asText()).isEqualTo("A");
        assertThat(first.get("score").get("predicted").asDouble()).isEqualTo(0.93);
        assertThat(send(stack, "GET", "/leads?grade=D", a, null, null).body()).contains(low).doesNotContain(high);
        assertThat(send(stack, "GET", "/leads?minScore=100", a, null, null).body()).contains(high).doesNotContain(low);
        assertThat(send(stack, "GET", "/leads?grade=E", a, null, null).statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + low, a, null, null).body()).get("score").get("grade")
                .asText()).isEqualTo("D");

        // Sorted by score, a lead not scored yet is still listed, after the scored ones either way.
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
        String none = createLead(stack, a, "Not scored " + tag);
        String top = createLead(stack, a, "Top " + tag);
        String bottom = createLead(stack, a, "Bottom " + tag);
        assertThat(send(stack, "POST", "/plugins/ledger/scores", a, null, "{\"" + top + "\":{\"total\":50,\"grade\":\"B\"},"
                + "\"" + bottom + "\":{\"total\":10,\"grade\":\"C\"}}").statusCode()).isEqualTo(200);
        for (String sort : List.of("-score", "score")) {
            JsonNode page = JSON.readTree(send(stack, "GET", "/leads?q=" + tag + "&sort=" + sort, a, null, null).body());
            assertThat(page.get("total").asInt()).as(sort).isEqualTo(3);
            assertThat(page.get("items")).extracting(l -> l.get("id").asText()).as(sort)
                    .containsExactlyElementsOf(sort.equals("score") ? List.of(bottom, top, none) : List.of(top, bottom, none));
            assertThat(page.get("items").get(2).path("score").isMissingNode()).as("no score shown").isTrue();
        }
        // A score written again replaces the last (in place), and an unknown lead is still skipped.
        HttpResponse<String> again = send(stack, "POST", "/plugins/ledger/scores", a, null, "{\"" + bottom
                + "\":{\"total\":70,\"grade\":\"B\"},\"" + UUID.randomUUID() + "\":{\"total\":1}}");
        assertThat(JSON.readTree(again.body()).get("written").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(send(stack, "GET", "/leads?q=" + tag + "&sort=-score", a, null, null).body()).get("items"))
                .extracting(l -> l.get("id").asText()).containsExactly(bottom, top, none);
        // A null score takes a lead's score away.
        assertThat(send(stack, "POST", "/plugins/ledger/scores", a, null, "{\"" + top + "\":null}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + top, a, null, null).body()).path("score").isMissingNode())
                .isTrue();
    }

    /** An import's burst of events waits for the plugin's pool instead of finding it full: none dies. */
    @Test
    void aBurstOfEvents_waitsForThePlugin_andNoneDies(FupanStack stack) throws Exception {
        String sql = "{\"sql\":\"select count(*) as n from seen_event where type = 'lead.created'\"}";
        long before = JSON.readTree(send(stack, "POST", "/plugins/ledger/sql", b, null, sql).body()).get(0).get("n").asLong();
        String p = "burst" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("external_id,name,created_at\n");
        for (int i = 0; i < 1500; i++) {
            csv.append(p).append('-').append(i).append(",Burst lead ").append(i).append(",2026-01-05T08:00:00Z\n");
        }
        HttpResponse<String> imported = stack.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.api() + "/import/leads"))
                .header("Authorization", "Bearer " + b).header("Content-Type", "text/csv; charset=utf-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        long until = System.currentTimeMillis() + 60_000;
        long seen = 0;
        while (System.currentTimeMillis() < until && seen < before + 1500) {
            Thread.sleep(250);
            seen = JSON.readTree(send(stack, "POST", "/plugins/ledger/sql", b, null, sql).body()).get(0).get("n").asLong();
        }
        assertThat(seen).isEqualTo(before + 1500);
        JsonNode dead = JSON.readTree(send(stack, "GET", "/plugins/events/dead-letters", b, null, null).body());
        assertThat(dead.toString()).doesNotContain("\"ledger\"");
    }

    @Test
    void backfillReads_walkEveryRecordInChunks(FupanStack stack) throws Exception {
        JsonNode counts = JSON.readTree(send(stack, "GET", "/plugins/ledger/counts", a, null, null).body());
        long opportunities = JSON.readTree(send(stack, "GET", "/opportunities?size=1", a, null, null).body())
                .get("total").asLong();
        long users = JSON.readTree(send(stack, "GET", "/users?size=1", a, null, null).body()).get("total").asLong();
        assertThat(counts.get("opportunities").asLong()).isEqualTo(opportunities);
        assertThat(counts.get("users").asLong()).isEqualTo(users);
    }

    private static String createLead(FupanStack stack, String token, String name) throws Exception {
        HttpResponse<String> made = send(stack, "POST", "/leads", token, null, "{\"name\":\"" + name + "\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return JSON.readTree(made.body()).get("id").asText();
    }

    private static void publish(Path jar, Path target) throws Exception {
        Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolveSibling(target.getFileName() + ".sha256"),
                sha256(jar) + "  " + target.getFileName() + "\n");
    }

    /** Copies the ledger jar under another plugin id, with its one migration replaced by {@code migration}. */
    private static void rewrite(Path source, Path target, String id, String migration) throws Exception {
        try (var in = Files.newInputStream(source); var src = new java.util.jar.JarInputStream(in)) {
            java.util.jar.Manifest mf = src.getManifest();
            mf.getMainAttributes().putValue("Plugin-Id", id);
            try (var out = Files.newOutputStream(target); var dst = new java.util.jar.JarOutputStream(out, mf)) {
                for (java.util.jar.JarEntry e; (e = src.getNextJarEntry()) != null; ) {
                    dst.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    if (e.getName().equals("db/ledger/V1__ledger.sql")) {
                        dst.write(migration.getBytes(StandardCharsets.UTF_8));
                    } else {
                        src.transferTo(dst);
                    }
                }
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
