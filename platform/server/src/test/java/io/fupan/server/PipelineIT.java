package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static io.fupan.server.OpportunityIT.created;
import static io.fupan.server.OpportunityIT.etag;
import static io.fupan.server.OpportunityIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /pipeline}: the default of METRICS.md, read by every role, replaced by tenant admins only.
 * Replacements run on tenant lumen and put its default pipeline back, so other tests see the default.
 */
@ExtendWith(FupanServerExtension.class)
class PipelineIT {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String CONTACTED = "{\"key\":\"contacted\",\"position\":1,\"labelZh\":\"联系接触\",\"labelEn\":\"Contacted\","
            + "\"kind\":\"open\",\"agingDays\":14}";
    static final String NEEDS = "{\"key\":\"needs_confirmed\",\"position\":2,\"labelZh\":\"需求确认\","
            + "\"labelEn\":\"Needs confirmed\",\"kind\":\"open\",\"healthyRange\":[0.40,0.55],\"agingDays\":21}";
    static final String DEMO = "{\"key\":\"solution_demo\",\"position\":3,\"labelZh\":\"方案演示\",\"labelEn\":\"Solution demo\","
            + "\"kind\":\"open\",\"agingDays\":21}";
    static final String QUOTE = "{\"key\":\"quote\",\"position\":4,\"labelZh\":\"报价\",\"labelEn\":\"Quote\",\"kind\":\"open\","
            + "\"agingDays\":14}";
    static final String NEGOTIATION = "{\"key\":\"negotiation\",\"position\":5,\"labelZh\":\"商务谈判\",\"labelEn\":\"Negotiation\","
            + "\"kind\":\"open\",\"healthyRange\":[0.25,0.35],\"agingDays\":30}";
    static final String WON = "{\"key\":\"won\",\"position\":6,\"labelZh\":\"赢单\",\"labelEn\":\"Won\",\"kind\":\"won\"}";
    static final String LOST = "{\"key\":\"lost\",\"position\":99,\"labelZh\":\"输单\",\"labelEn\":\"Lost\",\"kind\":\"lost\"}";
    static final List<String> DEFAULT_KEYS = List.of("contacted", "needs_confirmed", "solution_demo", "quote",
            "negotiation", "won", "lost");

