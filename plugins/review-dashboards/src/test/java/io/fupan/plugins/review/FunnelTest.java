package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.StageEntryRecord;
import io.fupan.api.event.OpportunityStageChanged;
import io.fupan.api.rest.PluginResponse;
import io.fupan.testkit.plugin.PluginHarness;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel of review-dashboards on the fixture of compute_expected.py, against the figures that
 * script computed independently (to 1e-6), every query and every groupBy; then events, the lite
 * edition and bad parameters. The plugin's SQL runs on the harness's real PostgreSQL tables, migrated
 * and checked as the server does.
 */
class FunnelTest {

    private static Fixture fixture;
    private static JsonNode expected;
    private PluginHarness harness;

    @BeforeAll
    static void database() throws Exception {
        fixture = Fixture.load();
        expected = Expected.load();
    }

    /** The server's default pipeline (METRICS.md "The pipeline", with its healthy ranges). */
    static io.fupan.api.data.Pipeline serverPipeline() {
        return new io.fupan.api.data.Pipeline(List.of(
                new io.fupan.api.data.Pipeline.Stage("contacted", 1, "Contacted", "联系接触", "open", null, null, 14),
                new io.fupan.api.data.Pipeline.Stage("needs_confirmed", 2, "Needs confirmed", "需求确认", "open",
                        new BigDecimal("0.40"), new BigDecimal("0.55"), 21),
                new io.fupan.api.data.Pipeline.Stage("solution_demo", 3, "Solution demo", "方案演示", "open", null, null, 21),
                new io.fupan.api.data.Pipeline.Stage("quote", 4, "Quote", "报价", "open", null, null, 14),
                new io.fupan.api.data.Pipeline.Stage("negotiation", 5, "Negotiation", "商务谈判", "open",
                        new BigDecimal("0.25"), new BigDecimal("0.35"), 30),
                new io.fupan.api.data.Pipeline.Stage("won", 6, "Won", "赢单", "won", null, null, null),
                new io.fupan.api.data.Pipeline.Stage("lost", 99, "Lost", "输单", "lost", null, null, null)));
    }

    static PluginHarness harness(Fixture fixture, String edition) throws Exception {
        JsonNode script = expected != null ? expected : Expected.load();
        Clock clock = Clock.fixed(OffsetDateTime.parse(script.get("now").asText()).toInstant(), ZoneOffset.UTC);
        ReviewDashboardsPlugin plugin = new ReviewDashboardsPlugin(clock);
        PluginHarness h = PluginHarness.of(plugin).plugin("review-dashboards", "1.0.0")
                .migrations("db/review-dashboards").pipeline(serverPipeline()).edition(edition);
        return fixture.into(h);
    }

    @BeforeEach
    void start() throws Exception {
        harness = harness(fixture, null);
        harness.start();
        harness.runJob("facts"); // the facts are built anew whenever the stored state is not ready
    }

    private JsonNode funnel(Map<String, String> params) throws Exception {
        PluginResponse r = harness.get("funnel", params);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return Expected.JSON.valueToTree(r.body());
    }

    @Test
    void funnel_everyQueryOfTheScript_matchesItsFiguresTo1e6() throws Exception {
        assertThat(expected.get("queries").size()).isGreaterThanOrEqualTo(14);
        for (JsonNode q : expected.get("queries")) {
            Map<String, String> params = Expected.params(q);
            Expected.assertMatches("funnel " + params, q.get("expected"), funnel(params));
        }
    }

    @Test
    void facts_matchTheFixture_oneRowPerOpportunityAndEntry() throws Exception {
        Map<String, Object> counts = harness.tablesNow().query("select (select count(*) from rd_opportunity) as o, "
                + "(select count(*) from rd_stage_entry) as e, (select sum(entries) from rd_entry_week) as w").get(0);
        assertThat(((Number) counts.get("o")).longValue()).isEqualTo(expected.get("opportunities").asLong());
        assertThat(((Number) counts.get("e")).longValue()).isEqualTo(expected.get("stageEntries").asLong());
        assertThat(((Number) counts.get("w")).longValue()).isEqualTo(expected.get("stageEntries").asLong());
        assertThat(harness.get("status").body().toString()).contains("status=ready");
    }

    @Test
    void status_readsTheStoredStateAsTheHostGivesItBack_jsonbSpacing() throws Exception {
        // the server keeps storage as jsonb: {"a": 1, "b": "x"}, not the text the plugin wrote
        harness.context().storage().put("facts", "{\"leads\": 0, \"status\": \"ready\", \"signature\": \""
                + new StageOrder(serverPipeline()).signature() + "|pl=product_line\", \"opportunities\": 288}");
        Thread.sleep(300); // past the instance's brief cache of the state it read itself
        assertThat(harness.get("status").body()).asString().contains("status=ready").contains("opportunities=288");
        assertThat(harness.get("funnel").status()).isEqualTo(200);
    }

