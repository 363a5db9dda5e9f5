package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.api.rest.PluginResponse;
import io.fupan.testkit.plugin.PluginHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weekly report job on the fixture, the harness clock at the script's "now" (Tuesday 2026-12-01
 * 00:00 in Shanghai, past the default Monday 08:00): one report for 2026-W49, whose funnel is the
 * trailing year's as the script computed it, with the change since last week's report and the
 * bottlenecks that are new; listed and readable; lite has none.
 */
class WeeklyReportTest {

    @Test
    void weeklyReport_madeOncePerWeek_withTheTrailingYearsFunnel_andItsChangeSinceLastWeek() throws Exception {
        PluginHarness h = FunnelTest.harness(Fixture.load(), null);
        h.start();
        h.runJob("facts");
        // last week's report, as the job would have stored it: needs_confirmed at 90 %, no bottleneck
        h.context().storage().put("report:2026-W48", "{\"week\":\"2026-W48\",\"funnel\":{\"stages\":["
                + "{\"key\":\"needs_confirmed\",\"conversionToNext\":0.9,\"bottleneck\":false},"
                + "{\"key\":\"solution_demo\",\"conversionToNext\":0.5,\"bottleneck\":true}]}}");
        h.runJob("weekly-report");
        h.runJob("weekly-report"); // due once a week: the second run makes nothing

        JsonNode list = Expected.JSON.valueToTree(h.get("reports").body());
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("items").get(0).get("week").asText()).isEqualTo("2026-W49");
        PluginResponse r = h.get("reports/2026-W49");
        assertThat(r.status()).isEqualTo(200);
        JsonNode report = Expected.JSON.valueToTree(r.body());

