package io.fupan.tools.run;

import io.fupan.core.tenant.config.TenantConfigLoader;
import io.fupan.testkit.FupanStack;
import io.fupan.testkit.stack.Keycloak;
import io.fupan.testkit.stack.Liberty;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import io.fupan.testkit.stack.StartupException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code ./run} does: starts PostgreSQL (embedded, data kept in {@code .fupan/postgres}),
 * Keycloak (data kept in {@code .fupan/keycloak}) and the Fupan server, prints the URLs and demo
 * logins, loads a generated year of demo data into each demo tenant that has no opportunities yet
 * ({@link DemoLoader}, setting {@code FUPAN_DEMO_DATA}), and stops all three on Ctrl-C. An external
 * PostgreSQL or Keycloak is used instead when {@code FUPAN_DB_URL} or {@code FUPAN_KEYCLOAK_URL} is set. Any failure is one line saying what
 * and how to fix it.
 */
public final class RunFupan {

    private final Path repo;
    private final Path home;
    private final Map<String, String> env;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public RunFupan(Path repo, Map<String, String> env) {
        this.repo = repo;
        this.env = env;
        this.home = Path.of(env.getOrDefault("FUPAN_HOME", repo.resolve(".fupan").toString())).toAbsolutePath();
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("fupan.repo", ".")).toAbsolutePath().normalize();
        RunFupan run = new RunFupan(repo, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stopAll();
            stopped.countDown();
        }, "fupan-stop"));
        try {
            run.start();
        } catch (StartupException e) {
            System.err.println("fupan: " + e.getMessage());
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void start() {
        long t0 = System.nanoTime();
        int httpPort = port("FUPAN_HTTP_PORT", 9080);
        int keycloakPort = port("FUPAN_KEYCLOAK_PORT", 8180);
        int pgPort = port("FUPAN_PG_PORT", 15432);
        String sharedBuffers = Postgres.sharedBuffers(env.get("FUPAN_PG_SHARED_BUFFERS"));
        Path tenantConfig = Path.of(env.getOrDefault("FUPAN_TENANT_CONFIG_DIR", repo.resolve("tenant-config").toString()));
        try {
            TenantConfigLoader.load(tenantConfig);
        } catch (RuntimeException e) {
            throw new StartupException("tenant-config is invalid: " + e.getMessage().strip().replace("\n", "; "));
        }
        java.util.List<DemoLoader.Tenant> demoTenants = DemoLoader.tenants(env.get("FUPAN_DEMO_DATA"));
        String externalDb = env.get("FUPAN_DB_URL");
        String externalKeycloak = env.get("FUPAN_KEYCLOAK_URL");
        // Say every busy port before starting anything.
        checkFree(httpPort, "the Fupan server", "FUPAN_HTTP_PORT");
        if (externalKeycloak == null) {
            checkFree(keycloakPort, "Keycloak", "FUPAN_KEYCLOAK_PORT");
        }
        if (externalDb == null) {
            checkFree(pgPort, "the embedded PostgreSQL", "FUPAN_PG_PORT");
        }

        Map<String, String> serverEnv = new LinkedHashMap<>();
        if (externalDb == null) {
            say("Starting PostgreSQL on port " + pgPort + " (data in " + home.resolve("postgres") + ")");
            Postgres postgres = keep(Postgres.start(home.resolve("postgres"), pgPort, false, sharedBuffers));
            serverEnv.put("FUPAN_DB_URL", postgres.jdbcUrl());
            serverEnv.put("FUPAN_DB_USER", Postgres.USER);
            serverEnv.put("FUPAN_DB_PASSWORD", Postgres.PASSWORD);
            serverEnv.put("FUPAN_DB_APP_USER", Postgres.APP_USER);
            serverEnv.put("FUPAN_DB_APP_PASSWORD", Postgres.APP_PASSWORD);
        } else {
            String user = env.getOrDefault("FUPAN_DB_USER", Postgres.USER);
            String password = env.getOrDefault("FUPAN_DB_PASSWORD", "");
            checkDatabase(externalDb, user, password);
            serverEnv.put("FUPAN_DB_URL", externalDb);
            serverEnv.put("FUPAN_DB_USER", user);
            serverEnv.put("FUPAN_DB_PASSWORD", password);
            String appUser = env.getOrDefault("FUPAN_DB_APP_USER", Postgres.APP_USER);
            String appPassword = env.getOrDefault("FUPAN_DB_APP_PASSWORD", "");
            checkDatabase(externalDb, appUser, appPassword);
            serverEnv.put("FUPAN_DB_APP_USER", appUser);
            serverEnv.put("FUPAN_DB_APP_PASSWORD", appPassword);
        }

        String keycloakUrl;
        Keycloak bundledKeycloak = null;
        if (externalKeycloak == null) {
            say("Starting Keycloak on port " + keycloakPort + " (data in " + home.resolve("keycloak") + ")");
            Keycloak keycloak = keep(Keycloak.start(
                    repo.resolve("tools/run/target/dist/keycloak-quarkus-dist.zip"), home.resolve("keycloak"),
                    repo.resolve("tenant-config/keycloak/fupan-realm.json"), keycloakPort, false,
                    env.getOrDefault("FUPAN_KEYCLOAK_ADMIN_PASSWORD", "admin"), Duration.ofMinutes(4)));
            keycloakUrl = keycloak.url();
            bundledKeycloak = keycloak;
        } else {
            keycloakUrl = externalKeycloak.replaceAll("/+$", "");
            checkKeycloak(keycloakUrl);
        }
        serverEnv.put("FUPAN_KEYCLOAK_URL", keycloakUrl);
        serverEnv.put("FUPAN_TENANT_CONFIG_DIR", tenantConfig.toAbsolutePath().toString());
        // Plugin jars (each with its .sha256) are dropped here; the server scans it every few seconds.
        serverEnv.put("FUPAN_PLUGINS_DIR", env.getOrDefault("FUPAN_PLUGINS_DIR", home.resolve("plugins").toString()));

        say("Starting the Fupan server on port " + httpPort);
        Liberty liberty = keep(Liberty.start(repo.resolve("platform/server/target/liberty/wlp"), httpPort, serverEnv,
                home.resolve("liberty"), Duration.ofMinutes(3)));
        if (bundledKeycloak != null) {
            // The realm file lets the web UI sign in from port 9080; FUPAN_HTTP_PORT may have moved it.
            bundledKeycloak.allowWebApp(liberty.url());
        }
        banner(liberty, keycloakUrl, Duration.ofNanos(System.nanoTime() - t0));
        new DemoLoader(home, liberty.url(), keycloakUrl, FupanStack.DEMO_PASSWORD, System.out).loadAll(demoTenants);
    }

    private void banner(Liberty liberty, String keycloakUrl, Duration took) {
        String app = liberty.url();
        System.out.printf("""

                Fupan 复盘 is running (started in %d s). Ctrl-C stops it; data stays in %s.

                  App        %s/
                  API        %s/api/v1          OpenAPI %s/openapi/ui
                  Health     %s/health
                  Keycloak   %s  (admin console: admin / %s)

                Demo logins (password %s), realm fupan:
                  admin@acme.example      tenant_admin   acme  (enterprise)
                  manager@acme.example    sales_manager  acme
                  rep1@acme.example       sales_rep      acme
                  rep2@acme.example       sales_rep      acme
                  marketing@acme.example  marketing      acme
                  admin@lumen.example     tenant_admin   lumen (lite)
                  operator@fupan.example  platform_admin

                Try it:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=fupan-cli -d username=admin@acme.example \\
                    -d password=%s %s/realms/fupan/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" %s/api/v1/me
                %n""", took.toSeconds(), home, app, app, app, app, keycloakUrl,
                env.getOrDefault("FUPAN_KEYCLOAK_ADMIN_PASSWORD", "admin"), FupanStack.DEMO_PASSWORD,
                FupanStack.DEMO_PASSWORD, keycloakUrl, app);
    }

    private <T extends AutoCloseable> T keep(T part) {
        started.push(part);
        return part;
    }

    public synchronized void stopAll() {
        if (!started.isEmpty()) {
            say("Stopping…");
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("fupan: while stopping: " + e.getMessage());
            }
        }
    }

    private int port(String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupException(variable + "=" + value + " is not a port number (1-65535).");
        }
    }

    private static void checkFree(int port, String what, String variable) {
        if (Ports.inUse(port)) {
            throw new StartupException("Port " + port + " for " + what + " is in use. Stop what listens there"
                    + " (another Fupan?) or set " + variable + " to a free port.");
        }
    }

    static void checkDatabase(String url, String user, String password) {
        DriverManager.setLoginTimeout(5);
        try (var connection = DriverManager.getConnection(url, user, password)) {
            connection.isValid(5);
        } catch (java.sql.SQLException e) {
            throw new StartupException("Cannot reach PostgreSQL at " + url + " as " + user + ": " + e.getMessage()
                    + " Start it, or fix FUPAN_DB_URL, FUPAN_DB_USER and FUPAN_DB_PASSWORD (unset FUPAN_DB_URL"
                    + " to use the embedded PostgreSQL).");
        }
    }

    static void checkKeycloak(String url) {
        URI discovery = URI.create(url + "/realms/" + Keycloak.REALM + "/.well-known/openid-configuration");
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new StartupException("Keycloak at " + url + " has no realm '" + Keycloak.REALM + "' (HTTP "
                        + r.statusCode() + " for " + discovery + "). Import tenant-config/keycloak/fupan-realm.json"
                        + " there, or unset FUPAN_KEYCLOAK_URL to use the bundled Keycloak.");
            }
        } catch (java.io.IOException e) {
            throw new StartupException("Cannot reach Keycloak at " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + ". Start it, or fix FUPAN_KEYCLOAK_URL"
                    + " (unset it to use the bundled Keycloak).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    private static void say(String line) {
        System.out.println("fupan: " + line);
    }

}
