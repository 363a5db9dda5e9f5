package io.fupan.plugins.review;

import io.fupan.api.data.Pipeline;
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.storage.PluginTables;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The funnel of METRICS.md over rd_opportunity: Reached(S) per stage of the order, conversion to the
 * next, overall conversion, won, lost, win rate, sales cycle (mean, median), bottlenecks with their
 * shortfall and hints; for a whole cohort or per group (owner, team, industry, region, channel).
 *
 * <p>Two statements per question: counts per (group, furthest position, outcome) (a hash aggregate
 * over the cohort), and the sum and median of the won cycles per group over the won rows only (their
 * own partial index). Reached(S_k) is then the sum of the counts with furthest position ≥ k.
 */
final class Funnel {

    /** The figures of one cohort or group, before they are written out. */
    static final class Figures {
        final long[] reached;
        long won;
        long lost;
        double cycleSum;
        Double median;

        Figures(int stages) {
            reached = new long[stages];
        }

        Double conversion(int k) {
            return k + 1 < reached.length && reached[k] > 0 ? (double) reached[k + 1] / reached[k] : null;
        }
    }

    private final PluginTables tables;
    private final StageOrder order;
    private final boolean days;

    Funnel(PluginTables tables, StageOrder order) {
        this(tables, order, false);
    }

    /** @param days whether rd_day is built (the counts of unfiltered whole-day cohorts come from it) */
    Funnel(PluginTables tables, StageOrder order, boolean days) {
        this.tables = tables;
        this.order = order;
        this.days = days;
    }

    /** Whether the counts of this question can come from rd_day: whole days, no filter, a dimension it keeps. */
    private boolean fromDays(Cohort cohort, String groupBy) {
        return days && cohort.owners() == null && cohort.industries().isEmpty() && cohort.regions().isEmpty()
                && cohort.channels().isEmpty() && cohort.productLines().isEmpty()
                && (cohort.start() == null || cohort.from() != null)
                && (cohort.end() == null || cohort.to() != null)
                && (groupBy == null || Facts.DIMS.contains(groupBy));
    }

    /**
     * The figures of the cohort, per group key ({@code null} key for the whole cohort when
     * {@code groupBy} is null; a null group value, e.g. no channel, is its own group).
     */
    Map<String, Figures> figures(Cohort cohort, String groupBy, Directory.Snapshot directory) {
        return figures(cohort, groupBy, directory, null);
    }

    /** As {@link #figures(Cohort, String, Directory.Snapshot)}; {@code zone} for the periods {@code month}, {@code quarter}. */
    Map<String, Figures> figures(Cohort cohort, String groupBy, Directory.Snapshot directory, java.time.ZoneId zone) {
        List<Object> args = new ArrayList<>();
        String g = switch (groupBy == null ? "" : groupBy) {
            case "" -> "null::text";
            case "month" -> {
                args.add(zone.getId());
                yield "to_char(created_at at time zone ?, 'YYYY-MM')";
            }
            case "quarter" -> {
                args.add(zone.getId());
                yield "to_char(created_at at time zone ?, 'YYYY-\"Q\"Q')";
            }
            case "owner" -> "owner_id";
            case "team" -> {
                // the owners' teams as they are now, passed in: the team's median is over its members' rows
                List<UUID> ids = new ArrayList<>();
                List<String> teams = new ArrayList<>();
                for (UserRecord u : directory.users().values()) {
                    if (u.teamId() != null) {
                        ids.add(u.id());
                        TeamRecord t = directory.teams().get(u.teamId());
                        teams.add(t == null ? u.teamId().toString() : t.name());
                    }
                }
                args.add(ids.toArray(new UUID[0]));
                args.add(teams.toArray(new String[0]));
                yield "(select t.team from unnest(?::uuid[], ?::text[]) as t(uid, team) where t.uid = owner_id)";
            }
            case "industry", "region", "channel" -> groupBy;
            default -> throw new BadRequest("groupBy", "must be one of owner, team, industry, region, channel");
        };
        List<Object> countArgs = new ArrayList<>(args);
        String where = cohort.where(countArgs);
        Map<String, Figures> out = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        int n = order.size();
        List<Map<String, Object>> counts;
        boolean fromDays = fromDays(cohort, groupBy);
        if (fromDays) {
            counts = dayCounts(groupBy == null ? "" : groupBy, cohort.from(), cohort.to());
            if (groupBy == null) {
                counts.forEach(r -> r.put("g", null));
            }
        } else {
            counts = tables.query("select " + g + " as g, max_pos, outcome, count(*) as n "
                    + "from rd_opportunity where " + where + " group by 1, 2, 3", countArgs.toArray());
        }
        for (Map<String, Object> row : counts) {
            String key = row.get("g") == null ? null : row.get("g").toString();
            Figures f = out.computeIfAbsent(key, k -> new Figures(n));
            int pos = ((Number) row.get("max_pos")).intValue();
            long count = ((Number) row.get("n")).longValue();
            for (int k = 0; k < Math.min(pos, n); k++) {
                f.reached[k] += count;
            }
            int outcome = ((Number) row.get("outcome")).intValue();
            if (outcome == 1) {
                f.won += count;
                if (row.get("cycle_sum") != null) {
                    f.cycleSum += ((Number) row.get("cycle_sum")).doubleValue();
                }
            } else if (outcome == 2) {
                f.lost += count;
            }
        }
        // (owner-less opportunities, a null owner group, take the general way)
        if (fromDays && (groupBy == null || (groupBy.equals("owner") && !out.containsKey(null)))) {
            medians(cohort, groupBy, out);
        } else {
            percentiles(cohort, g, args, out);
        }
        if ("owner".equals(groupBy)) {
            Map<String, Figures> named = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            out.forEach((id, f) -> {
                UserRecord u = id == null ? null : directory.users().get(UUID.fromString(id));
                named.put(id == null ? null : u == null ? id : u.username(), f);
            });
            return named;
        }
        return out;
    }

