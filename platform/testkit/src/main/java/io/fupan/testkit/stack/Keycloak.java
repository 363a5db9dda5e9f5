package io.fupan.testkit.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server ({@code keycloak-quarkus-dist} from Maven Central) in dev mode, with the
 * {@code fupan} realm imported from {@code tenant-config/keycloak/}. Its tokens name
 * {@code http://localhost:PORT/realms/fupan} as issuer whatever address a client used.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "fupan";
    public static final String ADMIN_USER = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManagedProcess process;
    private final int port;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Keycloak(ManagedProcess process, int port, String adminPassword) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts Keycloak from {@code home}, unpacking {@code distZip} there first if needed.
     *
     * @param freshData drop the previous realm data (tests) or keep it (the run command)
     */
    public static Keycloak start(Path distZip, Path home, Path realmFile, int port, boolean freshData,
                                 String adminPassword, Duration timeout) {
        if (Ports.inUse(port)) {
            throw new StartupException("Port " + port + " for Keycloak is in use. Stop what listens there"
                    + " (another Fupan or Keycloak?) or set FUPAN_KEYCLOAK_PORT to a free port.");
        }
        try {
            unpack(distZip, home);
            Path data = home.resolve("data");
            if (freshData) {
                Folders.delete(data.resolve("h2"));
            }
            Path imports = Files.createDirectories(data.resolve("import"));
            Files.copy(realmFile, imports.resolve("fupan-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StartupException("Cannot prepare Keycloak in " + home + ": " + e.getMessage(), e);
        }
        int managementPort = Ports.free();
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://localhost:" + port,
                "--http-management-port=" + managementPort, "--import-realm", "--log=console",
                "--cache=local");
        Map<String, String> env = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                "JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        ManagedProcess process = ManagedProcess.start("Keycloak", command, home, env,
                home.resolve("keycloak.log"));
        Keycloak keycloak = new Keycloak(process, port, adminPassword);
        keycloak.awaitRealm(timeout);
        return keycloak;
    }

    private void awaitRealm(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new StartupException("Keycloak stopped while starting; its log " + process.log()
                        + " ends with:\n" + process.tail(30));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for Keycloak");
            }
            ManagedProcess.pause(500);
        }
        process.stop(Duration.ofSeconds(10));
        throw new StartupException("Keycloak did not answer at " + discovery + " within " + timeout.toSeconds()
                + " s; its log " + process.log() + " ends with:\n" + process.tail(30));
    }

    /** Base URL, e.g. {@code http://localhost:8180}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The issuer tokens of the fupan realm carry. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** An access token for a realm user through client {@code fupan-cli} (password grant; demo realm only). */
    public String accessToken(String username, String password) {
        JsonNode answer = tokenRequest(Map.of("grant_type", "password", "client_id", "fupan-cli",
                "username", username, "password", password, "scope", "openid"));
        return answer.get("access_token").asText();
    }

    /** The token endpoint's JSON answer; a non-200 answer is an {@link IllegalStateException} with its body. */
    public JsonNode tokenRequest(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a user in the fupan realm through the admin REST API (as the bootstrap admin), with
     * the given tenant attribute (null for none) and realm roles. For tests that need a user the
     * demo realm does not have, such as one of an unknown tenant.
     */
    public void createUser(String email, String password, String tenant, String... roles) {
        String admin = adminToken();
        var user = JSON.createObjectNode()
                .put("username", email).put("email", email).put("enabled", true).put("emailVerified", true)
                .put("firstName", "Test").put("lastName", "User");
        if (tenant != null) {
            user.putObject("attributes").putArray("tenant").add(tenant);
        }
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = adminCall(admin, "POST", "/users", user.toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating user " + email + " answered " + created.statusCode() + ": "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userPath = location.substring(location.indexOf("/users/"));
        var grant = JSON.createArrayNode();
        for (String role : roles) {
            HttpResponse<String> found = adminCall(admin, "GET", "/roles/" + role, null);
            try {
                grant.add(JSON.readTree(found.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        HttpResponse<String> mapped = adminCall(admin, "POST", userPath + "/role-mappings/realm", grant.toString());
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("granting roles answered " + mapped.statusCode() + ": " + mapped.body());
        }
    }

    /**
     * Lets the web UI served at {@code appUrl} (e.g. {@code http://localhost:41234}) sign in through
     * the public client {@code fupan-web}: adds its redirect URI and web origin when missing. The realm
     * file names the default port 9080 only; the tests and a run on another port serve the UI elsewhere.
     */
    public void allowWebApp(String appUrl) {
        String admin = adminToken();
        HttpResponse<String> found = adminCall(admin, "GET", "/clients?clientId=fupan-web", null);
        try {
            JsonNode client = JSON.readTree(found.body()).get(0);
            if (client == null) {
                throw new IllegalStateException("the realm has no client fupan-web: " + found.body());
            }
            String base = appUrl.replaceAll("/+$", "");
            var redirects = (com.fasterxml.jackson.databind.node.ArrayNode) client.withArray("redirectUris");
            var origins = (com.fasterxml.jackson.databind.node.ArrayNode) client.withArray("webOrigins");
            boolean changed = addMissing(redirects, base + "/*") | addMissing(origins, base);
            if (changed) {
                HttpResponse<String> updated = adminCall(admin, "PUT", "/clients/" + client.get("id").asText(),
                        client.toString());
                if (updated.statusCode() != 204) {
                    throw new IllegalStateException("updating client fupan-web answered " + updated.statusCode() + ": "
                            + updated.body());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean addMissing(com.fasterxml.jackson.databind.node.ArrayNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return false;
            }
        }
        values.add(value);
        return true;
    }

    /** A token of the bootstrap admin of the master realm: for admin calls, or as a token of another realm. */
    public String adminToken() {
        StringBuilder body = new StringBuilder("grant_type=password&client_id=admin-cli&username=")
                .append(URLEncoder.encode(ADMIN_USER, StandardCharsets.UTF_8))
                .append("&password=").append(URLEncoder.encode(adminPassword, StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        try {
            return JSON.readTree(r.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> adminCall(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static void unpack(Path zip, Path home) throws IOException {
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return;
        }
        if (!Files.isRegularFile(zip)) {
            throw new IOException("the Keycloak distribution " + zip + " is missing (the build copies it there)");
        }
        Path staging = Files.createDirectories(home.resolveSibling(home.getFileName() + ".unpacking"));
        Folders.delete(staging);
        List<Path> scripts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? "" : name.substring(slash + 1); // drop keycloak-x.y.z/
                if (relative.isEmpty()) {
                    continue;
                }
                Path target = staging.resolve(relative).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("unsafe entry in " + zip + ": " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                    if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
                        scripts.add(target);
                    }
                }
            }
        }
        for (Path script : scripts) {
            script.toFile().setExecutable(true, false);
        }
        Folders.delete(home);
        Files.move(staging, home);
    }


}
