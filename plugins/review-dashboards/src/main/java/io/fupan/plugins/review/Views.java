package io.fupan.plugins.review;

import io.fupan.api.data.Pipeline;
import io.fupan.api.storage.PluginTables;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time and comparison figures (issue 6 "Time", "Comparison") over the facts, each one or two
 * aggregate statements: time in stage (METRICS.md "Time in stage"), stage aging of open deals against
 * their "too long" thresholds, the sales cycle by industry and region, pipeline velocity; per-rep
 * funnels beside the team's, ranked, with the stage where each rep falls furthest below the team.
 */
final class Views {

    private final PluginTables tables;
    private final StageOrder order;
    private final Funnel funnel;

    Views(PluginTables tables, StageOrder order, boolean days) {
        this.tables = tables;
        this.order = order;
        this.funnel = new Funnel(tables, order, days);
    }

    /** Time figures of the cohort; {@code thresholds} are the "too long" days per stage key. */
    Map<String, Object> time(Cohort cohort, Map<String, Integer> thresholds, OffsetDateTime now, Directory.Snapshot dir) {
        List<Map<String, Object>> inStage = timeInStage(cohort, null, null).getOrDefault(null, List.of());
        List<Object> agingArgs = new ArrayList<>(List.of(now, now));
        String agingWhere = cohort.where(agingArgs);
        List<Map<String, Object>> aging = new ArrayList<>();
        for (Map<String, Object> r : tables.query("select stage, count(*) as n, "
                + "avg(extract(epoch from ?::timestamptz - stage_entered_at) / 86400) as mean_days, "
                + "max(extract(epoch from ?::timestamptz - stage_entered_at) / 86400) as max_days "
                + "from rd_opportunity where outcome = 0 and " + agingWhere + " group by stage",
                agingArgs.toArray())) {
            String stage = (String) r.get("stage");
            Integer limit = thresholds.get(stage);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", stage);
            m.put("open", ((Number) r.get("n")).longValue());
            m.put("meanDays", ((Number) r.get("mean_days")).doubleValue());
            m.put("maxDays", ((Number) r.get("max_days")).doubleValue());
            m.put("tooLongDays", limit);
            m.put("tooLong", limit == null ? 0L : countOver(stage, limit, now, cohort));
            aging.add(m);
        }
        aging.sort(Comparator.comparingInt(m -> position((String) m.get("stage"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeInStage", inStage);
        body.put("aging", aging);
        Map<String, Funnel.Figures> byIndustry = funnel.figures(cohort, "industry", dir);
        Map<String, Funnel.Figures> byRegion = funnel.figures(cohort, "region", dir);
        body.put("cycleByIndustry", cycles(byIndustry));
        body.put("cycleByRegion", cycles(byRegion));
        body.put("winCycleByIndustry", winCycles(byIndustry.keySet(), winCycle(cohort, "industry", null)));
        body.put("winCycleByRegion", winCycles(byRegion.keySet(), winCycle(cohort, "region", null)));
        body.put("velocity", velocity(cohort, null, null).getOrDefault(null, velocity(0, 0, 0, null, null)));
        return body;
    }

    /**
     * The group column of a per-group figure over rd_opportunity aliased {@code o}: a dimension, or the
     * period of creation ({@code month}, {@code quarter}) in {@code zone} (its argument added to {@code args});
     * the whole cohort as one null group when {@code by} is null.
     */
    private static String group(String by, java.time.ZoneId zone, List<Object> args) {
        if (by == null) {
            return "null::text";
        }
        return switch (by) {
            case "month" -> {
                args.add(zone.getId());
                yield "to_char(o.created_at at time zone ?, 'YYYY-MM')";
            }
            case "quarter" -> {
                args.add(zone.getId());
                yield "to_char(o.created_at at time zone ?, 'YYYY-\"Q\"Q')";
            }
            case "industry", "region", "channel" -> "o." + by;
            default -> throw new IllegalArgumentException(by);
        };
    }

    /**
     * METRICS.md "Time in stage" per group: per opportunity and stage, the days of every entry into it
     * until the next entry, averaged over the opportunities that have left it (their last entry is
     * elsewhere); each group's stages in the pipeline's order.
     */
    Map<String, List<Map<String, Object>>> timeInStage(Cohort cohort, String by, java.time.ZoneId zone) {
        List<Object> args = new ArrayList<>();
        String g = group(by, zone, args);
        String where = qualified(cohort.where(args));
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map<String, Object> r : tables.query("select g, stage, count(*) as n, avg(days) as mean_days from ("
                + "select " + g + " as g, e.opportunity_id, e.stage, sum(extract(epoch from e.left_at - e.entered_at)) / 86400 as days "
                + "from rd_stage_entry e join rd_opportunity o on o.opportunity_id = e.opportunity_id where "
                + where + " group by 1, e.opportunity_id, e.stage having bool_and(e.left_at is not null)) x "
                + "group by g, stage", args.toArray())) {
            out.computeIfAbsent((String) r.get("g"), k -> new ArrayList<>()).add(Map.of("stage", r.get("stage"),
                    "opportunities", ((Number) r.get("n")).longValue(), "meanDays", ((Number) r.get("mean_days")).doubleValue()));
        }
        out.values().forEach(l -> l.sort(Comparator.comparingInt(m -> position((String) m.get("stage")))));
        return out;
    }

    /**
     * The win cycle per group: from creation to the first entry into won (rd_opportunity.win_days) of
     * the won opportunities, {won, mean, median} in days.
     */
    Map<String, double[]> winCycle(Cohort cohort, String by, java.time.ZoneId zone) {
        List<Object> args = new ArrayList<>();
        String g = group(by, zone, args);
        String where = qualified(cohort.where(args));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map<String, Object> r : tables.query("select " + g + " as g, count(o.win_days) as n, avg(o.win_days) as mean_days, "
                + "percentile_cont(0.5) within group (order by o.win_days) as median from rd_opportunity o "
                + "where o.outcome = 1 and " + where + " group by 1", args.toArray())) {
            if (r.get("mean_days") == null) { // facts of an earlier version, until the facts job counts them
                continue;
            }
            out.put((String) r.get("g"), new double[] {((Number) r.get("n")).doubleValue(),
                    ((Number) r.get("mean_days")).doubleValue(), ((Number) r.get("median")).doubleValue()});
        }
        return out;
    }

    /** {meanDays, medianDays} of a win cycle ({@code w} as {@link #winCycle} gives it, or null: none won). */
    static Map<String, Object> meanMedian(double[] w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meanDays", w == null ? null : w[1]);
        m.put("medianDays", w == null ? null : w[2]);
        return m;
    }

    private static List<Map<String, Object>> winCycles(java.util.Set<String> keys, Map<String, double[]> byKey) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : keys) {
            double[] w = byKey.get(key);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("won", w == null ? 0L : (long) w[0]);
            m.putAll(meanMedian(w));
            out.add(m);
        }
        return out;
    }