    @Test
    void get_acme_returnsTheDefaultPipelineOfMetricsMd(FupanStack stack) throws Exception {
        JsonNode stages = ok(send(stack, "GET", "/pipeline", stack.token("admin@acme.example"), null, null)).get("stages");

        assertThat(keys(stages)).containsExactlyElementsOf(DEFAULT_KEYS);
        assertThat(stages).extracting(s -> s.get("kind").asText())
                .containsExactly("open", "open", "open", "open", "open", "won", "lost");
        assertThat(stages).extracting(s -> s.get("labelZh").asText())
                .containsExactly("联系接触", "需求确认", "方案演示", "报价", "商务谈判", "赢单", "输单");
        assertThat(stages).extracting(s -> s.get("position").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 99);
        assertThat(stages.get(1).at("/healthyRange/0").decimalValue()).isEqualByComparingTo("0.40");
        assertThat(stages.get(1).at("/healthyRange/1").decimalValue()).isEqualByComparingTo("0.55");
        assertThat(stages.get(4).at("/healthyRange/0").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(stages.get(4).at("/healthyRange/1").decimalValue()).isEqualByComparingTo("0.35");
        for (int i : new int[] {0, 2, 3, 5, 6}) {
            assertThat(stages.get(i).path("healthyRange").isMissingNode() || stages.get(i).get("healthyRange").isNull())
                    .as(stages.get(i).toString()).isTrue();
        }
        assertThat(stages.get(0).get("agingDays").asInt()).isEqualTo(14);
        assertThat(stages.get(0).get("labelEn").asText()).isEqualTo("Contacted");
    }

    @Test
    void get_everyRoleOfTheTenant_seesThePipeline(FupanStack stack) throws Exception {
        for (String user : List.of("manager@acme.example", "rep1@acme.example", "marketing@acme.example")) {
            JsonNode stages = ok(send(stack, "GET", "/pipeline", stack.token(user), null, null)).get("stages");
            assertThat(keys(stages)).as(user).containsExactlyElementsOf(DEFAULT_KEYS);
        }
    }

    @Test
    void put_byAdmin_replacesThePipelineAndTakesEffectAtOnce(FupanStack stack) throws Exception {
        String admin = stack.token("admin@lumen.example");
        String pilot = "{\"key\":\"pilot\",\"labelZh\":\"试点\",\"labelEn\":\"Pilot\",\"kind\":\"open\","
                + "\"healthyRange\":[0.5,0.7],\"agingDays\":45}";
        String renamedQuote = QUOTE.replace("\"Quote\"", "\"Proposal\"");
        try {
            // without positions, each stage takes its place in the list
            JsonNode replaced = ok(send(stack, "PUT", "/pipeline", admin, null,
                    pipeline(CONTACTED, NEEDS, DEMO, pilot, renamedQuote, NEGOTIATION, WON, LOST)
                            .replaceAll("\"position\":\\d+,", "")));

            List<String> expected = List.of("contacted", "needs_confirmed", "solution_demo", "pilot", "quote",
                    "negotiation", "won", "lost");
            assertThat(keys(replaced.get("stages"))).containsExactlyElementsOf(expected);
            JsonNode stages = ok(send(stack, "GET", "/pipeline", admin, null, null)).get("stages");
            assertThat(keys(stages)).containsExactlyElementsOf(expected);
            assertThat(stages).extracting(st -> st.get("position").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(stages.get(3).at("/healthyRange/1").decimalValue()).isEqualByComparingTo("0.7");
            assertThat(stages.get(3).get("agingDays").asInt()).isEqualTo(45);
            assertThat(stages.get(4).get("labelEn").asText()).isEqualTo("Proposal");

            JsonNode deal = created(send(stack, "POST", "/opportunities", admin, null,
                    "{\"name\":\"Pilot deal\",\"stage\":\"pilot\"}"));
            assertThat(deal.get("stage").asText()).isEqualTo("pilot");
            assertThat(send(stack, "DELETE", "/opportunities/" + deal.get("id").asText(), admin, etag(deal), null)
                    .statusCode()).isEqualTo(204);
            assertProblem(send(stack, "POST", "/opportunities", stack.token("admin@acme.example"), null,
                    "{\"name\":\"Not in acme\",\"stage\":\"pilot\"}"), 422, "validation");
        } finally {
            restoreDefault(stack);
        }
        assertThat(keys(ok(send(stack, "GET", "/pipeline", admin, null, null)).get("stages")))
                .containsExactlyElementsOf(DEFAULT_KEYS);
    }

    @Test
    void put_byNonAdmin_is403AndChangesNothing(FupanStack stack) throws Exception {
        String body = pipeline(CONTACTED, WON, LOST);
        for (String user : List.of("rep1@acme.example", "manager@acme.example", "marketing@acme.example")) {
            assertProblem(send(stack, "PUT", "/pipeline", stack.token(user), null, body), 403, "forbidden");
        }

        assertThat(keys(ok(send(stack, "GET", "/pipeline", stack.token("admin@acme.example"), null, null)).get("stages")))
                .containsExactlyElementsOf(DEFAULT_KEYS);
    }

    @Test
    void put_leavingOutAStageInUse_is409NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token("admin@lumen.example");
        try {
            created(send(stack, "POST", "/opportunities", admin, null, "{\"name\":\"Quoted deal\",\"stage\":\"quote\"}"));
            JsonNode passed = created(send(stack, "POST", "/opportunities", admin, null,
                    "{\"name\":\"Passed demo\",\"stage\":\"solution_demo\"}"));
            ok(send(stack, "PATCH", "/opportunities/" + passed.get("id").asText(), admin, etag(passed),
                    "{\"stage\":\"negotiation\"}"));

            JsonNode inStage = assertProblem(send(stack, "PUT", "/pipeline", admin, null,
                    pipeline(CONTACTED, NEEDS, DEMO, NEGOTIATION, WON, LOST)), 409, "conflict");
            assertThat(inStage.get("detail").asText()).contains("'quote'").doesNotContain("'solution_demo'");

            JsonNode inHistory = assertProblem(send(stack, "PUT", "/pipeline", admin, null,
                    pipeline(CONTACTED, NEEDS, QUOTE, NEGOTIATION, WON, LOST)), 409, "conflict");
            assertThat(inHistory.get("detail").asText()).contains("'solution_demo'").contains("stage history").doesNotContain("'quote'");

            assertThat(keys(ok(send(stack, "GET", "/pipeline", admin, null, null)).get("stages")))
                    .containsExactlyElementsOf(DEFAULT_KEYS);
        } finally {
            restoreDefault(stack);
        }
    }

    @Test
    void put_brokenPipelines_are422NamingTheField(FupanStack stack) throws Exception {
        String admin = stack.token("admin@lumen.example");
        try {
            assertFields(stack, admin, pipeline(CONTACTED, CONTACTED.replace("\"position\":1", "\"position\":2"), WON, LOST),
                    "stages[1].key");
            assertFields(stack, admin, pipeline(CONTACTED.replace("contacted", "Contacted-1"), WON, LOST), "stages[0].key");
            assertFields(stack, admin, pipeline(CONTACTED, WON, WON.replace("\"won\",\"position\":6", "\"won2\",\"position\":7")),
                    "stages", "stages");
            assertFields(stack, admin, pipeline(WON.replace("\"position\":6", "\"position\":1"), LOST), "stages");
            assertFields(stack, admin, pipeline(NEEDS.replace("[0.40,0.55]", "[0.55,0.40]"), WON, LOST),
                    "stages[0].healthyRange");
            assertFields(stack, admin, pipeline(NEEDS.replace("[0.40,0.55]", "[0.40,1.5]"), WON, LOST),
                    "stages[0].healthyRange[1]");
            assertFields(stack, admin, pipeline(NEEDS.replace("[0.40,0.55]", "[0.40]"), WON, LOST),
                    "stages[0].healthyRange");
            assertFields(stack, admin, pipeline(CONTACTED.replace("\"open\"", "\"maybe\""), WON, LOST), "stages[0].kind");
            assertFields(stack, admin, pipeline(CONTACTED.replace("\"position\":1", "\"position\":\"first\""), WON, LOST),
                    "stages[0].position");
            assertFields(stack, admin, pipeline(CONTACTED, WON.replace("\"position\":6", "\"position\":1"), LOST),
                    "stages[1].position");
            assertFields(stack, admin, pipeline(CONTACTED.replace("\"position\":1", "\"colour\":\"red\""), WON, LOST),
                    "stages[0].colour");
            assertFields(stack, admin, "{\"stages\":[]}", "stages");
            assertFields(stack, admin, "{\"stages\":[1]}", "stages[0]");

            assertThat(keys(ok(send(stack, "GET", "/pipeline", admin, null, null)).get("stages")))
                    .containsExactlyElementsOf(DEFAULT_KEYS);
        } finally {
            restoreDefault(stack);
        }
    }

    private static void assertFields(FupanStack stack, String token, String body, String... fields) throws Exception {
        JsonNode problem = assertProblem(send(stack, "PUT", "/pipeline", token, null, body), 422, "validation");
        assertThat(problem.get("errors")).as(problem.toString()).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder(fields);
    }

    private static void restoreDefault(FupanStack stack) throws Exception {
        ok(send(stack, "PUT", "/pipeline", stack.token("admin@lumen.example"), null,
                pipeline(CONTACTED, NEEDS, DEMO, QUOTE, NEGOTIATION, WON, LOST)));
    }

    static String pipeline(String... stages) {
        return "{\"stages\":[" + String.join(",", stages) + "]}";
    }

    static List<String> keys(JsonNode stages) {
        List<String> keys = new ArrayList<>();
        stages.forEach(s -> keys.add(s.get("key").asText()));
        return keys;
    }
}
