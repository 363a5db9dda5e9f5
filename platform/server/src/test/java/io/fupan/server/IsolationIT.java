package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation over every endpoint the server documents: for each path of the OpenAPI document
 * that names a record by id, and each of its methods, a user of one tenant asks for a record of the
 * other tenant and must get 404 — both ways round. The cases come from the document, not from a
 * hand-picked list: a new endpoint is covered (or fails here, asking for a record factory) the day
 * it appears.
 */
@ExtendWith(FupanServerExtension.class)
class IsolationIT {

    /** Paths whose parameters name no tenant record. */
    private static final Set<String> NOT_RECORD_PATHS = Set.of(
            "/api/v1/admin/tenants/{id}",                 // the platform's own table, operators only
            "/api/v1/custom-attributes/{entity}/{key}",   // a definition key, not a record id
            "/api/v1/import/{kind}",                      // an import kind (CSV upload), not a record id
            "/api/v1/export/{kind}",                      // an export kind (CSV download; isolation: ExportIT)
            "/api/v1/plugins/{id}",                       // a plugin id; per-tenant choice, see PluginIT
            "/api/v1/plugins/{id}/{path}",                // a plugin's own endpoints; storage isolation: PluginIT
            "/api/v1/plugins/events/dead-letters/{seq}/{plugin}/replay"); // another tenant's: PluginEventIT

    /** How to make one record of a collection in a tenant, as that tenant's admin; returns its id. */
    private static final Map<String, BiFunction<FupanStack, String, String>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("accounts", (stack, token) -> create(stack, token, "/accounts", "{\"name\":\"Iso account\"}"));
        FACTORIES.put("contacts", (stack, token) -> create(stack, token, "/contacts", "{\"name\":\"Iso contact\"}"));
        FACTORIES.put("leads", (stack, token) -> create(stack, token, "/leads", "{\"name\":\"Iso lead\"}"));
        FACTORIES.put("opportunities", (stack, token) -> create(stack, token, "/opportunities",
                "{\"name\":\"Iso opportunity\",\"amount\":1000}"));
        FACTORIES.put("activities", (stack, token) -> create(stack, token, "/activities",
                "{\"type\":\"call\",\"occurredAt\":\"2026-01-05T09:00:00Z\",\"leadId\":\""
                        + create(stack, token, "/leads", "{\"name\":\"Iso lead for activity\"}") + "\"}"));
        FACTORIES.put("teams", (stack, token) -> create(stack, token, "/teams",
                "{\"name\":\"Iso team " + System.nanoTime() + "\"}"));
        FACTORIES.put("import", (stack, token) -> { // /import/jobs/{id}: an asynchronous import's job
            HttpResponse<String> response = ImportIT.importFile(stack, token, "accounts?async=true",
                    "external_id,name\niso-" + System.nanoTime() + ",Iso import\n");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            return read(response).get("id").asText();
        });
        FACTORIES.put("users", (stack, token) -> {
            JsonNode users = read(send(stack, "GET", "/users?size=1", token, null, null));
            return users.get("items").get(0).get("id").asText();
        });
    }

    @TestFactory
    Stream<DynamicTest> everyRecordEndpoint_askedByAnotherTenant_is404(FupanStack stack) throws Exception {
        JsonNode openapi = JSON.readTree(stack.get("/openapi?format=JSON", null).body());
        List<DynamicTest> tests = new ArrayList<>();
        String acme = stack.token("admin@acme.example");
        String lumen = stack.token("admin@lumen.example");
        Map<String, String[]> ids = new LinkedHashMap<>(); // collection -> {acme id, lumen id}
        openapi.get("paths").fieldNames().forEachRemaining(path -> {
            if (!path.contains("{") || NOT_RECORD_PATHS.contains(path)) {
                return;
            }
            String collection = path.substring("/api/v1/".length()).split("/")[0];
            openapi.get("paths").get(path).fieldNames().forEachRemaining(method -> {
                if (!Set.of("get", "put", "patch", "post", "delete").contains(method)) {
                    return;
                }
                String name = method.toUpperCase() + " " + path;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    BiFunction<FupanStack, String, String> factory = FACTORIES.get(collection);
                    assertThat(factory).as("a record factory for /" + collection + " (add one to IsolationIT)").isNotNull();
                    String[] pair = ids.computeIfAbsent(collection,
                            c -> new String[] {factory.apply(stack, acme), factory.apply(stack, lumen)});
                    assertForeign(stack, method, path, pair[1], acme);
                    assertForeign(stack, method, path, pair[0], lumen);
                }));
            });
        });
        assertThat(tests).as("the OpenAPI document lists record endpoints").hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    private static void assertForeign(FupanStack stack, String method, String path, String foreignId, String token)
            throws Exception {
        String concrete = path.substring("/api/v1".length()).replaceAll("\\{[^}]+}", foreignId);
        String body = Set.of("post", "put", "patch").contains(method) ? "{}" : null;
        HttpResponse<String> response = send(stack, method.toUpperCase(), concrete, token, "\"0\"", body);
        assertThat(response.statusCode()).as(method.toUpperCase() + " " + concrete + " answered " + response.body())
                .isEqualTo(404);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).endsWith("/not-found");
    }

    private static String create(FupanStack stack, String token, String path, String body) {
        HttpResponse<String> response = send(stack, "POST", path, token, null, body);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(201);
        return read(response).get("id").asText();
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
