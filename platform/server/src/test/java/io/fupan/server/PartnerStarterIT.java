package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The partner starter (plugins/examples/partner-starter, "stalled deal alerts") dropped into the
 * plugin directory of a running server: it installs, a tenant enables it, its scan flags the deal
 * that sits in its stage past the benchmark, and the stage change (an event) clears the alert.
 */
@ExtendWith(FupanServerExtension.class)
class PartnerStarterIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void starter_droppedIntoThePluginDirectory_flagsStalledDealsAndClearsMovedOnes(FupanStack stack) throws Exception {
        PluginIT.install(stack);
        Path jar = Path.of(System.getProperty("fupan.test-plugins.dir")).resolve("stalled-deals-1.1.0.jar");
        Path target = FupanStack.pluginsDir().resolve("stalled-deals-1.1.0.jar");
        Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolveSibling("stalled-deals-1.1.0.jar.sha256"), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar))) + "  stalled-deals-1.1.0.jar\n");
        String operator = stack.token("operator@fupan.example");
        JsonNode scan = JSON.readTree(send(stack, "POST", "/admin/plugins/rescan", operator, null, null).body());
        // (the periodic scan may have been first: look at what is installed, not at what this scan did)
        assertThat(scan.get("installed").toString()).contains("\"file\":\"stalled-deals-1.1.0.jar\"");

        String b = stack.keycloak().accessToken("admin@pluginb.example", "Secret-pass-1");
        HttpResponse<String> enabled = send(stack, "PUT", "/plugins/stalled-deals", b, null,
                "{\"enabled\":true,\"config\":{\"thresholds\":{\"contacted\":3}}}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        String p = "s" + UUID.randomUUID().toString().substring(0, 8);
        String fourDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).truncatedTo(ChronoUnit.SECONDS).toString();
        String yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS).toString();
        String csv = "external_id,name,created_at,stage\n"
                + p + "-1,Stalled boiler " + p + "," + fourDaysAgo + ",contacted\n"
                + p + "-2,Fresh pump " + p + "," + yesterday + ",contacted\n";
        HttpResponse<String> imported = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/import/opportunities"))
                .header("Authorization", "Bearer " + b).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        JsonNode flagged = JSON.readTree(send(stack, "POST", "/plugins/stalled-deals/scan", b, null, "").body());
        JsonNode alerts = JSON.readTree(send(stack, "GET", "/plugins/stalled-deals/alerts", b, null, null).body());

        // (the tenant may hold other stalled deals from other tests: look at this test's two)
        assertThat(flagged.get("flagged").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode alert = null;
        List<String> ours = new ArrayList<>();
        for (JsonNode a : alerts.get("items")) {
            if (a.get("name").asText().endsWith(p)) {
                ours.add(a.get("name").asText());
                alert = a;
            }
        }
        assertThat(ours).containsExactly("Stalled boiler " + p);
        assertThat(alert.get("stage").asText()).isEqualTo("contacted");
        assertThat(alert.get("daysInStage").asInt()).isEqualTo(4);
        assertThat(alert.get("thresholdDays").asInt()).isEqualTo(3);

        // The alert is also a signal on the deal (API 0.3.0): its detail shows it in the caller's
        // language, only while the tenant has the plugin enabled, and never to another tenant.
        String id = alert.get("opportunityId").asText();
        JsonNode signals = signals(stack, b, id, "en");
        assertThat(signals.get("items")).hasSize(1);
        JsonNode signal = signals.get("items").get(0);
        assertThat(signal.get("pluginId").asText()).isEqualTo("stalled-deals");
        assertThat(signal.get("kind").asText()).isEqualTo("stalled");
        assertThat(signal.get("level").asText()).isEqualTo("at-risk");
        assertThat(signal.get("score").asInt()).isEqualTo(4);
        assertThat(signal.get("reason").asText()).isEqualTo("Stalled boiler " + p + " has been in stage contacted for 4 days (threshold 3).");
        assertThat(signals(stack, b, id, "zh-CN").get("items").get(0).get("reason").asText())
                .isEqualTo("Stalled boiler " + p + " 在阶段 contacted 已停留 4 天（阈值 3 天）。");
        String a = stack.keycloak().accessToken("admin@plugina.example", "Secret-pass-1");
        assertThat(send(stack, "GET", "/opportunities/" + id + "/signals", a, null, null).statusCode()).isEqualTo(404);
        assertThat(send(stack, "PUT", "/plugins/stalled-deals", b, null, "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertThat(signals(stack, b, id, "en").get("items")).isEmpty();
        assertThat(send(stack, "PUT", "/plugins/stalled-deals", b, null,
                "{\"enabled\":true,\"config\":{\"thresholds\":{\"contacted\":3}}}").statusCode()).isEqualTo(200);
        assertThat(signals(stack, b, id, "en").get("items")).hasSize(1);

        // Moving the deal on is an event; the plugin's listener clears its alert and its signal.
        JsonNode o = JSON.readTree(send(stack, "GET", "/opportunities/" + id, b, null, null).body());
        assertThat(send(stack, "PATCH", "/opportunities/" + id, b, "\"" + o.get("version").asLong() + "\"",
                "{\"stage\":\"needs_confirmed\"}").statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            alerts = JSON.readTree(send(stack, "GET", "/plugins/stalled-deals/alerts", b, null, null).body());
            if (!alerts.toString().contains(id)) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(alerts.toString()).doesNotContain(id);
        assertThat(signals(stack, b, id, "en").get("items")).isEmpty();
    }

    private static JsonNode signals(FupanStack stack, String token, String id, String language) throws Exception {
        HttpResponse<String> r = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/opportunities/" + id + "/signals"))
                .header("Authorization", "Bearer " + token).header("Accept-Language", language).GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
