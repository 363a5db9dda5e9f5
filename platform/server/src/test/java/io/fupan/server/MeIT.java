package io.fupan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/me} against the real server, with real Keycloak tokens. */
@ExtendWith(FupanServerExtension.class)
class MeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void me_adminOfAcme_returnsTenantRoleAndEnabledPlugins(FupanStack stack) throws Exception {
        HttpResponse<String> response = stack.get("/api/v1/me", stack.token("admin@acme.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.at("/tenant/id").asText()).isEqualTo("acme");
        assertThat(me.at("/tenant/plan").asText()).isEqualTo("enterprise");
        assertThat(me.at("/tenant/timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(me.at("/user/username").asText()).isEqualTo("admin@acme.example");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("tenant_admin");
        assertThat(me.get("plugins")).extracting(p -> p.get("id").asText())
                .containsExactlyInAnyOrder("review-dashboards", "lead-scoring", "c139-health", "relationship-map", "cpq");
    }

    @Test
    void me_adminOfLumen_seesOnlyLumenAndItsLitePlugins(FupanStack stack) throws Exception {
        JsonNode me = JSON.readTree(stack.get("/api/v1/me", stack.token("admin@lumen.example")).body());

        assertThat(me.at("/tenant/id").asText()).isEqualTo("lumen");
        assertThat(me.at("/tenant/plan").asText()).isEqualTo("lite");
        assertThat(me.get("plugins")).extracting(p -> p.get("id").asText()).containsExactly("review-dashboards");
    }

    @Test
    void me_salesRep_hasOnlyTheRepRole(FupanStack stack) throws Exception {
        JsonNode me = JSON.readTree(stack.get("/api/v1/me", stack.token("rep1@acme.example")).body());

        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("sales_rep");
    }

    @Test
    void me_operator_hasPlatformAdminRoleAndNoTenant(FupanStack stack) throws Exception {
        HttpResponse<String> response = stack.get("/api/v1/me", stack.token("operator@fupan.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.has("tenant")).isFalse();
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("platform_admin");
    }

    @Test
    void me_withoutToken_is401Problem(FupanStack stack) throws Exception {
        assertProblem(stack.get("/api/v1/me", null), 401, "missing-token");
    }

    @Test
    void me_malformedToken_is401Problem(FupanStack stack) throws Exception {
        assertProblem(stack.get("/api/v1/me", "not-a-jwt"), 401, "invalid-token");
    }

    @Test
    void me_tamperedToken_is401Problem(FupanStack stack) throws Exception {
        String token = stack.token("admin@acme.example");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];

        assertProblem(stack.get("/api/v1/me", forged), 401, "invalid-token");
    }

    @Test
    void me_tokenOfAnotherRealm_is401Problem(FupanStack stack) throws Exception {
        String masterToken = stack.keycloak().adminToken();

        assertProblem(stack.get("/api/v1/me", masterToken), 401, "invalid-token");
    }

    @Test
    void me_tokenForAnotherAudience_is401Problem(FupanStack stack) throws Exception {
        String serviceToken = stack.keycloak().tokenRequest(Map.of("grant_type", "client_credentials",
                "client_id", "fupan-admin", "client_secret", "fupan-admin-demo-secret"))
                .get("access_token").asText();

        assertProblem(stack.get("/api/v1/me", serviceToken), 401, "invalid-token");
    }

    @Test
    void me_tokenOfUnknownTenant_is401NamingTheTenant(FupanStack stack) throws Exception {
        stack.keycloak().createUser("ghost@nowhere.example", "ghost-pass-1", "nowhere", "tenant_admin");
        String token = stack.keycloak().accessToken("ghost@nowhere.example", "ghost-pass-1");

        JsonNode problem = assertProblem(stack.get("/api/v1/me", token), 401, "unknown-tenant");
        assertThat(problem.get("detail").asText()).contains("'nowhere'");
    }

    @Test
    void me_tokenOfSuspendedTenant_is401(FupanStack stack) throws Exception {
        try (Connection c = stack.postgres().superuserConnection()) {
            c.createStatement().execute("""
                    insert into tenant (id, name, plan, status, time_zone, currency, locale, source)
                    values ('frozen', 'Frozen Co', 'lite', 'suspended', 'UTC', 'EUR', 'en', 'api')""");
        }
        stack.keycloak().createUser("admin@frozen.example", "frozen-pass-1", "frozen", "tenant_admin");
        String token = stack.keycloak().accessToken("admin@frozen.example", "frozen-pass-1");

        JsonNode problem = assertProblem(stack.get("/api/v1/me", token), 401, "tenant-suspended");
        assertThat(problem.get("detail").asText()).contains("'frozen'");
    }

    @Test
    void me_userDeactivatedByTenantAdmin_is401UntilReactivated(FupanStack stack) throws Exception {
        stack.keycloak().createUser("leaver@acme.example", "leaver-pass-1", "acme", "sales_rep");
        String token = stack.keycloak().accessToken("leaver@acme.example", "leaver-pass-1");
        assertThat(stack.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        String admin = stack.token("admin@acme.example");
        JsonNode user = JSON.readTree(AccountIT.send(stack, "GET", "/users?q=leaver@acme.example", admin, null, null)
                .body()).get("items").get(0);

        AccountIT.send(stack, "PATCH", "/users/" + user.get("id").asText(), admin,
                "\"" + user.get("version").asLong() + "\"", "{\"active\":false}");
        JsonNode problem = assertProblem(stack.get("/api/v1/me", token), 401, "user-deactivated");
        assertThat(problem.get("detail").asText()).contains("'acme'");

        JsonNode now = JSON.readTree(AccountIT.send(stack, "GET", "/users/" + user.get("id").asText(), admin, null, null).body());
        AccountIT.send(stack, "PATCH", "/users/" + user.get("id").asText(), admin,
                "\"" + now.get("version").asLong() + "\"", "{\"active\":true}");
        assertThat(stack.get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).endsWith("/" + slug);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
