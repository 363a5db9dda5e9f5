package io.fupan.tools.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.StartupException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command end to end: PostgreSQL, Keycloak and the server come up with the demo tenants and
 * their generated demo data, stop, and come up again with the data of the first run (database rows
 * and Keycloak's users) without loading the demo data again.
 */
class RunFupanIT {

    private static final Path REPO = Path.of(System.getProperty("fupan.repo", "../..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void start_stopAndStartAgain_loadsDemoDataOnceAndKeepsDatabaseAndKeycloakData() throws Exception {
        Path home = Path.of("target/run-it").toAbsolutePath();
        Folders.delete(home);
        int http = Ports.free();
        int keycloak = Ports.free();
        int pg = Ports.free();
        // A small demo year (100 acme opportunities, 20 lumen) keeps the import short.
        Map<String, String> env = Map.of("FUPAN_HOME", home.toString(), "FUPAN_HTTP_PORT", Integer.toString(http),
                "FUPAN_KEYCLOAK_PORT", Integer.toString(keycloak), "FUPAN_PG_PORT", Integer.toString(pg),
                "FUPAN_DEMO_DATA", "100");

        RunFupan first = new RunFupan(REPO, env);
        String firstUserId;
        try {
            first.start();
            JsonNode me = me(http, keycloak);
            assertThat(me.at("/tenant/id").asText()).isEqualTo("acme");
            assertThat(me.get("roles").get(0).asText()).isEqualTo("tenant_admin");
            firstUserId = me.at("/user/id").asText();
            assertThat(total(http, keycloak, "admin@acme.example", "/opportunities")).as("acme demo opportunities").isEqualTo(100);
            assertThat(total(http, keycloak, "admin@acme.example", "/leads")).as("acme demo leads").isEqualTo(200);
            assertThat(total(http, keycloak, "admin@lumen.example", "/opportunities")).as("lumen demo opportunities")
                    .isEqualTo(20);
            // The files name rep1 as an owner; signed in before the import, rep1 stays an active user.
            assertThat(total(http, keycloak, "rep1@acme.example", "/opportunities")).as("rep1's own").isPositive();
            assertThat(home.resolve("demo/acme/opportunities.csv")).exists();
            Folders.delete(home.resolve("demo"));
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg + "/fupan", "fupan", "fupan")) {
                c.createStatement().execute("""
                        insert into tenant (id, name, plan, status, time_zone, currency, locale, source)
                        values ('kept', 'Kept Co', 'lite', 'active', 'UTC', 'EUR', 'en', 'api')""");
            }
        } finally {
            first.stopAll();
        }
        assertThat(Ports.inUse(http) || Ports.inUse(keycloak) || Ports.inUse(pg)).as("all three stopped").isFalse();

        RunFupan second = new RunFupan(REPO, env);
        try {
            second.start();
            JsonNode me = me(http, keycloak);
            assertThat(me.at("/user/id").asText()).as("Keycloak kept its users").isEqualTo(firstUserId);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg + "/fupan", "fupan", "fupan");
                 ResultSet rs = c.createStatement().executeQuery("select name from tenant where id = 'kept'")) {
                assertThat(rs.next()).as("PostgreSQL kept its rows").isTrue();
            }
            assertThat(total(http, keycloak, "admin@acme.example", "/opportunities")).as("demo data loaded once")
                    .isEqualTo(100);
            assertThat(home.resolve("demo")).as("nothing generated for tenants with data").doesNotExist();
        } finally {
            second.stopAll();
        }
    }

    @Test
    void start_portTakenByAnotherRun_refusesWithOneLine() {
        int busy = Ports.free();
        try (var socket = new java.net.ServerSocket(busy)) {
            RunFupan run = new RunFupan(REPO, Map.of("FUPAN_HOME", "target/run-it-busy", "FUPAN_PG_PORT",
                    Integer.toString(busy)));
            org.assertj.core.api.Assertions.assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining("Port " + busy + " for the embedded PostgreSQL is in use");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode me(int httpPort, int keycloakPort) throws Exception {
        return get(httpPort, keycloakPort, "admin@acme.example", "/me");
    }

    /** {@code total} of a list, as {@code username} sees it. */
    private long total(int httpPort, int keycloakPort, String username, String list) throws Exception {
        return get(httpPort, keycloakPort, username, list + "?size=1").get("total").asLong();
    }

    private JsonNode get(int httpPort, int keycloakPort, String username, String path) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + keycloakPort
                        + "/realms/fupan/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=fupan-cli&username="
                        + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
                        + "&password=fupan-demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/v1" + path))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

}
