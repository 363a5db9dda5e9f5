package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.data.ActivityRecord;
import io.fupan.api.storage.PluginTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Won vs lost traits: which early behaviours (an activity type within the first N days of the deal;
 * at least 1, 3 or 5 activities of any type in them), channels and account attributes (industry,
 * region) separate the cohort's won deals from its lost ones. For each trait: how many won and lost
 * deals have it, the share of each, {@code lift} = share among won / share among lost ("won deals had
 * a demo within 14 days 3.1× as often"; null when no lost deal has it) and {@code support} (deals with
 * it). Activities come from the plugin's rd_activity (backfill, then {@code activity.recorded}).
 */
final class Traits {

    private static final String INSERT = "insert into rd_activity (activity_id, opportunity_id, type, occurred_at) "
            + "values (?, ?, ?, ?) on conflict on constraint rd_activity_pkey do update set type = excluded.type, "
            + "occurred_at = excluded.occurred_at, opportunity_id = excluded.opportunity_id";

    private final PluginContext context;

    Traits(PluginContext context) {
        this.context = context;
    }

    /** Every activity of an opportunity, from the records (in chunks); returns how many. */
    long rebuild() {
        PluginTables t = context.tables();
        t.update("delete from rd_activity");
        List<Object[]> pending = new ArrayList<>();
        long[] n = {0};
        context.records().activities().forEach(Map.of(), a -> {
            if (a.opportunityId() != null) {
                pending.add(row(a));
                if (pending.size() >= 2000) {
                    t.batch(INSERT, List.copyOf(pending));
                    n[0] += pending.size();
                    pending.clear();
                }
            }
        });
        if (!pending.isEmpty()) {
            t.batch(INSERT, List.copyOf(pending));
            n[0] += pending.size();
        }
        return n[0];
    }

    private static Object[] row(ActivityRecord a) {
        return new Object[] {a.id(), a.opportunityId(), a.type(), a.occurredAt()};
    }

    /** One activity from its record now (idempotent). */
    void refresh(UUID activityId) {
        context.records().activities().find(activityId).ifPresentOrElse(a -> {
            if (a.opportunityId() != null) {
                context.tables().update(INSERT, row(a));
            } else {
                context.tables().update("delete from rd_activity where activity_id = ?", activityId);
            }
        }, () -> context.tables().update("delete from rd_activity where activity_id = ?", activityId));
    }

    Map<String, Object> traits(Cohort cohort, int days) {
        List<Object> args = new ArrayList<>();
        String where = cohort.where(args);
        List<Object> all = new ArrayList<>(args);
        all.add(days);
        all.addAll(args);
        all.addAll(args);
        all.addAll(args);
        String closed = "select opportunity_id, outcome, created_at, channel, industry, region from rd_opportunity "
                + "where outcome in (1, 2) and ";
        List<Map<String, Object>> rows = context.tables().query("with c as (" + closed + where + "), "
                + "a as (select c.opportunity_id, c.outcome, x.type, count(*) as n from c join rd_activity x "
                + "on x.opportunity_id = c.opportunity_id and x.occurred_at >= c.created_at "
                + "and x.occurred_at < c.created_at + make_interval(days => ?) group by 1, 2, 3), "
                + "per as (select opportunity_id, outcome, sum(n) as n from a group by 1, 2) "
                + "select 'activity' as kind, type as value, count(*) filter (where outcome = 1) as won, "
                + "count(*) filter (where outcome = 2) as lost from a group by type "
                + "union all select 'activities', k::text, count(*) filter (where outcome = 1), count(*) filter (where outcome = 2) "
                + "from per, (values (1), (3), (5)) v(k) where n >= k group by k "
                + "union all select 'channel', channel, count(*) filter (where outcome = 1), count(*) filter (where outcome = 2) "
                + "from (" + closed + where + ") c1 group by channel "
                + "union all select 'industry', industry, count(*) filter (where outcome = 1), count(*) filter (where outcome = 2) "
                + "from (" + closed + where + ") c2 group by industry "
                + "union all select 'region', region, count(*) filter (where outcome = 1), count(*) filter (where outcome = 2) "
                + "from (" + closed + where + ") c3 group by region", all.toArray());
        Map<String, Object> totals = context.tables().query("select count(*) filter (where outcome = 1) as won, "
                + "count(*) filter (where outcome = 2) as lost from rd_opportunity where outcome in (1, 2) and " + where,
                args.toArray()).get(0);
        long won = ((Number) totals.get("won")).longValue();
        long lost = ((Number) totals.get("lost")).longValue();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            long w = ((Number) r.get("won")).longValue();
            long l = ((Number) r.get("lost")).longValue();
            Double shareWon = won == 0 ? null : (double) w / won;
            Double shareLost = lost == 0 ? null : (double) l / lost;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.get("kind"));
            m.put("value", r.get("value"));
            m.put("won", w);
            m.put("lost", l);
            m.put("shareOfWon", shareWon);
            m.put("shareOfLost", shareLost);
            m.put("lift", shareWon == null || shareLost == null || shareLost == 0 ? null : shareWon / shareLost);
            m.put("support", w + l);
            out.add(m);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> (Double) m.get("lift"),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(m -> (String) m.get("kind")).thenComparing(m -> String.valueOf(m.get("value"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("earlyDays", days);
        body.put("won", won);
        body.put("lost", lost);
        body.put("traits", out);
        return body;
    }
}
