package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The funnel's SQL on a million synthetic facts, without the server: how long the statements take
 * (p50/p95 of the endpoint in-process). Run on request: {@code -Dreview.scale=true -Dtest=FunnelScaleCheck}.
 */
@EnabledIfSystemProperty(named = "review.scale", matches = "true")
class FunnelScaleCheck {

    @Test
    void funnelAndHeatmap_onAMillionFacts_timings() throws Exception {
        {
            io.fupan.testkit.plugin.PluginHarness h = FunnelTest.harness(new Fixture(), null);
            io.fupan.api.storage.PluginTables t = h.tablesNow();
            {
                t.update("insert into rd_opportunity (opportunity_id, owner_id, industry, region, channel, created_at, "
                        + "closed_at, outcome, max_pos, stage, stage_entered_at, amount, currency, cycle_days) "
                        + "select gen_random_uuid(), ('00000000-0000-0000-0000-0000000000' || lpad((i % 40)::text, 2, '0'))::uuid, "
                        + "'ind' || (i % 12), 'reg' || (i % 7), 'ch' || (i % 5), "
                        + "timestamptz '2025-12-01' + (i % 365) * interval '1 day' + (i % 86400) * interval '1 second', null, "
                        + "(case when i % 10 < 2 then 1 when i % 10 < 7 then 2 else 0 end)::smallint, "
                        + "(case when i % 10 < 2 then 6 else 1 + i % 5 end)::smallint, 'contacted', now(), 100000, 'CNY', "
                        + "case when i % 10 < 2 then (i % 9000) / 100.0 end from generate_series(1, 1000000) i");
                t.update("insert into rd_entry_week (week, stage, entries, amount) select date '2025-12-01' + 7 * w, "
                        + "'s' || st, 1000, 1e8 from generate_series(0, 52) w, generate_series(1, 7) st");
                t.query("select count(*) from rd_opportunity"); // (autovacuum analyzes the new rows)
            }
            StageOrder order = new StageOrder(FunnelTest.serverPipeline());
            Funnel funnel = new Funnel(t, order);
            Directory.Snapshot dir = new Directory.Snapshot(Map.of(), Map.of(), Map.of(), Map.of(), java.time.Instant.now());
            Cohort all = new Cohort(null, null, null, null, null, List.of(), List.of(), List.of(), List.of());
            for (String q : List.of("owner", "", "heatmap")) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    long t0 = System.nanoTime();
                    if (q.equals("heatmap")) {
                        assertThat(t.query("select week, stage, entries, amount from rd_entry_week where true "
                                + "and entries > 0 order by week, stage")).hasSize(53 * 7);
                        t.query("select owner_id, stage, count(*) as n, sum(amount) as amount from rd_opportunity "
                                + "where outcome = 0 group by owner_id, stage order by owner_id, stage");
                    } else {
                        assertThat(funnel.figures(all, q.isEmpty() ? null : q, dir)).isNotEmpty();
                    }
                    times.add((System.nanoTime() - t0) / 1_000_000);
                }
                Collections.sort(times);
                System.out.printf("review-scale %s: p50 %d ms, p95 %d ms%n", q.isEmpty() ? "funnel" : q,
                        times.get(12), times.get(23));
            }
        }
    }
}
