package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.api.rest.PluginResponse;
import io.fupan.testkit.plugin.PluginHarness;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET time, trend, traits and comparison on the fixture, against compute_expected.py's figures to 1e-6: time in
 * stage, stage aging (the script's "now" is the harness clock), sales cycle and win cycle by industry and
 * region, pipeline velocity; per month / quarter the funnel, time in stage, sales and win cycle and
 * velocity with the previous period's beside; each rep beside the team, ranked, with the stage where
 * the rep loses most.
 */
class TimeAndComparisonTest {

    private static PluginHarness harness;
    private static JsonNode expected;

    @BeforeAll
    static void start() throws Exception {
        harness = FunnelTest.harness(Fixture.load(), null);
        harness.start();
        harness.runJob("facts");
        expected = Expected.load();
    }

    private static JsonNode get(String path, Map<String, String> params) throws Exception {
        PluginResponse r = harness.get(path, params);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return Expected.JSON.valueToTree(r.body());
    }

    @Test
    void time_matchesTheScript() throws Exception {
        for (JsonNode q : expected.get("timeQueries")) {
            Map<String, String> params = Expected.params(q);
            Expected.assertMatches("time " + params, q.get("expected"), get("time", params));
        }
    }

    @Test
    void winCycle_ofFactsBuiltBeforeItWasKept_isCountedByTheFactsJob_fromTheHistory() throws Exception {
        harness.tablesNow().update("update rd_opportunity set win_days = null");
        com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
                Expected.JSON.readTree(harness.context().storage().get(ReviewDashboards.STATE_KEY).orElseThrow());
        state.remove("winDays");
        harness.context().storage().put(ReviewDashboards.STATE_KEY, state.toString());
        Thread.sleep(300); // past the instance's brief cache of the state it read itself
        JsonNode before = get("time", Map.of());
        assertThat(before.get("winCycleByIndustry").get(0).get("won").asLong()).as("not counted yet").isZero();
        harness.runJob("facts");
        assertThat(harness.context().storage().get(ReviewDashboards.STATE_KEY).orElseThrow()).contains("winDays");
        for (JsonNode q : expected.get("timeQueries")) {
            Map<String, String> params = Expected.params(q);
            Expected.assertMatches("time after the upgrade " + params, q.get("expected"), get("time", params));
        }
    }

    @Test
    void trend_eachPeriodWithThePreviousBeside_matchesTheScript() throws Exception {
        for (JsonNode q : expected.get("trendQueries")) {
            Map<String, String> params = Expected.params(q);
            JsonNode actual = get("trend", params);
            assertThat(actual.get("items").size()).as("periods").isEqualTo(q.get("expected").get("items").size());
            Expected.assertMatches("trend " + params, q.get("expected"), actual);
        }
    }

    @Test
    void traits_liftAndSupportOfEveryTrait_matchTheScript_inItsOrder() throws Exception {
        for (JsonNode q : expected.get("traitQueries")) {
            Map<String, String> params = Expected.params(q);
            JsonNode actual = get("traits", params);
            Expected.assertMatches("traits " + params, q.get("expected"), actual);
        }
        assertThat(harness.get("traits", Map.of("days", "0")).status()).isEqualTo(400);
    }

    @Test
    void comparison_matchesTheScript_rankedWithTheStageEachRepLosesMost() throws Exception {
        for (JsonNode q : expected.get("comparisonQueries")) {
            Map<String, String> params = Expected.params(q);
            Expected.assertMatches("comparison " + params, q.get("expected"), get("comparison", params));
        }
    }
}
