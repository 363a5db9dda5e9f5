package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.storage.PluginStorage;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly opportunity health report: made once per ISO week, at or after the tenant's configured
 * day and time (config {@code weeklyReport.day}, {@code .time}; Monday 08:00 by default, in the
 * tenant's time zone), and kept in the plugin's storage under {@code report:<yyyy>-W<ww>}. It holds the
 * funnel of the trailing 12 months with each stage's change since last week's report, the bottlenecks
 * that are new since then, the stalled deals (open past their stage's "too long" days, longest first)
 * , the deals other enabled plugins judge at risk (their opportunity signals: a health indicator, stalled
 * deal alerts …; empty when no such plugin is enabled) and per-rep highlights.
 */
final class WeeklyReport {

    static final String PREFIX = "report:";

    private final PluginContext context;

    WeeklyReport(PluginContext context) {
        this.context = context;
    }

    /** The key of the report of the week of {@code t} in {@code zone}, e.g. {@code report:2026-W48}. */
    static String key(ZonedDateTime t) {
        return String.format("%s%d-W%02d", PREFIX, t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** When this week's report is due, in the tenant's zone. */
    ZonedDateTime due(ZonedDateTime now) {
        Map<String, Object> cfg = context.config().object("weeklyReport");
        DayOfWeek day = DayOfWeek.valueOf(String.valueOf(cfg.getOrDefault("day", "MONDAY")));
        LocalTime time = LocalTime.parse(String.valueOf(cfg.getOrDefault("time", "08:00")));
        LocalDate monday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.plusDays(day.getValue() - 1L).atTime(time).atZone(now.getZone());
    }

    /** Makes this week's report when it is due and not made yet; whether it made one. */
    boolean makeIfDue(ZonedDateTime now, Map<String, Object> funnel, List<Map<String, Object>> stalled,
                      List<Map<String, Object>> atRisk, List<Map<String, Object>> reps) {
        if (now.isBefore(due(now))) {
            return false;
        }
        String key = key(now);
        if (context.storage().get(key).isPresent()) {
            return false;
        }
        Optional<String> previous = context.storage().list(PREFIX, 1000).stream().map(PluginStorage.Entry::key)
                .filter(k -> k.compareTo(key) < 0).reduce((a, b) -> b).flatMap(k -> context.storage().get(k));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("week", key.substring(PREFIX.length()));
        report.put("madeAt", now.toOffsetDateTime().toString());
        report.put("funnel", funnel);
        List<Map<String, Object>> changes = new ArrayList<>();
        List<String> newBottlenecks = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) funnel.get("stages");
        for (Map<String, Object> s : stages) {
            String stage = (String) s.get("key");
            Double before = previous.flatMap(p -> Json.number(p, stage, "conversionToNext")).orElse(null);
            Double now2 = (Double) s.get("conversionToNext");
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("stage", stage);
            c.put("conversionToNext", now2);
            c.put("lastWeek", before);
            c.put("changePoints", before == null || now2 == null ? null : (now2 - before) * 100);
            changes.add(c);
            boolean wasBottleneck = previous.map(p -> Json.flag(p, stage, "bottleneck")).orElse(false);
            if (Boolean.TRUE.equals(s.get("bottleneck")) && !wasBottleneck) {
                newBottlenecks.add(stage);
            }
        }
        report.put("changes", changes);
        report.put("newBottlenecks", newBottlenecks);
        report.put("stalled", stalled);
        report.put("atRisk", atRisk);
        report.put("reps", reps);
        context.storage().put(key, Json.write(report));
        return true;
    }

    /** The stalled deals: open past their stage's "too long" days, longest first (at most 50). */
    static List<Map<String, Object>> stalled(io.fupan.api.storage.PluginTables tables, Map<String, Integer> thresholds,
                                             OffsetDateTime now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Integer> t : thresholds.entrySet()) {
            for (Map<String, Object> r : tables.query("select opportunity_id, owner_id, stage, amount, "
                    + "extract(epoch from ?::timestamptz - stage_entered_at) / 86400 as days from rd_opportunity "
                    + "where outcome = 0 and stage = ? and stage_entered_at < ? order by stage_entered_at limit 50",
                    now, t.getKey(), now.minusDays(t.getValue()))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("opportunityId", String.valueOf(r.get("opportunity_id")));
                m.put("ownerId", r.get("owner_id") == null ? null : String.valueOf(r.get("owner_id")));
                m.put("stage", r.get("stage"));
                m.put("daysInStage", ((Number) r.get("days")).doubleValue());
                m.put("tooLongDays", t.getValue());
                m.put("amount", r.get("amount") == null ? null : String.valueOf(r.get("amount")));
                out.add(m);
            }
        }
        out.sort((a, b) -> Double.compare((Double) b.get("daysInStage"), (Double) a.get("daysInStage")));
        return out.size() > 50 ? new ArrayList<>(out.subList(0, 50)) : out;
    }

    /** Most at-risk deals a report lists. */
    static final int MAX_AT_RISK = 50;

    /**
     * The open deals that other plugins the tenant has enabled judge {@code at-risk}, the ones most
     * plugins agree on first, then by amount (at most {@value #MAX_AT_RISK}): each with its name, owner id,
     * stage, amount and the plugins' reasons in English and Chinese.
     */
    static List<Map<String, Object>> atRisk(PluginContext context) {
        Map<java.util.UUID, List<io.fupan.api.data.OpportunitySignalRecord>> byDeal = new LinkedHashMap<>();
        context.records().forEachOpportunitySignal("at-risk", s -> {
            if (!s.pluginId().equals(context.pluginId())) {
                byDeal.computeIfAbsent(s.opportunityId(), id -> new ArrayList<>()).add(s);
            }
        });
        Map<java.util.UUID, io.fupan.api.data.OpportunityRecord> deals = new java.util.HashMap<>();
        List<java.util.UUID> ids = new ArrayList<>(byDeal.keySet());
        for (int from = 0; from < ids.size(); from += io.fupan.api.data.Query.MAX_SIZE) {
            context.records().opportunities().findAll(ids.subList(from, Math.min(ids.size(), from + io.fupan.api.data.Query.MAX_SIZE)))
                    .forEach(o -> deals.put(o.id(), o));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : byDeal.entrySet()) {
            io.fupan.api.data.OpportunityRecord o = deals.get(e.getKey());
            if (o == null || o.closedAt() != null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("opportunityId", o.id().toString());
            m.put("name", o.name());
            m.put("ownerId", o.ownerId() == null ? null : o.ownerId().toString());
            m.put("stage", o.stage());
            m.put("amount", o.amount() == null ? null : o.amount().toPlainString());
            m.put("currency", o.currency());
            m.put("signals", e.getValue().size());
            m.put("sources", String.join(", ", e.getValue().stream().map(s -> s.pluginId() + "/" + s.kind()).toList()));
            m.put("reason", String.join("; ", e.getValue().stream().map(s -> s.reason()).toList()));
            m.put("reasonZh", String.join("；", e.getValue().stream()
                    .map(s -> s.reason(java.util.Locale.SIMPLIFIED_CHINESE)).toList()));
            out.add(m);
        }
        out.sort(java.util.Comparator.<Map<String, Object>>comparingInt(m -> -(Integer) m.get("signals"))
                .thenComparing(m -> m.get("amount") == null ? java.math.BigDecimal.ZERO
                        : new java.math.BigDecimal((String) m.get("amount")), java.util.Comparator.reverseOrder())
                .thenComparing(m -> (String) m.get("opportunityId")));
        return out.size() > MAX_AT_RISK ? new ArrayList<>(out.subList(0, MAX_AT_RISK)) : out;
    }
}
