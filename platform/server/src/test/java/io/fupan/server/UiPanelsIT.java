package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UI panels (issue 8): {@code GET /api/v1/ui/panels} lists the panels of the plugins the caller's
 * tenant enabled, and {@code /plugin-ui/…} serves their files from the plugin jars — without a token,
 * as JavaScript, cached for a year on the build-versioned path — and nothing else: unknown plugins,
 * versions, builds and paths, files outside the jar's {@code ui/} folder and traversal are 404.
 */
@ExtendWith(FupanServerExtension.class)
class UiPanelsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void panels_acme_hasTheReviewPageScorePanelAndFocusList(FupanStack stack) throws Exception {
        JsonNode items = panels(stack, stack.token("rep1@acme.example"));

        assertThat(names(items)).containsExactly("lead-scoring/score:lead-detail", "lead-scoring/focus:lead-list",
                "review-dashboards/review:page");
        for (JsonNode p : items) {
            String version = JSON.readTree(send(stack, "GET", "/plugins/" + p.get("plugin").asText(),
                    stack.token("admin@acme.example"), null, null).body()).get("version").asText();
            assertThat(p.get("version").asText()).isEqualTo(version);
            assertThat(p.get("assets").asText()).matches("plugin-ui/" + p.get("plugin").asText() + "/"
                    + version.replace(".", "\\.") + "/[0-9a-f]{12}/");
            assertThat(p.at("/title/en").asText()).isNotBlank();
            assertThat(p.at("/title/zh-CN").asText()).isNotBlank();
        }
        JsonNode review = items.get(2);
        assertThat(review.at("/title/en").asText()).isEqualTo("Review");
        assertThat(review.at("/title/zh-CN").asText()).isEqualTo("复盘");
    }

    @Test
    void panels_tenantWithoutThePlugins_listsNoneOfTheirs(FupanStack stack) throws Exception {
        // lumen (lite) enabled review-dashboards only.
        assertThat(names(panels(stack, stack.token("admin@lumen.example")))).containsExactly("review-dashboards/review:page");

        // A new tenant has enabled nothing: no panel at all.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "panels-" + run;
        String password = "Panels-" + run;
        HttpResponse<String> created = send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"), null,
                "{\"id\":\"" + tenant + "\",\"name\":\"Panels " + run + "\",\"plan\":\"enterprise\",\"timeZone\":\"Asia/Shanghai\","
                        + "\"currency\":\"CNY\",\"adminEmail\":\"admin@" + tenant + ".example\",\"adminPassword\":\"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String admin = stack.keycloak().accessToken("admin@" + tenant + ".example", password);
        assertThat(panels(stack, admin)).isEmpty();

        // Enabling review-dashboards brings its page, and only that; disabling takes it away again.
        HttpResponse<String> enabled = send(stack, "PUT", "/plugins/review-dashboards", admin, null, "{\"enabled\":true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(names(panels(stack, admin))).containsExactly("review-dashboards/review:page");
        assertThat(send(stack, "PUT", "/plugins/review-dashboards", admin, null, "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertThat(panels(stack, admin)).isEmpty();
    }

    @Test
    void panels_withoutToken_is401(FupanStack stack) {
        assertThat(stack.get("/api/v1/ui/panels", null).statusCode()).isEqualTo(401);
    }

    @Test
    void assets_servedWithoutToken_asJavaScript_cachedForAYear(FupanStack stack) throws Exception {
        for (JsonNode p : panels(stack, stack.token("admin@acme.example"))) {
            HttpResponse<String> module = stack.get("/" + p.get("assets").asText() + p.get("module").asText(), null);
            assertThat(module.statusCode()).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
            assertThat(module.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "immutable");
            assertThat(module.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(module.body()).contains("export async function mount(");
            for (String locale : List.of("en", "zh-CN")) {
                HttpResponse<String> messages = stack.get("/" + p.get("assets").asText() + "i18n/" + locale + ".json", null);
                assertThat(messages.statusCode()).isEqualTo(200);
                assertThat(messages.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
                assertThat(JSON.readTree(messages.body()).size()).isGreaterThan(5);
            }
        }
    }

    @Test
    void assets_unknownOrOutsideTheUiFolder_are404(FupanStack stack) throws Exception {
        JsonNode review = panels(stack, stack.token("admin@acme.example")).get(2);
        String base = "/" + review.get("assets").asText(); // plugin-ui/review-dashboards/<version>/<build>/
        String[] parts = base.split("/");
        String version = parts[3];
        String build = parts[4];
        assertThat(stack.get(base + "review.js", null).statusCode()).isEqualTo(200);
        List<String> refused = List.of(
                base + "nope.js",                                            // not in the folder
                base + "i18n/fr.json",
                "/plugin-ui/no-such-plugin/" + version + "/" + build + "/review.js",
                "/plugin-ui/review-dashboards/9.9.9/" + build + "/review.js",   // version not installed
                "/plugin-ui/review-dashboards/" + version + "/000000000000/review.js", // another build
                "/plugin-ui/review-dashboards/" + version + "/review.js",
                base + "config-schema.json",                                 // in the jar, outside ui/
                base + "io/fupan/plugins/review/ReviewDashboards.class",
                base + "META-INF/MANIFEST.MF",
                base + "%2e%2e/config-schema.json",                          // traversal, encoded
                base + "..%2fconfig-schema.json",
                base + "%2e%2e%2f%2e%2e%2fMETA-INF/MANIFEST.MF",
                base + "..%5cconfig-schema.json",
                "/plugin-ui/");
        for (String path : refused) {
            HttpResponse<String> r = stack.get(path, null);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("Plugin-Id", "\"$schema\"", "export async function");
        }
        // A raw ../ the container resolves before the servlet: it lands outside /plugin-ui, where nothing is served either.
        HttpResponse<String> raw = stack.get(base + "../../../../WEB-INF/web.xml", null);
        assertThat(raw.statusCode()).isIn(400, 404);
        assertThat(raw.body()).doesNotContain("<web-app");
    }

    private static JsonNode panels(FupanStack stack, String token) throws Exception {
        HttpResponse<String> r = stack.get("/api/v1/ui/panels", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("items");
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(p -> names.add(p.get("plugin").asText() + "/" + p.get("id").asText() + ":" + p.get("slot").asText()));
        return names;
    }
}