    /**
     * The median sales cycle of each group at its rank: the counts (and cycle sums) came from rd_day /
     * rd_month, so each group's won count n is known; its median is the mean of the won cycles at
     * ranks ⌊(n−1)/2⌋ … ⌈(n−1)/2⌉ in cycle order (what percentile_cont(0.5) interpolates), read from
     * the won rows' cycle-ordered index (in total, or by owner) within the cohort's window: about n/2
     * index entries per group instead of a sort of them all.
     */
    private void medians(Cohort cohort, String groupBy, Map<String, Figures> out) {
        List<String> keys = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        out.forEach((key, f) -> {
            if (f.won > 0) {
                keys.add(key == null ? "" : key);
                offsets.add((int) ((f.won - 1) / 2));
                limits.add(f.won % 2 == 1 ? 1 : 2);
            }
        });
        if (keys.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        String where = cohort.where(args);
        String owner = groupBy == null ? "" : "and owner_id = u.g::uuid ";
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(keys.toArray(new String[0]), offsets.toArray(new Integer[0]), limits.toArray(new Integer[0])));
        for (Map<String, Object> row : tables.query("select u.g, (select avg(c) from (select cycle_days as c from rd_opportunity "
                + "where outcome = 1 " + owner + "and " + where + " order by cycle_days offset u.k limit u.m) x) as median "
                + "from unnest(?::text[], ?::int[], ?::int[]) as u(g, k, m)", all.toArray())) {
            Figures f = out.get(groupBy == null ? null : (String) row.get("g"));
            if (f != null && row.get("median") != null) {
                f.median = ((Number) row.get("median")).doubleValue();
            }
        }
    }

    /** Sum and median (percentile_cont) of the won cycles per group, over the won rows of the cohort. */
    private void percentiles(Cohort cohort, String g, List<Object> args, Map<String, Figures> out) {
        List<Object> medianArgs = new ArrayList<>(args);
        String wonWhere = cohort.where(medianArgs);
        for (Map<String, Object> row : tables.query("select " + g + " as g, sum(cycle_days) as cycle_sum, "
                + "percentile_cont(0.5) within group (order by cycle_days) as median from rd_opportunity "
                + "where outcome = 1 and " + wonWhere + " group by 1", medianArgs.toArray())) {
            Figures f = out.get(row.get("g") == null ? null : row.get("g").toString());
            if (f != null && row.get("median") != null) {
                f.median = ((Number) row.get("median")).doubleValue();
                f.cycleSum = ((Number) row.get("cycle_sum")).doubleValue();
            }
        }
    }


