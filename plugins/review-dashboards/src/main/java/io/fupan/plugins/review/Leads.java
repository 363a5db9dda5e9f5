package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.storage.PluginTables;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lead figures (METRICS.md "Lead conversion rate", "MQL → SQL rate", lead → contacted) over the
 * plugin's rd_lead facts: per lead its channel, creation, and the furthest status it has been seen in
 * (new &lt; contacted &lt; mql &lt; sql &lt; converted; a later status counts the earlier ones as passed,
 * as a skipped stage does in the funnel; disqualified does not lower it).
 */
final class Leads {

    static final List<String> ORDER = List.of("new", "contacted", "mql", "sql", "converted");

    private static final String UPSERT = "insert into rd_lead (lead_id, channel, created_at, status, max_status, converted_at) "
            + "values (?, ?, ?, ?, ?, ?) on conflict on constraint rd_lead_pkey do update set channel = excluded.channel, "
            + "created_at = excluded.created_at, status = excluded.status, "
            + "max_status = greatest(rd_lead.max_status, excluded.max_status), converted_at = excluded.converted_at";

    private final PluginContext context;

    Leads(PluginContext context) {
        this.context = context;
    }

    static int position(String status) {
        return status == null ? 0 : Math.max(0, ORDER.indexOf(status));
    }

    private static Object[] row(LeadRecord l, int seen) {
        int pos = Math.max(seen, position(l.status()));
        OffsetDateTime converted = "converted".equals(l.status()) ? l.statusChangedAt() : null;
        return new Object[] {l.id(), l.channel(), l.createdAt(), l.status(), (short) pos, converted};
    }

    /** One lead's facts from its record now, never lowering the furthest status seen ({@code seen}: an event's). */
    void refresh(UUID id, String seenStatus) {
        Optional<LeadRecord> lead = context.records().leads().find(id);
        if (lead.isEmpty()) {
            context.tables().update("delete from rd_lead where lead_id = ?", id);
            return;
        }
        context.tables().update(UPSERT, row(lead.get(), position(seenStatus)));
    }

    /** Every lead's facts from the records (in chunks); returns how many. */
    long rebuild() {
        PluginTables t = context.tables();
        t.update("delete from rd_lead");
        List<Object[]> pending = new ArrayList<>();
        long[] n = {0};
        context.records().leads().forEach(Map.of(), l -> {
            pending.add(row(l, 0));
            if (pending.size() >= 2000) {
                t.batch(UPSERT, List.copyOf(pending));
                n[0] += pending.size();
                pending.clear();
            }
        });
        if (!pending.isEmpty()) {
            t.batch(UPSERT, List.copyOf(pending));
            n[0] += pending.size();
        }
        return n[0];
    }

    /**
     * The lead figures of the leads created in the window, in total and per channel: created,
     * contacted, mql, sql, converted, the rates, and the mean days to convert; the lead → contacted
     * rate with its healthy range and a bottleneck flag when below it.
     */
    Map<String, Object> figures(Cohort window, double[] healthy, List<String> hints) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (window.start() != null) {
            where.append(" and created_at >= ?");
            args.add(window.start());
        }
        if (window.end() != null) {
            where.append(" and created_at < ?");
            args.add(window.end());
        }
        if (!window.channels().isEmpty()) {
            where.append(" and channel = any(?)");
            args.add(window.channels().toArray(new String[0]));
        }
        List<Map<String, Object>> channels = new ArrayList<>();
        Map<String, Object> total = null;
        for (Map<String, Object> r : context.tables().query("select channel, grouping(channel) as total, count(*) as created, "
                + "count(*) filter (where max_status >= 1) as contacted, count(*) filter (where max_status >= 2) as mql, "
                + "count(*) filter (where max_status >= 3) as sql, count(*) filter (where max_status >= 4) as converted, "
                + "avg(extract(epoch from converted_at - created_at) / 86400) filter (where max_status >= 4 "
                + "and converted_at is not null) as days_to_convert "
                + "from rd_lead where " + where + " group by rollup (channel) order by grouping(channel), channel",
                args.toArray())) {
            Map<String, Object> m = new LinkedHashMap<>();
            boolean isTotal = ((Number) r.get("total")).intValue() == 1;
            if (!isTotal) {
                m.put("channel", r.get("channel"));
            }
            long created = ((Number) r.get("created")).longValue();
            long contacted = ((Number) r.get("contacted")).longValue();
            long mql = ((Number) r.get("mql")).longValue();
            long sql = ((Number) r.get("sql")).longValue();
            long converted = ((Number) r.get("converted")).longValue();
            m.put("created", created);
            m.put("contacted", contacted);
            m.put("mql", mql);
            m.put("sql", sql);
            m.put("converted", converted);
            m.put("contactRate", ratio(contacted, created));
            m.put("mqlToSqlRate", ratio(sql, mql));
            m.put("conversionRate", ratio(converted, created));
            m.put("meanDaysToConvert", r.get("days_to_convert") == null ? null : ((Number) r.get("days_to_convert")).doubleValue());
            if (isTotal) {
                total = m;
            } else {
                channels.add(m);
            }
        }
        if (total == null) {
            total = new LinkedHashMap<>(Map.of("created", 0L));
        }
        Double contactRate = (Double) total.get("contactRate");
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("healthyRange", List.of(healthy[0], healthy[1]));
        boolean bottleneck = contactRate != null && contactRate < healthy[0];
        lead.put("bottleneck", bottleneck);
        lead.put("shortfallPoints", bottleneck ? (healthy[0] - contactRate) * 100 : null);
        lead.put("hints", hints);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("leadToContacted", lead);
        body.put("channels", channels);
        return body;
    }

    private static Double ratio(long a, long b) {
        return b == 0 ? null : (double) a / b;
    }
}
