package com.example.stalled;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginInstance;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.OpportunitySignal;
import io.fupan.api.data.Page;
import io.fupan.api.data.Pipeline;
import io.fupan.api.data.Query;
import io.fupan.api.event.DomainEvent;
import io.fupan.api.event.EventListener;
import io.fupan.api.event.OpportunityClosed;
import io.fupan.api.event.OpportunityStageChanged;
import io.fupan.api.job.JobProvider;
import io.fupan.api.job.ScheduledJob;
import io.fupan.api.rest.PluginRequest;
import io.fupan.api.rest.PluginResponse;
import io.fupan.api.rest.RestEndpoint;
import io.fupan.api.storage.PluginStorage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plugin working for one tenant. Alerts live in storage under {@code alert/<opportunityId>}. */
final class StalledDeals implements PluginInstance, RestEndpoint, EventListener, JobProvider {

    static final String JOB = "scan-stalled-deals";
    private static final String PREFIX = "alert/";
    /** The kind of the signals this plugin publishes on deals it flags. */
    static final String SIGNAL = "stalled";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)");

    private final PluginContext context;
    private final Clock clock;

    StalledDeals(PluginContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    // ---- job

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob(JOB, Duration.ofHours(1), this::scan));
    }

    /** Flags every open deal past its stage's threshold and clears alerts of deals that are not; how many are flagged. */
    int scan() {
        Pipeline pipeline = context.pipeline();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> flagged = new HashSet<>();
        Map<UUID, OpportunitySignal> signals = new LinkedHashMap<>();
        int page = 0;
        Page<OpportunityRecord> batch;
        do {
            batch = context.records().opportunities().list(Query.all().where("closed", false).page(page++, Query.MAX_SIZE));
            for (OpportunityRecord o : batch.items()) {
                long threshold = threshold(pipeline, o.stage());
                long days = Duration.between(o.stageEnteredAt(), now).toDays();
                if (days > threshold) {
                    context.storage().put(PREFIX + o.id(), json(o, days, threshold));
                    flagged.add(PREFIX + o.id());
                    signals.put(o.id(), signal(o, days, threshold));
                }
            }
        } while ((long) page * Query.MAX_SIZE < batch.total());
        for (PluginStorage.Entry e : context.storage().list(PREFIX, 1000)) {
            if (!flagged.contains(e.key())) {
                context.storage().delete(e.key());
            }
        }
        context.records().forEachOpportunitySignal("at-risk", s -> {
            if (s.pluginId().equals(context.pluginId()) && s.kind().equals(SIGNAL) && !signals.containsKey(s.opportunityId())) {
                signals.put(s.opportunityId(), null);
            }
        });
        context.changes().putOpportunitySignals(SIGNAL, signals);
        return flagged.size();
    }

    long threshold(Pipeline pipeline, String stage) {
        Object own = context.config().object("thresholds").get(stage);
        if (own instanceof Number n) {
            return n.longValue();
        }
        if (context.config().flag("useStageBenchmarks", true)) {
            Integer aging = pipeline.stage(stage).map(Pipeline.Stage::agingDays).orElse(null);
            if (aging != null) {
                return aging;
            }
        }
        return context.config().number("defaultThresholdDays", 30);
    }

    /** What other plugins (e.g. a weekly review's deals at risk) and the deal's detail see of an alert. */
    private OpportunitySignal signal(OpportunityRecord o, long days, long threshold) {
        return new OpportunitySignal("at-risk", BigDecimal.valueOf(days),
                context.messages().get(Locale.ENGLISH, "alert", o.name(), o.stage(), days, threshold),
                context.messages().get(Locale.SIMPLIFIED_CHINESE, "alert", o.name(), o.stage(), days, threshold));
    }

    private static String json(OpportunityRecord o, long days, long threshold) {
        return "{\"opportunityId\": \"" + o.id() + "\", \"name\": \"" + escape(o.name()) + "\", \"stage\": \""
                + escape(o.stage()) + "\", \"daysInStage\": " + days + ", \"thresholdDays\": " + threshold + "}";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- events

    @Override
    public Set<String> eventTypes() {
        return Set.of(OpportunityStageChanged.TYPE, OpportunityClosed.TYPE);
    }

    /**
     * A deal that closes, or moves to another stage than the one it was flagged in, is not stalled any
     * more (the next scan judges its new stage). Events arrive after commit and possibly after a scan:
     * an event that names the flagged stage itself (e.g. the deal's creation) leaves the alert.
     */
    @Override
    public void on(DomainEvent event) {
        String key = PREFIX + event.recordId();
        if (event instanceof OpportunityStageChanged changed) {
            String flaggedStage = context.storage().get(key).map(json -> fields(json).get("stage")).orElse(null);
            if (flaggedStage != null && !flaggedStage.equals(changed.toStage())) {
                clear(event.recordId());
            }
        } else {
            clear(event.recordId());
        }
    }

    private void clear(UUID opportunityId) {
        if (context.storage().delete(PREFIX + opportunityId)) {
            Map<UUID, OpportunitySignal> gone = new HashMap<>();
            gone.put(opportunityId, null);
            context.changes().putOpportunitySignals(SIGNAL, gone);
        }
    }

    // ---- endpoints

    @Override
    public PluginResponse handle(PluginRequest request) {
        if (request.method().equals("GET") && request.path().equals("alerts")) {
            List<Alert> alerts = alerts(request.locale());
            return PluginResponse.ok(Map.of("items", alerts, "total", alerts.size()));
        }
        if (request.method().equals("POST") && request.path().equals("scan")) {
            if (!request.user().has("tenant_admin") && !request.user().has("sales_manager")) {
                return PluginResponse.problem(403, "forbidden", "Only admins and sales managers start a scan.");
            }
            return PluginResponse.ok(Map.of("flagged", scan()));
        }
        return PluginResponse.problem(404, "no-such-endpoint",
                "stalled-deals has GET alerts and POST scan, not " + request.method() + " " + request.path() + ".");
    }

    List<Alert> alerts(Locale locale) {
        List<Alert> alerts = new ArrayList<>();
        for (PluginStorage.Entry e : context.storage().list(PREFIX, 1000)) {
            Map<String, String> f = fields(e.json());
            long days = Long.parseLong(f.get("daysInStage"));
            long threshold = Long.parseLong(f.get("thresholdDays"));
            alerts.add(new Alert(UUID.fromString(f.get("opportunityId")), f.get("name"), f.get("stage"), days, threshold,
                    context.messages().get(locale, "alert", f.get("name"), f.get("stage"), days, threshold)));
        }
        alerts.sort(Comparator.comparingLong(Alert::daysInStage).reversed().thenComparing(Alert::name));
        return alerts;
    }

    /** The flat fields of an alert document (strings and integers), as this plugin writes them. */
    private static Map<String, String> fields(String json) {
        Map<String, String> f = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            f.put(m.group(1), m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2));
        }
        return f;
    }
}
