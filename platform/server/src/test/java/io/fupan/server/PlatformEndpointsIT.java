package io.fupan.server;

import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, OpenAPI, metrics and the error shape of paths that lead nowhere. */
@ExtendWith(FupanServerExtension.class)
class PlatformEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthReady_withDatabaseAndKeycloakUp_isUpWithBothChecks(FupanStack stack) throws Exception {
        HttpResponse<String> response = stack.get("/health/ready", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("checks")).extracting(c -> c.get("name").asText() + "=" + c.get("status").asText())
                .contains("database=UP", "keycloak=UP");
    }

    @Test
    void healthLiveAndStarted_answerUp(FupanStack stack) {
        assertThat(stack.get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(stack.get("/health/started", null).statusCode()).isEqualTo(200);
    }

    @Test
    void openapi_documentsMeAndBearerSecurity(FupanStack stack) {
        HttpResponse<String> response = stack.get("/openapi", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/me").contains("scheme: bearer");
        assertThat(stack.get("/openapi/ui/", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_servesPrometheusText(FupanStack stack) {
        HttpResponse<String> response = stack.get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_uptime_seconds");
    }

    @Test
    void unknownApiPath_is404Problem(FupanStack stack) throws Exception {
        assertProblem(stack.get("/api/v1/no-such-thing", stack.token("rep1@acme.example")), 404, "not-found");
    }

    @Test
    void wrongMethod_is405Problem(FupanStack stack) throws Exception {
        HttpResponse<String> response = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/me"))
                .header("Authorization", "Bearer " + stack.token("rep1@acme.example"))
                .DELETE().build());

        assertProblem(response, 405, "method-not-allowed");
    }
}