    /**
     * Opportunities per (value of {@code dim}, furthest position, outcome) created in the whole days
     * [from, to) (either open): the calendar months wholly inside from rd_month, the days before the
     * first and after the last of them from rd_day.
     */
    private List<Map<String, Object>> dayCounts(String dim, java.time.LocalDate from, java.time.LocalDate to) {
        java.time.LocalDate firstMonth = from == null ? null : from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        java.time.LocalDate endMonth = to == null ? null : to.withDayOfMonth(1);
        List<Object> args = new ArrayList<>();
        StringBuilder parts = new StringBuilder();
        if (firstMonth != null && endMonth != null && !firstMonth.isBefore(endMonth)) { // no whole month inside
            parts.append("select value, max_pos, outcome, n, cycle_sum from rd_day where dim = ? and day >= ? and day < ?");
            args.addAll(List.of(dim, from, to));
        } else {
            parts.append("select value, max_pos, outcome, n, cycle_sum from rd_month where dim = ?");
            args.add(dim);
            if (firstMonth != null) {
                parts.append(" and month >= ?");
                args.add(firstMonth);
            }
            if (endMonth != null) {
                parts.append(" and month < ?");
                args.add(endMonth);
            }
            if (from != null && from.isBefore(firstMonth)) {
                parts.append(" union all select value, max_pos, outcome, n, cycle_sum from rd_day where dim = ? and day >= ? and day < ?");
                args.addAll(List.of(dim, from, firstMonth));
            }
            if (to != null && endMonth.isBefore(to)) {
                parts.append(" union all select value, max_pos, outcome, n, cycle_sum from rd_day where dim = ? and day >= ? and day < ?");
                args.addAll(List.of(dim, endMonth, to));
            }
        }
        return tables.query("select nullif(value, '') as g, max_pos, outcome, sum(n) as n, sum(cycle_sum) as cycle_sum from ("
                + parts + ") c group by value, max_pos, outcome having sum(n) <> 0", args.toArray());
    }

    /** The whole cohort's figures (no grouping). */
    Figures total(Cohort cohort, Directory.Snapshot directory) {
        Figures f = figures(cohort, null, directory).get(null);
        return f == null ? new Figures(order.size()) : f;
    }

    /**
     * One funnel as the API writes it: {@code stages} (key, label, reached, conversionToNext,
     * healthyRange, bottleneck, shortfallPoints, hints), won, lost, winRate, overallConversion, cycle.
     *
     * @param baseline the tenant's trailing-12-month figures, the benchmark of stages without a range
     */
    Map<String, Object> write(Figures f, Figures baseline, Map<String, List<String>> hints, boolean zh) {
        List<Pipeline.Stage> stages = order.stages();
        // Stages without a healthy range: the one furthest below the tenant's own trailing-12-month conversion.
        int worst = -1;
        double worstGap = 0;
        for (int k = 0; k + 1 < stages.size(); k++) {
            Pipeline.Stage s = stages.get(k);
            Double c = f.conversion(k);
            Double b = baseline.conversion(k);
            if (s.healthyLow() == null && c != null && b != null && b - c > worstGap) {
                worst = k;
                worstGap = b - c;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < stages.size(); k++) {
            Pipeline.Stage s = stages.get(k);
            Double c = f.conversion(k);
            boolean bottleneck;
            Double shortfall = null;
            List<Double> range = null;
            if (s.healthyLow() != null && k + 1 < stages.size()) {
                double low = s.healthyLow().doubleValue();
                range = List.of(low, s.healthyHigh() == null ? 1.0 : s.healthyHigh().doubleValue());
                bottleneck = c != null && c < low;
                shortfall = bottleneck ? (low - c) * 100 : null;
            } else {
                bottleneck = k == worst;
                shortfall = bottleneck ? worstGap * 100 : null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("label", zh ? s.labelZh() : s.labelEn());
            m.put("reached", f.reached[k]);
            m.put("conversionToNext", c);
            m.put("healthyRange", range);
            m.put("bottleneck", bottleneck);
            m.put("shortfallPoints", shortfall);
            m.put("hints", hints.getOrDefault(s.key(), List.of()));
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stages", out);
        m.put("won", f.won);
        m.put("lost", f.lost);
        m.put("winRate", f.won + f.lost == 0 ? null : (double) f.won / (f.won + f.lost));
        m.put("overallConversion", f.reached.length == 0 || f.reached[0] == 0 ? null
                : (double) f.reached[f.reached.length - 1] / f.reached[0]);
        Map<String, Object> cycle = new LinkedHashMap<>();
        cycle.put("meanDays", f.won == 0 ? null : f.cycleSum / f.won);
        cycle.put("medianDays", f.median);
        m.put("cycle", cycle);
        return m;
    }

    /** The baseline window: the 12 months before {@code end}. */
    static Cohort trailingYear(OffsetDateTime end, java.time.ZoneId zone) {
        java.time.ZonedDateTime local = end.atZoneSameInstant(zone);
        OffsetDateTime start = local.minusMonths(12).toOffsetDateTime();
        if (local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) { // whole days: rd_day can count it
            return new Cohort(local.toLocalDate().minusMonths(12), local.toLocalDate(), start, end, null, List.of(),
                    List.of(), List.of(), List.of());
        }
        return new Cohort(null, null, start, end, null, List.of(), List.of(), List.of(), List.of());
    }
}
