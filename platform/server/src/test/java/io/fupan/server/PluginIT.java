package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin platform on a running server (issue 5, "Done when"): plugin jars dropped into the plugin
 * directory while the server runs — two versions of {@code echo}, one that throws, one that sleeps
 * past its budget, and three that must be refused (an API range this server does not provide, a
 * checksum that does not match, a file that is not a jar) — then enabled, pinned, configured per
 * tenant. Two enterprise tenants of its own ({@code plugina}, {@code pluginb}) keep the demo tenants'
 * choices as other tests expect them.
 */
@ExtendWith(FupanServerExtension.class)
class PluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Secret-pass-1";
    private static volatile boolean installed;

    /** Drops the test plugins into the running server's plugin directory and rescans, once per run. */
    static synchronized void install(FupanStack stack) throws Exception {
        if (installed) {
            return;
        }
        Path source = Path.of(System.getProperty("fupan.test-plugins.dir"));
        Path dir = FupanStack.pluginsDir();
        Files.createDirectories(dir);
        for (String jar : List.of("echo-1.0.0.jar", "echo-1.1.0.jar", "thrower-1.0.0.jar", "sleeper-1.0.0.jar",
                "echo-2.0.0-future-api.jar")) {
            publish(source.resolve(jar), dir.resolve(jar), null);
        }
        // The same jar as echo 1.0.0, with a checksum file that states another hash.
        publish(source.resolve("echo-1.0.0.jar"), dir.resolve("echo-tampered-1.0.0.jar"), "0".repeat(64));
        // A plugin that needs another plugin that is not installed.
        Path needy = dir.resolve("needy-1.0.0.jar");
        withManifest(source.resolve("echo-1.0.0.jar"), needy,
                Map.of("Plugin-Id", "needy", "Plugin-Dependencies", "ghost@>=1.0.0"));
        Files.writeString(dir.resolve("needy-1.0.0.jar.sha256"), sha256(needy));
        // Not a jar at all, with a checksum that matches its bytes.
        Path broken = dir.resolve("broken-1.0.0.jar");
        Files.writeString(broken, "this is not a zip file", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("broken-1.0.0.jar.sha256"), sha256(broken) + "  broken-1.0.0.jar\n");

        String operator = stack.token("operator@fupan.example");
        HttpResponse<String> scan = send(stack, "POST", "/admin/plugins/rescan", operator, null, null);
        assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        for (String tenant : List.of("plugina", "pluginb")) {
            HttpResponse<String> created = send(stack, "POST", "/admin/tenants", operator, null,
                    "{\"id\":\"" + tenant + "\",\"name\":\"Plugin test " + tenant + "\",\"plan\":\"enterprise\","
                            + "\"timeZone\":\"Asia/Shanghai\",\"currency\":\"CNY\",\"adminEmail\":\"admin@" + tenant
                            + ".example\",\"adminPassword\":\"" + PASSWORD + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        installed = true;
    }

    /** Copies a jar with some manifest entries replaced (a new version or id, other requirements). */
    static void withManifest(Path source, Path target, Map<String, String> entries) throws Exception {
        try (var in = Files.newInputStream(source); var src = new java.util.jar.JarInputStream(in)) {
            java.util.jar.Manifest mf = src.getManifest();
            entries.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
            try (var out = Files.newOutputStream(target); var dst = new java.util.jar.JarOutputStream(out, mf)) {
                for (java.util.jar.JarEntry e; (e = src.getNextJarEntry()) != null; ) {
                    dst.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    src.transferTo(dst);
                }
            }
        }
    }

    private static void publish(Path jar, Path target, String statedHash) throws Exception {
        Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolveSibling(target.getFileName() + ".sha256"),
                (statedHash != null ? statedHash : sha256(jar)) + "  " + target.getFileName() + "\n");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String admin(FupanStack stack, String tenant) {
        return stack.keycloak().accessToken("admin@" + tenant + ".example", PASSWORD);
    }

    private static HttpResponse<String> put(FupanStack stack, String token, String plugin, String body) {
        return send(stack, "PUT", "/plugins/" + plugin, token, null, body);
    }

    /**
     * For calls made at once from several threads: HTTP/1.1, one connection each. (The JDK client's
     * default, HTTP/2 by upgrade from h2c, let simultaneous first requests hang.)
     */
    private static final java.net.http.HttpClient PARALLEL = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private static HttpResponse<String> parallelGet(FupanStack stack, String path, String token) {
        try {
            return PARALLEL.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.api() + path))
                    .header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void scan_installsGoodJarsAndRefusesBadOnesWithTheReason_whileServing(FupanStack stack) throws Exception {
        install(stack);
        JsonNode catalog = json(send(stack, "GET", "/admin/plugins", stack.token("operator@fupan.example"), null, null));

        List<String> installedKeys = new ArrayList<>();
        catalog.get("installed").forEach(p -> installedKeys.add(p.get("id").asText() + "@" + p.get("version").asText()));
        // (other test classes may have installed more by now: the starter, a benchmark version)
        assertThat(installedKeys).contains("echo@1.1.0", "echo@1.0.0", "thrower@1.0.0", "sleeper@1.0.0")
                .doesNotContain("echo@2.0.0");
        assertThat(refusal(catalog, "echo-2.0.0-future-api.jar"))
                .isEqualTo("plugin echo 2.0.0 requires API >=9.0.0, but this server provides API " + io.fupan.api.ApiVersion.CURRENT);
        assertThat(refusal(catalog, "echo-tampered-1.0.0.jar")).startsWith("checksum mismatch: echo-tampered-1.0.0.jar.sha256"
                + " states 000000000000…");
        assertThat(refusal(catalog, "broken-1.0.0.jar")).startsWith("the file is not a readable jar");
        assertThat(refusal(catalog, "needy-1.0.0.jar")).isEqualTo("plugin needy@1.0.0 depends on plugin ghost >=1.0.0,"
                + " which is not installed in a fitting version");
        // ... and the server keeps serving.
        assertThat(stack.get("/api/v1/me", stack.token("admin@acme.example")).statusCode()).isEqualTo(200);
    }

    private static String refusal(JsonNode catalog, String file) {
        for (JsonNode r : catalog.get("refused")) {
            if (r.get("file").asText().equals(file)) {
                return r.get("reason").asText();
            }
        }
        throw new AssertionError(file + " was not refused: " + catalog);
    }

    @Test
    void pluginWaitingForADependency_installsWhenTheDependencyArrives(FupanStack stack) throws Exception {
        install(stack);
        Path source = Path.of(System.getProperty("fupan.test-plugins.dir")).resolve("echo-1.0.0.jar");
        Path dir = FupanStack.pluginsDir();
        String operator = stack.token("operator@fupan.example");
        Path needs = dir.resolve("needs-base-1.0.0.jar");
        withManifest(source, needs, Map.of("Plugin-Id", "needs-base", "Plugin-Dependencies", "base-lib@>=2.0.0"));
        Files.writeString(dir.resolve("needs-base-1.0.0.jar.sha256"), sha256(needs));
        JsonNode first = json(send(stack, "POST", "/admin/plugins/rescan", operator, null, null));
        assertThat(refusal(first, "needs-base-1.0.0.jar")).isEqualTo("plugin needs-base@1.0.0 depends on plugin"
                + " base-lib >=2.0.0, which is not installed in a fitting version");

        Path base = dir.resolve("base-lib-2.1.0.jar");
        withManifest(source, base, Map.of("Plugin-Id", "base-lib", "Plugin-Version", "2.1.0"));
        Files.writeString(dir.resolve("base-lib-2.1.0.jar.sha256"), sha256(base));
        JsonNode second = json(send(stack, "POST", "/admin/plugins/rescan", operator, null, null));

        List<String> installedKeys = new ArrayList<>();
        second.get("installed").forEach(p -> installedKeys.add(p.get("id").asText() + "@" + p.get("version").asText()));
        assertThat(installedKeys).contains("base-lib@2.1.0", "needs-base@1.0.0");
        assertThat(second.get("refused").toString()).doesNotContain("needs-base");
    }

    @Test
    void twoTenants_onTwoVersions_answerAtOnceEachWithItsOwn(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        String b = admin(stack, "pluginb");
        assertThat(put(stack, a, "echo", "{\"enabled\":true,\"version\":\"1.0.0\"}").statusCode()).isEqualTo(200);
        assertThat(put(stack, b, "echo", "{\"enabled\":true,\"version\":\"1.1.0\"}").statusCode()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String token = i % 2 == 0 ? a : b;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    HttpResponse<String> r = parallelGet(stack, "/plugins/echo/version", token);
                    try {
                        JsonNode body = JSON.readTree(r.body());
                        return r.statusCode() + " " + body.get("tenant").asText() + " " + body.get("version").asText()
                                + " " + r.headers().firstValue("Fupan-Plugin-Version").orElse("-");
                    } catch (Exception e) {
                        return r.statusCode() + " " + r.body();
                    }
                }, pool));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(30, TimeUnit.SECONDS))
                        .isEqualTo(i % 2 == 0 ? "200 plugina 1.0.0 1.0.0" : "200 pluginb 1.1.0 1.1.0");
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode listed = json(send(stack, "GET", "/plugins", b, null, null)).get("items");
        JsonNode echo = null;
        for (JsonNode p : listed) {
            if (p.get("id").asText().equals("echo")) {
                echo = p;
            }
        }
        assertThat(echo).isNotNull();
        assertThat(echo.get("version").asText()).isEqualTo("1.1.0");
        assertThat(echo.get("enabled").asBoolean()).isTrue();
        assertThat(echo.get("plan").asText()).isEqualTo("first-party");
        assertThat(echo.get("availableVersions")).extracting(JsonNode::asText).containsSubsequence("1.1.0", "1.0.0")
                .doesNotContain("2.0.0");
        assertThat(echo.at("/configSchema/properties/repeat/maximum").asInt()).isEqualTo(5);
        // GET /me names the same enabled plugin and version as the activation table.
        JsonNode me = json(stack.get("/api/v1/me", b));
        assertThat(me.get("plugins").toString()).contains("{\"id\":\"echo\",\"version\":\"1.1.0\"}");
    }

    @Test
    void tenant_upgradedAndRolledBack_withoutRestart(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        long pid = stack.server().pid();

        put(stack, a, "echo", "{\"enabled\":true,\"version\":\"1.0.0\"}");
        assertThat(json(send(stack, "GET", "/plugins/echo/version", a, null, null)).get("version").asText()).isEqualTo("1.0.0");
        JsonNode upgraded = json(put(stack, a, "echo", "{\"version\":\"1.1.0\"}"));
        assertThat(upgraded.get("version").asText()).isEqualTo("1.1.0");
        assertThat(json(send(stack, "GET", "/plugins/echo/version", a, null, null)).get("version").asText()).isEqualTo("1.1.0");
        put(stack, a, "echo", "{\"version\":\"1.0.0\"}");
        assertThat(json(send(stack, "GET", "/plugins/echo/version", a, null, null)).get("version").asText()).isEqualTo("1.0.0");
        assertThat(stack.server().pid()).isEqualTo(pid);
    }

    @Test
    void liteTenant_enablingAFirstPartyPlugin_is403WithTheReason(FupanStack stack) throws Exception {
        install(stack);
        String lumen = stack.token("admin@lumen.example");

        JsonNode problem = assertProblem(put(stack, lumen, "echo", "{\"enabled\":true}"), 403, "forbidden");

        assertThat(problem.get("detail").asText()).startsWith("Plan 'lite' does not include plugin 'echo' (tier first-party);"
                + " it allows review-dashboards.");
        assertThat(json(send(stack, "GET", "/plugins", lumen, null, null)).get("items").toString()).doesNotContain("\"echo\"");
        assertProblem(send(stack, "GET", "/plugins/echo/version", lumen, null, null), 404, "not-found");
    }

    @Test
    void badConfig_isRejectedWithTheFields_andNothingChanges(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        put(stack, a, "echo", "{\"enabled\":true,\"config\":{\"greeting\":\"team\"}}");

        JsonNode problem = assertProblem(put(stack, a, "echo",
                "{\"enabled\":true,\"config\":{\"repeat\":9,\"colour\":\"red\"}}"), 422, "validation");

        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("config.repeat", "config.colour");
        assertThat(json(send(stack, "GET", "/plugins/echo", a, null, null)).get("config").toString())
                .isEqualTo("{\"greeting\":\"team\"}");
        // the schema's own messages, in the tenant admin's language
        Map<String, String> english = new java.util.HashMap<>();
        problem.get("errors").forEach(e -> english.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(english.get("config.repeat")).isEqualTo("must have a maximum value of 5");
        assertThat(english.get("config.colour")).startsWith("property 'colour' is not defined in the schema");
        JsonNode zh = assertProblem(stack.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.api() + "/plugins/echo"))
                .header("Authorization", "Bearer " + a).header("Accept-Language", "zh-CN")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"config\":{\"repeat\":9,\"colour\":\"red\"}}"))
                .build()), 422, "validation");
        Map<String, String> chinese = new java.util.HashMap<>();
        zh.get("errors").forEach(e -> chinese.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(chinese.get("config.repeat")).isEqualTo("最大值必须为 5");
        assertThat(chinese.get("config.colour")).contains("“colour”").contains("不允许附加属性");
        assertThat(json(send(stack, "GET", "/plugins/echo/version", a, null, null)).at("/config/greeting").asText())
                .isEqualTo("team");
    }

    @Test
    void nonAdmin_changingAPlugin_is403(FupanStack stack) throws Exception {
        install(stack);
        assertProblem(put(stack, stack.token("rep1@acme.example"), "echo", "{\"enabled\":true}"), 403, "forbidden");
    }

    @Test
    void disabledPlugin_endpointsAre404_andComeBackWhenEnabled(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        put(stack, a, "echo", "{\"enabled\":false}");

        assertProblem(send(stack, "GET", "/plugins/echo/version", a, null, null), 404, "not-found");

        put(stack, a, "echo", "{\"enabled\":true}");
        assertThat(send(stack, "GET", "/plugins/echo/version", a, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void throwingAndSleepingPlugins_failOnlyTheirOwnCalls(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        put(stack, a, "echo", "{\"enabled\":true}");
        put(stack, a, "thrower", "{\"enabled\":true}");
        put(stack, a, "sleeper", "{\"enabled\":true}");

        JsonNode failed = assertProblem(send(stack, "GET", "/plugins/thrower/boom", a, null, null), 502, "plugin-failed");
        assertThat(failed.get("detail").asText()).isEqualTo("Plugin thrower@1.0.0 failed in GET boom: thrower always fails (boom)");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // Six sleepers at once: more than the plugin's four threads; each ends as a timeout or as busy.
            List<CompletableFuture<HttpResponse<String>>> sleepers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sleepers.add(CompletableFuture.supplyAsync(
                        () -> parallelGet(stack, "/plugins/sleeper/nap", a), pool));
            }
            Thread.sleep(300);
            // Meanwhile every other request works, and quickly.
            long start = System.nanoTime();
            assertThat(send(stack, "GET", "/plugins/echo/version", a, null, null).statusCode()).isEqualTo(200);
            assertThat(stack.get("/api/v1/me", a).statusCode()).isEqualTo(200);
            assertThat(send(stack, "GET", "/accounts", a, null, null).statusCode()).isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
            for (CompletableFuture<HttpResponse<String>> sleeper : sleepers) {
                HttpResponse<String> r = sleeper.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isIn(504, 503);
                assertProblem(r, r.statusCode(), r.statusCode() == 504 ? "plugin-timeout" : "plugin-busy");
            }
        } finally {
            pool.shutdownNow();
        }
        // The sleeper's threads were interrupted and freed: it answers (with its timeout) again, not busy.
        assertProblem(send(stack, "GET", "/plugins/sleeper/nap", a, null, null), 504, "plugin-timeout");
        String metrics = stack.get("/metrics?scope=application", null).body();
        assertThat(metrics).containsPattern("fupan_plugin_calls_total\\{[^}]*outcome=\"failed\"[^}]*plugin=\"thrower\"");
        assertThat(metrics).containsPattern("fupan_plugin_calls_total\\{[^}]*outcome=\"timeout\"[^}]*plugin=\"sleeper\"");
    }

    @Test
    void storage_isTheTenantsOwn_anotherTenantCannotReadIt(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        String b = admin(stack, "pluginb");
        put(stack, a, "echo", "{\"enabled\":true}");
        put(stack, b, "echo", "{\"enabled\":true}");

        assertThat(send(stack, "PUT", "/plugins/echo/storage/secret", a, null, "{\"owner\":\"a\"}").statusCode())
                .isEqualTo(204);

        assertThat(json(send(stack, "GET", "/plugins/echo/storage/secret", a, null, null)).get("json").asText())
                .isEqualTo("{\"owner\": \"a\"}");
        assertProblem(send(stack, "GET", "/plugins/echo/storage/secret", b, null, null), 404, "no-entry");
    }

    /**
     * A plugin reading leads and activities whole ({@code forEach}: straight from the tables, in id order) gets
     * exactly what it gets page by page ({@code list}: through the entities), under each filter and from a
     * given id on, and only its tenant's records.
     */
    @Test
    void forEach_readsExactlyWhatListPagesRead_filteredAndFromAnId_inTheTenantOnly(FupanStack stack) throws Exception {
        install(stack);
        String a = admin(stack, "plugina");
        String b = admin(stack, "pluginb");
        put(stack, a, "echo", "{\"enabled\":true}");
        put(stack, b, "echo", "{\"enabled\":true}");
        HttpResponse<String> defined = send(stack, "POST", "/custom-attributes", a, null, "{\"entity\":\"lead\","
                + "\"key\":\"seats\",\"type\":\"number\",\"labelZh\":\"席位\",\"labelEn\":\"Seats\"}");
        assertThat(defined.statusCode()).isIn(201, 409);
        String tag = "fe" + System.nanoTime();
        List<String> leads = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> lead = send(stack, "POST", "/leads", a, null, "{\"name\":\"" + tag + " " + i
                    + "\",\"company\":\"Co " + i + "\",\"channel\":\"web\",\"industry\":\"" + tag + (i % 2)
                    + "\",\"employees\":" + (10 * i) + (i == 3 ? "" : ",\"custom\":{\"seats\":" + i + "}") + "}");
            assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
            leads.add(json(lead).get("id").asText());
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> activity = send(stack, "POST", "/activities", a, null, "{\"type\":\"call\","
                    + "\"occurredAt\":\"2026-03-0" + (i + 1) + "T09:30:00+08:00\",\"subject\":\"" + tag + "\",\"leadId\":\""
                    + leads.get(i) + "\"}");
            assertThat(activity.statusCode()).as(activity.body()).isEqualTo(201);
        }

        for (String query : List.of("leads", "leads?industry=" + tag + "1", "leads?status=new&industry=" + tag + "0",
                "activities?leadId=" + leads.get(1), "activities?type=call")) {
            JsonNode read = json(send(stack, "GET", "/plugins/echo/records/" + query, a, null, null));
            assertThat(read.get("forEach")).as(query).isNotEmpty().isEqualTo(read.get("list"));
        }
        JsonNode odd = json(send(stack, "GET", "/plugins/echo/records/leads?industry=" + tag + "1", a, null, null));
        assertThat(odd.get("forEach")).extracting(l -> l.get("id").asText())
                .containsExactlyInAnyOrder(leads.get(1), leads.get(3), leads.get(5));
        assertThat(odd.get("forEach")).anySatisfy(l -> assertThat(l.at("/custom/seats").asInt()).isEqualTo(5));
        JsonNode all = json(send(stack, "GET", "/plugins/echo/records/leads", a, null, null)).get("list");
        String middle = all.get(all.size() / 2).get("id").asText();
        JsonNode after = json(send(stack, "GET", "/plugins/echo/records/leads?after=" + middle, a, null, null));
        List<JsonNode> rest = new java.util.ArrayList<>();
        all.forEach(rest::add);
        assertThat(after.get("forEach")).containsExactlyElementsOf(rest.subList(all.size() / 2 + 1, rest.size()));

        JsonNode other = json(send(stack, "GET", "/plugins/echo/records/leads", b, null, null));
        assertThat(other.get("forEach")).isEqualTo(other.get("list"))
                .noneSatisfy(l -> assertThat(leads).contains(l.get("id").asText()));
    }

    @Test
    void pluginServices_readTheTenantsRecordsAndSpeakItsLanguage(FupanStack stack) throws Exception {
        install(stack);
        String b = admin(stack, "pluginb");
        put(stack, b, "echo", "{\"enabled\":true,\"config\":{\"greeting\":\"Fupan\"}}");
        assertThat(send(stack, "POST", "/opportunities", b, null, "{\"name\":\"Plugin deal\"}").statusCode()).isEqualTo(201);

        JsonNode counted = json(send(stack, "GET", "/plugins/echo/opportunities", b, null, null));
        assertThat(counted.get("total").asLong()).isEqualTo(1);
        assertThat(counted.get("stages").asInt()).isGreaterThan(2);
        HttpResponse<String> zh = stack.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.api() + "/plugins/echo/hello"))
                .header("Authorization", "Bearer " + b).header("Accept-Language", "zh-CN").GET().build());
        assertThat(json(zh).get("text").asText()).isEqualTo("你好，Fupan！");
        HttpResponse<String> en = stack.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.api() + "/plugins/echo/hello"))
                .header("Authorization", "Bearer " + b).header("Accept-Language", "en").GET().build());
        assertThat(json(en).get("text").asText()).isEqualTo("Hello, Fupan!");
    }
}
