package io.fupan.testkit;

import io.fupan.testkit.stack.Keycloak;
import io.fupan.testkit.stack.Liberty;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The running trio a test talks to: PostgreSQL, Keycloak and the Fupan server, each on a free
 * port, started once per test run (see {@link FupanServerExtension}) and stopped at its end.
 *
 * <p>Where the parts come from is told by system properties that the build sets:
 * {@code fupan.liberty.home} (the wlp folder of platform/server), {@code fupan.keycloak.dist}
 * (the Keycloak zip), {@code fupan.keycloak.realm-file}, {@code fupan.tenant-config.dir} and
 * {@code fupan.work.dir} (where data and logs of the run go).
 */
public final class FupanStack implements AutoCloseable {

    public static final String DEMO_PASSWORD = "fupan-demo";

    private final Postgres postgres;
    private final Keycloak keycloak;
    private final Liberty liberty;
    private final HttpClient http = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client's default (HTTP/2 by h2c upgrade) left simultaneous first requests hanging.
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private FupanStack(Postgres postgres, Keycloak keycloak, Liberty liberty) {
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.liberty = liberty;
    }

    static FupanStack startForTests(Postgres postgres) {
        Path work = Path.of(required("fupan.work.dir"));
        Keycloak keycloak = Keycloak.start(Path.of(required("fupan.keycloak.dist")), work.resolve("keycloak"),
                Path.of(required("fupan.keycloak.realm-file")), Ports.free(), true, "admin",
                Duration.ofMinutes(4));
        try {
            // Each run starts with an empty plugin directory, as its database starts empty.
            io.fupan.testkit.stack.Folders.delete(pluginsDir());
            java.nio.file.Files.createDirectories(pluginsDir());
        } catch (java.io.IOException e) {
            keycloak.close();
            throw new java.io.UncheckedIOException(e);
        }
        try {
            Liberty liberty = Liberty.start(Path.of(required("fupan.liberty.home")), Ports.free(),
                    serverEnvironment(postgres, keycloak, Path.of(required("fupan.tenant-config.dir"))),
                    null, Duration.ofMinutes(3));
            // The web UI on this run's port signs in through Keycloak (browser tests).
            keycloak.allowWebApp(liberty.url());
            return new FupanStack(postgres, keycloak, liberty);
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
    }

    /** The environment that points the Fupan server at these parts. */
    public static Map<String, String> serverEnvironment(Postgres postgres, Keycloak keycloak, Path tenantConfig) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "FUPAN_DB_URL", postgres.jdbcUrl(),
                "FUPAN_DB_USER", Postgres.USER,
                "FUPAN_DB_PASSWORD", Postgres.PASSWORD,
                "FUPAN_DB_APP_USER", Postgres.APP_USER,
                "FUPAN_DB_APP_PASSWORD", Postgres.APP_PASSWORD,
                "FUPAN_KEYCLOAK_URL", keycloak.url(),
                "FUPAN_TENANT_CONFIG_DIR", tenantConfig.toAbsolutePath().toString()));
        String work = System.getProperty("fupan.work.dir");
        if (work != null && !work.isBlank()) {
            env.put("FUPAN_PLUGINS_DIR", pluginsDir().toString());
        }
        return env;
    }

    /**
     * The plugin directory of a test run ({@code <fupan.work.dir>/plugins}): tests drop plugin jars
     * (with their {@code .sha256}) there and ask the server to rescan.
     */
    public static Path pluginsDir() {
        return Path.of(required("fupan.work.dir")).resolve("plugins").toAbsolutePath();
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }

    public Postgres postgres() {
        return postgres;
    }

    public Keycloak keycloak() {
        return keycloak;
    }

    public Liberty server() {
        return liberty;
    }

    /** The API's base URL, e.g. {@code http://localhost:41234/api/v1}. */
    public String api() {
        return liberty.url() + "/api/v1";
    }

    /** An access token of a demo user (password {@value #DEMO_PASSWORD}). */
    public String token(String username) {
        return keycloak.accessToken(username, DEMO_PASSWORD);
    }

    /** GET on the server, {@code path} relative to its root (e.g. {@code /api/v1/me}), with an optional token. */
    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(liberty.url() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            liberty.close();
        } finally {
            keycloak.close();
        }
    }
}