    @Test
    void stageChange_event_movesTheFunnel_andARedeliveryChangesNothing() throws Exception {
        Map<String, String> all = Map.of();
        JsonNode before = funnel(all);
        // an open opportunity still in contacted: it moves on to won
        OpportunityRecord o = fixture.opportunities.values().stream()
                .filter(r -> r.stage().equals("contacted") && r.closedAt() == null).findFirst().orElseThrow();
        OffsetDateTime at = o.stageEnteredAt().plusDays(3);
        harness.opportunity(new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(), o.ownerId(), o.amount(),
                o.currency(), o.channel(), o.industry(), o.region(), "won", at, null, at, null, Map.of(), o.createdAt(), at));
        harness.stageEntry(new StageEntryRecord(UUID.randomUUID(), o.id(), "won", at, null));
        OpportunityStageChanged event = new OpportunityStageChanged(UUID.randomUUID(), o.id(), at, "contacted", "won", null);
        harness.publish(event);
        JsonNode after = funnel(all);
        for (int k = 1; k < 6; k++) {
            assertThat(after.get("stages").get(k).get("reached").asLong()).as("stage " + k)
                    .isEqualTo(before.get("stages").get(k).get("reached").asLong() + 1);
        }
        assertThat(after.get("won").asLong()).isEqualTo(before.get("won").asLong() + 1);
        harness.publish(event); // at least once: the same event again
        assertThat(funnel(all)).isEqualTo(after);
        assertWeekRollUpMatchesEntries(harness);
        assertDaysMatchOpportunities(harness);
        // and back: the next test's facts are rebuilt from the fixture anyway (start() runs the job)
        harness.opportunity(o);
    }

    @Test
    void reconcile_picksUpAChangeWithoutAnEvent_aNewOwner() throws Exception {
        harness.runJob("reconcile"); // nothing changed since the build
        OpportunityRecord o = fixture.opportunities.values().iterator().next();
        io.fupan.api.data.UserRecord other = fixture.users.values().stream().filter(u -> !u.id().equals(o.ownerId()))
                .findFirst().orElseThrow();
        Map<String, String> byOwner = Map.of("groupBy", "owner");
        JsonNode before = funnel(byOwner);
        OffsetDateTime later = OffsetDateTime.parse("2026-12-01T12:00:00Z"); // after the build (the clock's now)
        harness.opportunity(new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(), other.id(), o.amount(),
                o.currency(), o.channel(), o.industry(), o.region(), o.stage(), o.stageEnteredAt(), o.closeDate(), o.closedAt(),
                o.leadId(), o.custom(), o.createdAt(), later));
        harness.runJob("reconcile");
        JsonNode after = funnel(byOwner);
        assertThat(reached(after, other.username())).isEqualTo(reached(before, other.username()) + 1);
        assertDaysMatchOpportunities(harness);
        harness.opportunity(o);
    }

    private static long reached(JsonNode grouped, String owner) {
        for (JsonNode g : grouped.get("groups")) {
            if (g.get("key").asText().equals(owner)) {
                return g.get("stages").get(0).get("reached").asLong();
            }
        }
        return 0;
    }

    @Test
    void team_groupsAndFilters_areTheSumsOfTheirMembers() throws Exception {
        UUID east = UUID.randomUUID();
        UUID west = UUID.randomUUID();
        PluginHarness teams = harness(fixture, null).team(new io.fupan.api.data.TeamRecord(east, "East", null))
                .team(new io.fupan.api.data.TeamRecord(west, "West", null));
        int i = 0;
        Map<String, String> teamOf = new java.util.HashMap<>();
        for (io.fupan.api.data.UserRecord u : fixture.users.values()) {
            UUID team = i++ < 2 ? east : west;
            teams.user(new io.fupan.api.data.UserRecord(u.id(), u.username(), u.displayName(), u.email(), team, true));
            teamOf.put(u.username(), team == east ? "East" : "West");
        }
        teams.start();
        teams.runJob("facts");
        Map<String, String> window = Map.of("from", "2025-10-01", "to", "2026-07-01");
        JsonNode owners = Expected.JSON.valueToTree(teams.get("funnel", with(window, "groupBy", "owner")).body());
        JsonNode byTeam = Expected.JSON.valueToTree(teams.get("funnel", with(window, "groupBy", "team")).body());
        assertThat(byTeam.get("groups")).hasSize(2);
        for (JsonNode g : byTeam.get("groups")) {
            String team = g.get("key").asText();
            long won = 0;
            long[] reached = new long[6];
            for (JsonNode o : owners.get("groups")) {
                if (teamOf.get(o.get("key").asText()).equals(team)) {
                    won += o.get("won").asLong();
                    for (int k = 0; k < 6; k++) {
                        reached[k] += o.get("stages").get(k).get("reached").asLong();
                    }
                }
            }
            assertThat(g.get("won").asLong()).as(team).isEqualTo(won);
            for (int k = 0; k < 6; k++) {
                assertThat(g.get("stages").get(k).get("reached").asLong()).as(team + " stage " + k).isEqualTo(reached[k]);
            }
            JsonNode filtered = Expected.JSON.valueToTree(teams.get("funnel", with(window, "team", team)).body());
            JsonNode groupOnly = g.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) groupOnly).remove("key");
            Expected.assertMatches("team " + team, groupOnly, filtered);
        }
        assertThat(teams.get("funnel", Map.of("team", "North")).status()).isEqualTo(400);
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }

    @Test
    void lite_hasTheOverallFunnel_butNoGroupsAndNoHeatmap() throws Exception {
        PluginHarness lite = harness(fixture, "lite");
        lite.start();
        lite.runJob("facts");
        JsonNode q = expected.get("queries").get(1);
        Expected.assertMatches("lite", q.get("expected"), Expected.JSON.valueToTree(lite.get("funnel", Expected.params(q)).body()));
        PluginResponse grouped = lite.get("funnel", Map.of("groupBy", "owner"));
        assertThat(grouped.status()).isEqualTo(403);
        assertThat(((PluginResponse.Problem) grouped.body()).slug()).isEqualTo("lite-edition");
        assertThat(lite.get("heatmap").status()).isEqualTo(403);
    }

    @Test
    void badParameters_are400_namingTheParameter() throws Exception {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("from", "2026-13-01"), "from: ",
                Map.of("from", "2026-02-01", "to", "2026-01-01"), "to: ",
                Map.of("groupBy", "stage"), "groupBy: ",
                Map.of("owner", "nobody@rd.example"), "owner: ",
                Map.of("groupby", "owner"), "groupby: ");
        for (Map.Entry<Map<String, String>, String> b : bad.entrySet()) {
            PluginResponse r = harness.get("funnel", b.getKey());
            assertThat(r.status()).as(b.getKey().toString()).isEqualTo(400);
            assertThat(((PluginResponse.Problem) r.body()).detail()).startsWith(b.getValue());
        }
    }

    @Test
    void bottleneck_carriesTheUsualCauses_andATenantsOwnHintsReplaceThem() throws Exception {
        Map<String, String> may = Map.of("from", "2026-05-01", "to", "2026-06-01", "industry", "零售");
        JsonNode needs = funnel(may).get("stages").get(1);
        assertThat(needs.get("bottleneck").asBoolean()).isTrue();
        assertThat(needs.get("hints").toString()).contains("需求挖掘不足"); // the tenant's language, zh-CN
        PluginHarness own = harness(fixture, null).config(Map.of("hints", Map.of("needs_confirmed", List.of("Ask why now"))));
        own.start();
        own.runJob("facts");
        JsonNode mine = Expected.JSON.valueToTree(own.get("funnel", may).body());
        assertThat(mine.get("stages").get(1).get("hints").toString()).isEqualTo("[\"Ask why now\"]");
    }

    @Test
    void csvExport_ofTheGroupedFunnel_hasARowPerGroupAndStage_withTheFiguresOfTheJsonAnswer() throws Exception {
        Map<String, String> q = Map.of("from", "2026-01-01", "to", "2026-04-01", "groupBy", "owner");
        JsonNode json = funnel(q);
        Map<String, String> csvQuery = new java.util.HashMap<>(q);
        csvQuery.put("format", "csv");
        PluginResponse export = harness.get("funnel", csvQuery);
        PluginResponse.Content content = (PluginResponse.Content) export.body();
        assertThat(content.mediaType()).startsWith("text/csv");
        assertThat(export.headers().get("Content-Disposition")).contains("review-funnel.csv");
        String[] lines = new String(content.bytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertThat(header).contains("key", "won", "lost", "winRate", "cycle.meanDays", "stages.key", "stages.reached");
        assertThat(lines).hasSize(1 + json.get("groups").size() * 6);
        int row = 1;
        for (JsonNode g : json.get("groups")) {
            for (JsonNode st : g.get("stages")) {
                List<String> cells = List.of(lines[row++].split(",", -1));
                assertThat(cells.get(header.indexOf("key"))).isEqualTo(g.get("key").asText());
                assertThat(cells.get(header.indexOf("stages.key"))).isEqualTo(st.get("key").asText());
                assertThat(cells.get(header.indexOf("stages.reached"))).isEqualTo(st.get("reached").asText());
            }
        }
        PluginResponse owners = harness.get("heatmap", Map.of("format", "csv", "table", "byOwner"));
        assertThat(new String(((PluginResponse.Content) owners.body()).bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("owner,stage,count,amount\r\n");
        PluginResponse bad = harness.get("heatmap", Map.of("format", "csv", "table", "nothing"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(((PluginResponse.Problem) bad.body()).detail()).startsWith("table: ").contains("byWeek", "byOwner");
    }

    @Test
    void heatmap_byWeek_sumsToEveryEntry_andByOwnerCountsOpenDeals() throws Exception {
        JsonNode h = Expected.JSON.valueToTree(harness.get("heatmap").body());
        long entries = 0;
        for (JsonNode c : h.get("byWeek")) {
            entries += c.get("count").asLong();
        }
        assertThat(entries).isEqualTo(expected.get("stageEntries").asLong());
        long open = 0;
        for (JsonNode c : h.get("byOwner")) {
            open += c.get("count").asLong();
        }
        assertThat(open).isEqualTo(fixture.opportunities.values().stream().filter(o -> o.closedAt() == null).count());
    }

    /** rd_day, rd_month and rd_open (kept by each refresh) equal a fresh count (and sum) of rd_opportunity, cell by cell. */
    private static void assertDaysMatchOpportunities(PluginHarness h) {
        Object differing = h.tablesNow().query("select count(*) as n from (select coalesce(owner_id::text, '') as value, "
                + "(created_at at time zone 'Asia/Shanghai')::date as day, max_pos, outcome, count(*) as n, "
                + "coalesce(sum(cycle_days), 0) as c from rd_opportunity "
                + "group by 1, 2, 3, 4) x full join (select * from rd_day where dim = 'owner' and n <> 0) d "
                + "using (value, day, max_pos, outcome) where x.n is distinct from d.n or abs(x.c - d.cycle_sum) > 1e-9")
                .get(0).get("n");
        assertThat(((Number) differing).longValue()).as("rd_day owner cells that differ from a fresh count").isZero();
        Object months = h.tablesNow().query("select count(*) as n from (select coalesce(owner_id::text, '') as value, "
                + "date_trunc('month', created_at at time zone 'Asia/Shanghai')::date as month, max_pos, outcome, count(*) as n, "
                + "coalesce(sum(cycle_days), 0) as c "
                + "from rd_opportunity group by 1, 2, 3, 4) x full join (select * from rd_month where dim = 'owner' and n <> 0) m "
                + "using (value, month, max_pos, outcome) where x.n is distinct from m.n or abs(x.c - m.cycle_sum) > 1e-9")
                .get(0).get("n");
        assertThat(((Number) months).longValue()).as("rd_month owner cells that differ from a fresh count").isZero();
        Object open = h.tablesNow().query("select count(*) as n from (select coalesce(owner_id::text, '') as owner, stage, "
                + "count(*) as n, coalesce(sum(amount), 0) as a from rd_opportunity where outcome = 0 group by 1, 2) x "
                + "full join (select * from rd_open where n <> 0) o using (owner, stage) "
                + "where x.n is distinct from o.n or x.a is distinct from o.amount").get(0).get("n");
        assertThat(((Number) open).longValue()).as("rd_open cells that differ from a fresh count").isZero();
        Object total = h.tablesNow().query("select sum(n) as n from rd_day where dim = ''").get(0).get("n");
        Object count = h.tablesNow().query("select count(*) as n from rd_opportunity").get(0).get("n");
        assertThat(((Number) total).longValue()).isEqualTo(((Number) count).longValue());
    }

    private static void assertWeekRollUpMatchesEntries(PluginHarness h) {
        Object differing = h.tablesNow().query("select count(*) as n from (select e.week, e.stage, count(*) as n, "
                + "sum(o.amount) as a from rd_stage_entry e join rd_opportunity o using (opportunity_id) group by 1, 2) x "
                + "full join (select * from rd_entry_week where entries <> 0) w using (week, stage) "
                + "where x.n is distinct from w.entries or x.a is distinct from w.amount").get(0).get("n");
        assertThat(((Number) differing).longValue()).as("roll-up cells that differ from a fresh count").isZero();
    }
}
