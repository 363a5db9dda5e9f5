package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /audit}: who changed which field of which record, when, from what to what. */
@ExtendWith(FupanServerExtension.class)
class AuditIT {

    @Test
    void audit_afterCreateAndUpdate_namesActorFieldOldAndNewValue(FupanStack stack) throws Exception {
        String manager = stack.token("manager@acme.example");
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", manager, null,
                "{\"name\":\"Audited Co\",\"tier\":\"B\"}").body());
        String id = account.get("id").asText();
        send(stack, "PATCH", "/accounts/" + id, manager, "\"" + account.get("version").asLong() + "\"", "{\"tier\":\"A\"}");

        JsonNode trail = JSON.readTree(send(stack, "GET", "/audit?entityType=account&entityId=" + id,
                stack.token("admin@acme.example"), null, null).body());

        assertThat(trail.get("items")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("update");
            assertThat(e.get("field").asText()).isEqualTo("tier");
            assertThat(e.get("oldValue").asText()).isEqualTo("B");
            assertThat(e.get("newValue").asText()).isEqualTo("A");
            assertThat(e.get("actor").asText()).isEqualTo("manager@acme.example");
        });
        assertThat(trail.get("items")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("create");
            assertThat(e.get("field").asText()).isEqualTo("name");
            assertThat(e.get("newValue").asText()).isEqualTo("Audited Co");
        });
        assertThat(trail.get("items")).noneSatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("industry"));
    }

    @Test
    void audit_ofDefinitionChanges_namesPipelineStagesAndCustomAttributes(FupanStack stack) throws Exception {
        String admin = stack.token("admin@lumen.example");
        JsonNode pipeline = JSON.readTree(send(stack, "GET", "/pipeline", admin, null, null).body());
        String original = pipeline.toString();
        String renamed = original.replace("\"Negotiation\"", "\"Commercial negotiation\"");
        try {
            assertThat(send(stack, "PUT", "/pipeline", admin, null, renamed).statusCode()).isEqualTo(200);
            JsonNode trail = JSON.readTree(send(stack, "GET", "/audit?entityType=pipeline", admin, null, null).body());
            assertThat(trail.get("items")).anySatisfy(e -> {
                assertThat(e.get("field").asText()).isEqualTo("negotiation");
                assertThat(e.get("oldValue").asText()).contains("/ Negotiation,");
                assertThat(e.get("newValue").asText()).contains("/ Commercial negotiation,");
            });
        } finally {
            send(stack, "PUT", "/pipeline", admin, null, original);
        }
        String key = "audited_" + System.nanoTime() % 100000;
        assertThat(send(stack, "POST", "/custom-attributes", admin, null, "{\"entity\":\"lead\",\"key\":\"" + key
                + "\",\"type\":\"text\",\"labelZh\":\"审计\",\"labelEn\":\"Audited\"}").statusCode()).isEqualTo(201);
        JsonNode trail = JSON.readTree(send(stack, "GET", "/audit?entityType=custom_attribute", admin, null, null).body());
        assertThat(trail.get("items")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("create");
            assertThat(e.get("field").asText()).isEqualTo("key");
            assertThat(e.get("newValue").asText()).isEqualTo(key);
        });
    }

    @Test
    void audit_byNonAdmin_is403(FupanStack stack) throws Exception {
        assertProblem(send(stack, "GET", "/audit", stack.token("rep1@acme.example"), null, null), 403, "forbidden");
    }

    @Test
    void audit_ofAnotherTenant_isInvisible(FupanStack stack) throws Exception {
        JsonNode lumens = JSON.readTree(send(stack, "POST", "/accounts", stack.token("admin@lumen.example"), null,
                "{\"name\":\"Lumen audited\"}").body());

        JsonNode trail = JSON.readTree(send(stack, "GET", "/audit?entityId=" + lumens.get("id").asText(),
                stack.token("admin@acme.example"), null, null).body());
        assertThat(trail.get("total").asInt()).isZero();
    }
}
