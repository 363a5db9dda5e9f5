package io.fupan.core.identity;

import io.fupan.core.i18n.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fupan.core.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users of the realm, through Keycloak's admin REST API as the confidential client
 * {@code fupan-admin} (a service account allowed to manage users, nothing else).
 */
@ApplicationScoped
public class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    @ConfigProperty(name = "fupan.keycloak.url", defaultValue = "http://localhost:8180")
    String publicUrl;

    /** Where this server reaches Keycloak, when that differs from the URL tokens name. */
    @Inject
    @ConfigProperty(name = "fupan.keycloak.internal-url")
    java.util.Optional<String> internalUrl;

    @Inject
    @ConfigProperty(name = "fupan.keycloak.realm", defaultValue = "fupan")
    String realm;

    @Inject
    @ConfigProperty(name = "fupan.keycloak.admin.client-id", defaultValue = "fupan-admin")
    String clientId;

    @Inject
    @ConfigProperty(name = "fupan.keycloak.admin.client-secret", defaultValue = "fupan-admin-demo-secret")
    String clientSecret;

    /** A new user of {@code tenantId} holding {@code role}; returns the Keycloak id. 409 when the e-mail is taken. */
    public String createUser(String email, String password, String firstName, String lastName, String tenantId,
                             String role) {
        String token = serviceToken();
        ObjectNode user = JSON.createObjectNode()
                .put("username", email).put("email", email).put("emailVerified", true).put("enabled", true)
                .put("firstName", firstName).put("lastName", lastName);
        user.putObject("attributes").putArray("tenant").add(tenantId);
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = call(token, "POST", "/users", user.toString());
        if (created.statusCode() == 409) {
            throw new DomainException.Conflict(Messages.get("user.emailTaken", email));
        }
        if (created.statusCode() == 400) {
            throw new DomainException.Invalid("adminPassword", Messages.get("user.passwordRefused", errorOf(created)));
        }
        expect(created, 201, "create the user");
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        try {
            JsonNode available = JSON.readTree(expect(call(token, "GET", "/users/" + id + "/role-mappings/realm/available",
                    null), 200, "list the roles").body());
            JsonNode grant = null;
            for (JsonNode r : available) {
                if (role.equals(r.path("name").asText())) {
                    grant = JSON.createArrayNode().add(r);
                }
            }
            if (grant == null) {
                throw new IllegalStateException("the realm has no role " + role);
            }
            expect(call(token, "POST", "/users/" + id + "/role-mappings/realm", grant.toString()), 204, "grant " + role);
            return id;
        } catch (IOException | RuntimeException e) {
            deleteUser(id);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Removes a user (undoing a creation whose transaction failed). Quiet when it is gone already. */
    public void deleteUser(String keycloakId) {
        call(serviceToken(), "DELETE", "/users/" + keycloakId, null);
    }

    private String base() {
        return internalUrl.filter(u -> !u.isBlank()).orElse(publicUrl);
    }

    private String serviceToken() {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        try {
            return JSON.readTree(expect(r, 200, "sign in as " + clientId).body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered unreadable JSON", e);
        }
    }

    private HttpResponse<String> call(String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/admin/realms/" + realm + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + base() + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("Keycloak refused to " + what + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static String errorOf(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return body.path("errorMessage").asText(body.path("error").asText(r.body()));
        } catch (IOException e) {
            return r.body();
        }
    }
}