        JsonNode year = null;
        for (JsonNode q : Expected.load().get("queries")) {
            if (q.get("params").toString().equals("{\"from\":\"2025-12-01\",\"to\":\"2026-12-01\"}")) {
                year = q.get("expected");
            }
        }
        assertThat(year).as("the script's trailing-year query").isNotNull();
        for (int k = 0; k < 6; k++) {
            JsonNode want = year.get("stages").get(k);
            JsonNode got = report.get("funnel").get("stages").get(k);
            assertThat(got.get("reached").asLong()).isEqualTo(want.get("reached").asLong());
            if (!want.get("conversionToNext").isNull()) {
                assertThat(got.get("conversionToNext").asDouble()).isCloseTo(want.get("conversionToNext").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        JsonNode needs = report.get("changes").get(1);
        assertThat(needs.get("stage").asText()).isEqualTo("needs_confirmed");
        assertThat(needs.get("changePoints").asDouble()).isCloseTo(
                (year.get("stages").get(1).get("conversionToNext").asDouble() - 0.9) * 100, org.assertj.core.data.Offset.offset(1e-6));
        boolean needsBottleneck = year.get("stages").get(1).get("bottleneck").asBoolean();
        assertThat(report.get("newBottlenecks").toString().contains("needs_confirmed")).isEqualTo(needsBottleneck);
        assertThat(report.get("newBottlenecks").toString()).doesNotContain("solution_demo"); // it was one already
        // every open deal of the fixture is months past its stage's days at the script's "now"
        assertThat(report.get("stalled").size()).isEqualTo((int) Math.min(50,
                Fixture.load().opportunities.values().stream().filter(o -> o.closedAt() == null).count()));
        assertThat(report.get("reps").size()).isEqualTo(4);
        PluginResponse page = h.get("reports/2026-W49", Map.of("format", "html"));
        PluginResponse.Content html = (PluginResponse.Content) page.body();
        assertThat(html.mediaType()).startsWith("text/html");
        String text = new String(html.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("<!DOCTYPE html>").contains("商机健康周报 2026-W49").doesNotContain("<script");
        assertThat(text).contains("<td>" + year.get("stages").get(0).get("reached").asLong() + "</td>");
        PluginResponse stalledCsv = h.get("reports/2026-W49", Map.of("format", "csv", "table", "stalled"));
        assertThat(new String(((PluginResponse.Content) stalledCsv.body()).bytes(), java.nio.charset.StandardCharsets.UTF_8)
                .split("\r\n")).hasSize(1 + report.get("stalled").size());
        assertThat(h.get("reports/2026-W47").status()).isEqualTo(404);
        assertThat(h.get("reports/last-week").status()).isEqualTo(400);
    }

    @Test
    void weeklyReport_listsTheDealsOtherPluginsJudgeAtRisk_agreedOnFirst() throws Exception {
        Fixture fixture = Fixture.load();
        java.util.List<io.fupan.api.data.OpportunityRecord> open = fixture.opportunities.values().stream()
                .filter(o -> o.closedAt() == null).sorted(java.util.Comparator.comparing(o -> o.id().toString())).toList();
        io.fupan.api.data.OpportunityRecord closed = fixture.opportunities.values().stream()
                .filter(o -> o.closedAt() != null).findFirst().orElseThrow();
        io.fupan.api.data.OpportunityRecord both = open.get(0);
        io.fupan.api.data.OpportunityRecord one = open.get(1);
        io.fupan.api.data.OpportunityRecord watched = open.get(2);
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse("2026-11-30T08:00:00Z");
        PluginHarness h = FunnelTest.harness(fixture, null)
                .signal(signal(both.id(), "c139", "health", "at-risk", "No decision maker met", "未接触决策人", t))
                .signal(signal(both.id(), "stalled-deals", "stalled", "at-risk", "Stalled 40 days", null, t))
                .signal(signal(one.id(), "stalled-deals", "stalled", "at-risk", "Stalled 20 days", "停滞 20 天", t))
                .signal(signal(watched.id(), "c139", "health", "watch", "Budget unclear", null, t))
                .signal(signal(closed.id(), "c139", "health", "at-risk", "Was at risk", null, t))
                .signal(signal(open.get(3).id(), "review-dashboards", "own", "at-risk", "Its own signal", null, t));
        h.start();
        h.runJob("facts");
        h.runJob("weekly-report");

        JsonNode atRisk = Expected.JSON.valueToTree(h.get("reports/2026-W49").body()).get("atRisk");

        assertThat(atRisk.size()).isEqualTo(2);
        assertThat(atRisk.get(0).get("opportunityId").asText()).isEqualTo(both.id().toString());
        assertThat(atRisk.get(0).get("name").asText()).isEqualTo(both.name());
        assertThat(atRisk.get(0).get("stage").asText()).isEqualTo(both.stage());
        assertThat(atRisk.get(0).get("signals").asInt()).isEqualTo(2);
        assertThat(atRisk.get(0).get("sources").asText()).isEqualTo("c139/health, stalled-deals/stalled");
        assertThat(atRisk.get(0).get("reason").asText()).isEqualTo("No decision maker met; Stalled 40 days");
        assertThat(atRisk.get(0).get("reasonZh").asText()).isEqualTo("未接触决策人；Stalled 40 days");
        assertThat(atRisk.get(1).get("opportunityId").asText()).isEqualTo(one.id().toString());
        String html = new String(((PluginResponse.Content) h.get("reports/2026-W49", Map.of("format", "html")).body()).bytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("风险商机（来自其他插件）").contains("<td>停滞 20 天</td>");
        String csv = new String(((PluginResponse.Content) h.get("reports/2026-W49",
                Map.of("format", "csv", "table", "atRisk")).body()).bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(3);
    }

    private static io.fupan.api.data.OpportunitySignalRecord signal(java.util.UUID id, String plugin, String kind,
            String level, String reason, String reasonZh, java.time.OffsetDateTime at) {
        return new io.fupan.api.data.OpportunitySignalRecord(id, plugin, kind, level, null, reason, reasonZh, at);
    }

    @Test
    void lite_hasNoWeeklyReport() throws Exception {
        PluginHarness h = FunnelTest.harness(Fixture.load(), "lite");
        h.start();
        h.runJob("facts");
        h.runJob("weekly-report");
        assertThat(h.get("reports").status()).isEqualTo(403);
        assertThat(h.stored().keySet()).noneMatch(k -> k.startsWith("report:"));
    }
}