    private long countOver(String stage, int days, OffsetDateTime now, Cohort cohort) {
        List<Object> args = new ArrayList<>();
        args.add(stage);
        args.add(now.minusDays(days));
        String where = cohort.where(args);
        return ((Number) tables.query("select count(*) as n from rd_opportunity where outcome = 0 and stage = ? "
                + "and stage_entered_at < ? and " + where, args.toArray()).get(0).get("n")).longValue();
    }

    private static List<Map<String, Object>> cycles(Map<String, Funnel.Figures> figures) {
        List<Map<String, Object>> out = new ArrayList<>();
        figures.forEach((key, f) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("won", f.won);
            m.put("meanDays", f.won == 0 ? null : f.cycleSum / f.won);
            m.put("medianDays", f.median);
            out.add(m);
        });
        return out;
    }

    /** METRICS.md "Pipeline velocity" per group (see {@link #group}): open × mean won amount × win rate / mean sales cycle, per day. */
    Map<String, Map<String, Object>> velocity(Cohort cohort, String by, java.time.ZoneId zone) {
        List<Object> args = new ArrayList<>();
        String g = group(by, zone, args);
        String where = qualified(cohort.where(args));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> r : tables.query("select " + g + " as g, count(*) filter (where o.outcome = 0) as open, "
                + "count(*) filter (where o.outcome = 1) as won, count(*) filter (where o.outcome = 2) as lost, "
                + "avg(o.amount) filter (where o.outcome = 1) as won_amount, avg(o.cycle_days) filter (where o.outcome = 1) as cycle "
                + "from rd_opportunity o where " + where + " group by 1", args.toArray())) {
            out.put((String) r.get("g"), velocity(((Number) r.get("open")).longValue(), ((Number) r.get("won")).longValue(),
                    ((Number) r.get("lost")).longValue(),
                    r.get("won_amount") == null ? null : ((Number) r.get("won_amount")).doubleValue(),
                    r.get("cycle") == null ? null : ((Number) r.get("cycle")).doubleValue()));
        }
        return out;
    }

    private static Map<String, Object> velocity(long open, long won, long lost, Double amount, Double cycle) {
        Double winRate = won + lost == 0 ? null : (double) won / (won + lost);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", open);
        m.put("meanWonAmount", amount);
        m.put("winRate", winRate);
        m.put("meanCycleDays", cycle);
        m.put("perDay", amount == null || winRate == null || cycle == null || cycle == 0 ? null : open * amount * winRate / cycle);
        return m;
    }

    /**
     * Each rep's funnel beside the team's (the whole cohort): conversion at each stage, win rate, mean
     * cycle, open pipeline; ranked by win rate (then overall conversion); with the stage whose
     * conversion falls furthest below the team's.
     */
    List<Map<String, Object>> comparison(Cohort cohort, Directory.Snapshot dir, Map<String, Object> team) {
        Funnel.Figures all = funnel.total(cohort, dir);
        List<Object> args = new ArrayList<>();
        String where = cohort.where(args);
        Map<String, Double> pipeline = new LinkedHashMap<>();
        for (Map<String, Object> r : tables.query("select owner_id, coalesce(sum(amount), 0) as amount from rd_opportunity "
                + "where outcome = 0 and " + where + " group by owner_id", args.toArray())) {
            pipeline.put(String.valueOf(r.get("owner_id")), ((Number) r.get("amount")).doubleValue());
        }
        List<Map<String, Object>> reps = new ArrayList<>();
        Map<String, Funnel.Figures> byOwner = funnel.figures(cohort, "owner", dir);
        Map<String, String> ids = new LinkedHashMap<>();
        dir.users().values().forEach(u -> ids.put(u.username(), u.id().toString()));
        List<Pipeline.Stage> stages = order.stages();
        byOwner.forEach((owner, f) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("owner", owner);
            List<Map<String, Object>> conv = new ArrayList<>();
            String worst = null;
            double worstGap = 0;
            for (int k = 0; k + 1 < stages.size(); k++) {
                Double c = f.conversion(k);
                Double t = all.conversion(k);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("stage", stages.get(k).key());
                s.put("conversionToNext", c);
                s.put("team", t);
                conv.add(s);
                if (c != null && t != null && t - c > worstGap) {
                    worstGap = t - c;
                    worst = stages.get(k).key();
                }
            }
            m.put("stages", conv);
            m.put("won", f.won);
            m.put("lost", f.lost);
            m.put("winRate", f.won + f.lost == 0 ? null : (double) f.won / (f.won + f.lost));
            m.put("meanCycleDays", f.won == 0 ? null : f.cycleSum / f.won);
            m.put("pipeline", pipeline.getOrDefault(owner == null ? "null" : ids.getOrDefault(owner, owner), 0.0));
            m.put("losesMostAt", worst);
            m.put("shortfallPoints", worst == null ? null : worstGap * 100);
            reps.add(m);
        });
        reps.sort(Comparator.comparing((Map<String, Object> m) -> (Double) m.get("winRate"),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(m -> String.valueOf(m.get("owner"))));
        for (int i = 0; i < reps.size(); i++) {
            reps.get(i).put("rank", i + 1);
        }
        team.put("winRate", all.won + all.lost == 0 ? null : (double) all.won / (all.won + all.lost));
        team.put("meanCycleDays", all.won == 0 ? null : all.cycleSum / all.won);
        List<Map<String, Object>> teamStages = new ArrayList<>();
        for (int k = 0; k + 1 < stages.size(); k++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("stage", stages.get(k).key());
            t.put("conversionToNext", all.conversion(k));
            teamStages.add(t);
        }
        team.put("stages", teamStages);
        team.put("pipeline", pipeline.values().stream().mapToDouble(Double::doubleValue).sum());
        return reps;
    }

    private int position(String stage) {
        int p = order.position(stage);
        return p == 0 ? Integer.MAX_VALUE : p;
    }

    /** The cohort condition with its columns taken from rd_opportunity aliased {@code o}. */
    private static String qualified(String where) {
        return where.replace("created_at", "o.created_at").replace("owner_id", "o.owner_id")
                .replace("industry", "o.industry").replace("region", "o.region").replace("channel", "o.channel");
    }
}
