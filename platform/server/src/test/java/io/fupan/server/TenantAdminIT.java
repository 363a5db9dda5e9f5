package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /admin/tenants}: the operator contract of API.md. */
@ExtendWith(FupanServerExtension.class)
class TenantAdminIT {

    private static String newTenant(String id, String email) {
        return "{\"id\":\"" + id + "\",\"name\":\"Eval Co 评估\",\"plan\":\"enterprise\",\"timeZone\":\"Asia/Shanghai\","
                + "\"currency\":\"CNY\",\"adminEmail\":\"" + email + "\",\"adminPassword\":\"Secret-pass-1\"}";
    }

    @Test
    void create_byOperator_is201AndItsAdminSignsInAtOnce(FupanStack stack) throws Exception {
        HttpResponse<String> created = send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"),
                null, newTenant("evalco", "admin@evalco.example"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode tenant = JSON.readTree(created.body());
        assertThat(tenant.get("id").asText()).isEqualTo("evalco");
        assertThat(tenant.get("plan").asText()).isEqualTo("enterprise");
        assertThat(tenant.get("status").asText()).isEqualTo("active");
        String adminToken = stack.keycloak().accessToken("admin@evalco.example", "Secret-pass-1");
        JsonNode me = JSON.readTree(stack.get("/api/v1/me", adminToken).body());
        assertThat(me.at("/tenant/id").asText()).isEqualTo("evalco");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("tenant_admin");
        // The new tenant works at once: its admin creates and reads an account.
        assertThat(send(stack, "POST", "/accounts", adminToken, null, "{\"name\":\"First client\"}").statusCode())
                .isEqualTo(201);
        assertThat(JSON.readTree(send(stack, "GET", "/accounts", adminToken, null, null).body()).get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void create_existingId_is409(FupanStack stack) throws Exception {
        assertProblem(send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"), null,
                newTenant("acme", "someone@acme2.example")), 409, "conflict");
    }

    @Test
    void create_adminEmailTakenInKeycloak_is409AndLeavesNoTenant(FupanStack stack) throws Exception {
        String operator = stack.token("operator@fupan.example");

        assertProblem(send(stack, "POST", "/admin/tenants", operator, null, newTenant("dupco", "admin@acme.example")),
                409, "conflict");
        assertProblem(send(stack, "GET", "/admin/tenants/dupco", operator, null, null), 404, "not-found");
    }

    @Test
    void create_badFields_is422NamingEach(FupanStack stack) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"),
                null, "{\"id\":\"Bad Id\",\"name\":\"X\",\"plan\":\"gold\",\"timeZone\":\"Mars/Base\",\"currency\":\"CNY\","
                        + "\"adminEmail\":\"not-an-email\",\"adminPassword\":\"short\"}");

        JsonNode problem = assertProblem(response, 422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .contains("id", "adminEmail", "adminPassword");
    }

    @Test
    void create_byTenantAdmin_is403(FupanStack stack) throws Exception {
        assertProblem(send(stack, "POST", "/admin/tenants", stack.token("admin@acme.example"), null,
                newTenant("sneaky", "admin@sneaky.example")), 403, "forbidden");
    }

    @Test
    void operator_onTenantResources_is403(FupanStack stack) throws Exception {
        assertProblem(send(stack, "GET", "/accounts", stack.token("operator@fupan.example"), null, null), 403,
                "operator-outside-tenant");
    }

    @Test
    void suspend_thenReactivate_locksAndUnlocksTheTenantsTokens(FupanStack stack) throws Exception {
        String operator = stack.token("operator@fupan.example");
        assertThat(send(stack, "POST", "/admin/tenants", operator, null, newTenant("pauseco", "admin@pauseco.example"))
                .statusCode()).isEqualTo(201);
        String token = stack.keycloak().accessToken("admin@pauseco.example", "Secret-pass-1");
        assertThat(stack.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        HttpResponse<String> suspended = send(stack, "PATCH", "/admin/tenants/pauseco", operator, null,
                "{\"status\":\"suspended\"}");
        assertThat(JSON.readTree(suspended.body()).get("status").asText()).isEqualTo("suspended");
        assertProblem(stack.get("/api/v1/me", token), 401, "tenant-suspended");

        send(stack, "PATCH", "/admin/tenants/pauseco", operator, null, "{\"status\":\"active\"}");
        assertThat(stack.get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void change_unknownStatus_is422(FupanStack stack) throws Exception {
        assertProblem(send(stack, "PATCH", "/admin/tenants/lumen", stack.token("operator@fupan.example"), null,
                "{\"status\":\"frozen\"}"), 422, "validation");
    }

    @Test
    void keycloak_userOfFailedCreation_doesNotExist(FupanStack stack) {
        send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"), null,
                newTenant("lumen", "ghost-admin@lumen2.example"));

        assertThatThrownBy(() -> stack.keycloak().accessToken("ghost-admin@lumen2.example", "Secret-pass-1"))
                .hasMessageContaining("401");
    }
}
