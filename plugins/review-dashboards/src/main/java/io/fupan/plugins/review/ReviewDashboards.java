package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginInstance;
import io.fupan.api.event.ActivityRecorded;
import io.fupan.api.event.DomainEvent;
import io.fupan.api.event.EventListener;
import io.fupan.api.event.LeadCreated;
import io.fupan.api.event.LeadStatusChanged;
import io.fupan.api.event.OpportunityStageChanged;
import io.fupan.api.job.JobProvider;
import io.fupan.api.job.ScheduledJob;
import io.fupan.api.rest.PluginRequest;
import io.fupan.api.rest.PluginResponse;
import io.fupan.api.rest.RestEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * review-dashboards for one tenant and config.
 *
 * <ul>
 *   <li>Endpoints: {@code GET funnel} (API.md "The contract"), {@code GET leads}, {@code GET heatmap}, {@code GET status}
 *       (the facts' state), {@code POST rebuild} (tenant admin: build the facts anew).</li>
 *   <li>Events: {@code opportunity.stage-changed} refreshes that opportunity's facts, {@code lead.created} and
 *       {@code lead.status-changed} that lead's (idempotent).</li>
 *   <li>Jobs: {@code facts} (every 2 s) builds the facts when they are missing, were asked to be
 *       rebuilt, or the pipeline's order changed.</li>
 * </ul>
 *
 * <p>Edition {@code lite} (the lite plan): the overall funnel and sales cycle, and the lead figures
 * (conversion, MQL → SQL); no grouping, and every other endpoint answers 403 {@code lite-edition}.
 */
final class ReviewDashboards implements PluginInstance, RestEndpoint, EventListener, JobProvider {

    static final String STATE_KEY = "facts";
    private static final Pattern STATE_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))");
    private static final Set<String> FUNNEL_PARAMS;

    static {
        Set<String> p = new HashSet<>(Cohort.PARAMS);
        p.add("groupBy");
        FUNNEL_PARAMS = Set.copyOf(p);
    }

    private final PluginContext context;
    private final Clock clock;
    private final Facts facts;
    private final Directory directory;
    private final Leads leads;
    private final Traits traits;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile Baseline baseline;

    private record Baseline(String key, Funnel.Figures figures, OffsetDateTime readAt) {}

    ReviewDashboards(PluginContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
        this.facts = new Facts(context);
        this.directory = new Directory(context.records(), clock);
        this.leads = new Leads(context);
        this.traits = new Traits(context);
    }

    private boolean lite() {
        return context.edition().map("lite"::equals).orElse(false);
    }

    private ZoneId zone() {
        return ZoneId.of(context.tenant().timeZone());
    }

    // ---- facts: state, backfill job, events

    /**
     * The facts' state as stored: status (building, ready, failed, stale), signature, counts. (The host
     * keeps storage as jsonb and gives it back in its own spacing: the fields are read leniently.)
     */
    Map<String, String> state() {
        Cached c = cachedState;
        if (c != null && System.nanoTime() - c.at() < 250_000_000L) { // one read serves a request's checks
            return c.state();
        }
        Map<String, String> f = new LinkedHashMap<>();
        context.storage().get(STATE_KEY).ifPresent(json -> {
            Matcher m = STATE_FIELD.matcher(json);
            while (m.find()) {
                f.put(m.group(1), m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(3));
            }
        });
        Map<String, String> read = java.util.Collections.unmodifiableMap(f);
        cachedState = new Cached(read, System.nanoTime());
        return read;
    }

    private record Cached(Map<String, String> state, long at) {}

    private volatile Cached cachedState;

    private void putState(Map<String, Object> fields) {
        cachedState = null;
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(k).append("\":");
            if (v instanceof Number) {
                b.append(v);
            } else {
                b.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        });
        context.storage().put(STATE_KEY, b.append('}').toString());
    }

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob("facts", Duration.ofSeconds(2), this::buildIfNeeded),
                new ScheduledJob("weekly-report", Duration.ofMinutes(1), this::weeklyReport),
                new ScheduledJob("reconcile", Duration.ofSeconds(30), this::reconcile));
    }

    /** Builds the facts when they are not ready for the pipeline's current order. */
    void buildIfNeeded() {
        StageOrder order = new StageOrder(context.pipeline());
        Map<String, String> s = state();
        if ("ready".equals(s.get("status")) && signature(order).equals(s.get("signature"))) {
            if (!s.containsKey("days") || !s.containsKey("months") || !s.containsKey("open")) {
                // facts of an earlier version: count rd_day, rd_month, rd_open from them
                facts.buildDays();
                Map<String, Object> st = new LinkedHashMap<>(s);
                st.put("days", "built");
                st.put("months", "built");
                st.put("open", "built");
                putState(st);
            }
            if (!state().containsKey("winDays")) { // facts from before the win cycle was kept: count it from them
                facts.buildWinDays(order);
                Map<String, Object> st = new LinkedHashMap<>(state());
                st.put("winDays", "built");
                putState(st);
            }
            return;
        }
        if (!building.compareAndSet(false, true)) {
            return;
        }
        try {
            String started = OffsetDateTime.now(clock).toString();
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("status", "building");
            st.put("signature", signature(order));
            st.put("startedAt", started);
            putState(st);
            long[] lastReport = {System.nanoTime()};
            Facts.Built built = facts.rebuild(order, (phase, rows) -> {
                if (System.nanoTime() - lastReport[0] > 2_000_000_000L) { // progress every 2 s, not every chunk
                    lastReport[0] = System.nanoTime();
                    Map<String, Object> p = new LinkedHashMap<>(st);
                    p.put("phase", phase);
                    p.put("rows", rows);
                    putState(p);
                }
            });
            long leadCount = leads.rebuild();
            long activityCount = traits.rebuild();
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("status", "ready");
            done.put("signature", signature(order));
            done.put("startedAt", started);
            done.put("readyAt", OffsetDateTime.now(clock).toString());
            done.put("opportunities", built.opportunities());
            done.put("stageEntries", built.entries());
            done.put("leads", leadCount);
            done.put("activities", activityCount);
            done.put("days", "built");
            done.put("months", "built");
            done.put("open", "built");
            done.put("winDays", "built");
            putState(done);
            // what changed before the build started is in the facts: reconcile looks from there on
            context.storage().put("watermark", Json.write(Map.of("updatedAt", started)));
            baseline = null;
        } catch (RuntimeException | Error e) {
            // the host records a job's failure where no tenant sees it: keep it in the state GET status shows
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("status", "failed");
            failed.put("signature", signature(order));
            failed.put("failedAt", OffsetDateTime.now(clock).toString());
            failed.put("error", String.valueOf(e.getMessage()));
            try {
                putState(failed);
            } catch (RuntimeException ignored) {
                // the original failure matters more
            }
            throw e;
        } finally {
            building.set(false);
        }
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(OpportunityStageChanged.TYPE, LeadCreated.TYPE, LeadStatusChanged.TYPE, ActivityRecorded.TYPE);
    }

    /**
     * A stage change (or a new opportunity): its facts are recomputed from the record and history as
     * they are now, so a redelivery or an event overtaken by a later change does no harm.
     */
    @Override
    public void on(DomainEvent event) {
        if (event instanceof OpportunityStageChanged) {
            facts.refresh(event.recordId(), new StageOrder(context.pipeline()));
        } else if (event instanceof LeadStatusChanged changed) {
            leads.refresh(event.recordId(), changed.toStatus());
        } else if (event instanceof LeadCreated created) {
            leads.refresh(event.recordId(), created.status());
        } else if (event instanceof ActivityRecorded recorded && recorded.opportunityId() != null) {
            traits.refresh(event.recordId());
        }
    }

    // ---- endpoints

    /**
     * Every answer is also a CSV export: {@code format=csv} (with {@code table=<name>} for an answer of
     * several tables) answers {@code text/csv} as an attachment; a weekly report also comes as a
     * printable page ({@code reports/{week}?format=html}).
     */
    @Override
    public PluginResponse handle(PluginRequest request) {
        String format = request.query("format").orElse("json");
        if (!Set.of("json", "csv", "html").contains(format)) {
            return PluginResponse.problem(400, "invalid-parameter", "format: must be json, csv or html, was '" + format + "'");
        }
        boolean report = request.segments().size() == 2 && request.segments().get(0).equals("reports");
        if (format.equals("html") && !report) {
            return PluginResponse.problem(400, "invalid-parameter", "format: html is for a weekly report (reports/{week})");
        }
        PluginResponse answer = answer(request.query().containsKey("format") || request.query().containsKey("table")
                ? new WithoutExportParameters(request) : request);
        if (format.equals("json") || answer.status() != 200 || !(answer.body() instanceof Map<?, ?> body)) {
            return answer;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) body;
        if (format.equals("html")) {
            return PluginResponse.text(200, "text/html", ReportPage.html(map,
                    context.tenant().locale().startsWith("zh") || request.locale().getLanguage().equals("zh")));
        }
        try {
            String table = request.query("table").orElse(null);
            String filename = "review-" + request.path().replace('/', '-') + (table == null ? "" : "-" + table) + ".csv";
            byte[] csv = Csv.write(Csv.table(map, table)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new PluginResponse(200, new PluginResponse.Content("text/csv; charset=UTF-8", csv),
                    Map.of("Content-Disposition", "attachment; filename=\"" + filename + "\""));
        } catch (BadRequest e) {
            return PluginResponse.problem(400, "invalid-parameter", e.getMessage());
        }
    }

    /** The request without {@code format} and {@code table}, which every endpoint takes. */
    private record WithoutExportParameters(PluginRequest request) implements PluginRequest {
        @Override public String method() { return request.method(); }
        @Override public String path() { return request.path(); }
        @Override public Map<String, List<String>> query() {
            Map<String, List<String>> q = new LinkedHashMap<>(request.query());
            q.remove("format");
            q.remove("table");
            return q;
        }
        @Override public String body() { return request.body(); }
        @Override public <T> T bodyAs(Class<T> type) { return request.bodyAs(type); }
        @Override public io.fupan.api.UserInfo user() { return request.user(); }
        @Override public Locale locale() { return request.locale(); }
    }

    private PluginResponse answer(PluginRequest request) {
        try {
            String route = request.method() + " " + request.path();
            if (request.method().equals("GET") && request.segments().size() == 2 && request.segments().get(0).equals("reports")) {
                return full(() -> report(request.segments().get(1)));
            }
            return switch (route) {
                case "GET funnel" -> funnel(request);
                case "GET status" -> PluginResponse.ok(state());
                case "GET heatmap" -> full(() -> heatmap(request));
                case "GET leads" -> leads(request);
                case "GET time" -> full(() -> time(request));
                case "GET comparison" -> full(() -> comparison(request));
                case "GET reports" -> full(this::reports);
                case "GET trend" -> full(() -> trend(request));
                case "GET traits" -> full(() -> traits(request));
                case "POST rebuild" -> rebuild(request);
                default -> PluginResponse.problem(404, "no-such-endpoint", "review-dashboards has GET funnel, "
                        + "GET leads, GET time, GET trend, GET traits, GET comparison, GET heatmap, GET reports, GET reports/{week}, GET status and POST rebuild, not " + route + ".");
            };
        } catch (BadRequest e) {
            return PluginResponse.problem(400, "invalid-parameter", e.getMessage());
        }
    }

    private PluginResponse full(java.util.function.Supplier<PluginResponse> answer) {
        if (lite()) {
            return PluginResponse.problem(403, "lite-edition", context.messages().get("lite.only"));
        }
        return answer.get();
    }

    private PluginResponse notReady() {
        Map<String, String> s = state();
        String detail = "The review facts are being built (" + s.getOrDefault("phase", "starting") + ", "
                + s.getOrDefault("rows", "0") + " rows so far); ask again in a few seconds.";
        return new PluginResponse(503, new PluginResponse.Problem("facts-building", detail), Map.of("Retry-After", "5"));
    }

    /** Whether rd_day and rd_month are built (see {@link Funnel}). */
    private boolean days() {
        Map<String, String> s = state();
        return s.containsKey("days") && s.containsKey("months");
    }

    /**
     * What the facts depend on besides the records: the pipeline's order, the attribute product lines come
     * from, and the conversion table their amounts were converted with (a change of any builds them anew).
     */
    private String signature(StageOrder order) {
        io.fupan.api.data.CurrencyTable fx = context.currencies();
        String productLine = facts.productLineAttribute();
        return order.signature() + "|pl=" + productLine + (fx.rates().isEmpty() ? "" : "|" + new java.util.TreeMap<>(fx.rates()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().stripTrailingZeros().toPlainString())
                .collect(java.util.stream.Collectors.joining(",")));
    }

    /** How an answer's amounts are meant: in the tenant's currency, other currencies converted with its table. */
    private Map<String, Object> amounts() {
        io.fupan.api.data.CurrencyTable fx = context.currencies();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("currency", fx.currency());
        m.put("convertedWith", new java.util.TreeMap<>(fx.rates()));
        return m;
    }

    private boolean ready(StageOrder order) {
        Map<String, String> s = state();
        return "ready".equals(s.get("status")) && signature(order).equals(s.get("signature"));
    }

    private PluginResponse rebuild(PluginRequest request) {
        if (!request.user().has("tenant_admin")) {
            return PluginResponse.problem(403, "forbidden", "Only a tenant admin rebuilds the review facts.");
        }
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("status", "stale");
        st.put("signature", "");
        putState(st);
        return new PluginResponse(202, Map.of("status", "stale", "detail", "The facts job rebuilds them within seconds."),
                Map.of());
    }

    private PluginResponse funnel(PluginRequest request) {
        Cohort.onlyThese(request, FUNNEL_PARAMS);
        String groupBy = request.query("groupBy").filter(g -> !g.isBlank()).orElse(null);
        if (groupBy != null && lite()) {
            return PluginResponse.problem(403, "lite-edition", context.messages().get("lite.only"));
        }
        if (groupBy != null && !Set.of("owner", "team", "industry", "region", "channel").contains(groupBy)) {
            throw new BadRequest("groupBy", "must be one of owner, team, industry, region, channel; was '" + groupBy + "'");
        }
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return notReady();
        }
        Cohort cohort = Cohort.parse(request, zone(), directory);
        Directory.Snapshot dir = directory.now();
        Funnel funnel = new Funnel(context.tables(), order, days());
        Funnel.Figures base = baseline(funnel, cohort, dir);
        Map<String, List<String>> hints = hints(request.locale(), order.stages().stream().map(st -> st.key()).toList());
        boolean zh = request.locale().getLanguage().equals(Locale.CHINESE.getLanguage());
        if (groupBy == null) {
            return PluginResponse.ok(funnel.write(funnel.total(cohort, dir), base, hints, zh));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        funnel.figures(cohort, groupBy, dir).forEach((key, f) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("key", key);
            g.putAll(funnel.write(f, base, hints, zh));
            groups.add(g);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupBy", groupBy);
        body.put("groups", groups);
        return PluginResponse.ok(body);
    }

    /**
     * The tenant's own trailing-12-month figures (no filters) before the window's end (or now): the
     * benchmark of stages without a healthy range. Kept five minutes: a benchmark, not a live figure.
     */
    private Funnel.Figures baseline(Funnel funnel, Cohort cohort, Directory.Snapshot dir) {
        OffsetDateTime end = cohort.end() != null ? cohort.end() : OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String key = cohort.end() != null ? cohort.end().toString() : "now";
        Baseline b = baseline;
        if (b != null && b.key().equals(key) && b.readAt().plusMinutes(5).isAfter(OffsetDateTime.now(clock))) {
            return b.figures();
        }
        Funnel.Figures f = funnel.total(Funnel.trailingYear(end, zone()), dir);
        baseline = new Baseline(key, f, OffsetDateTime.now(clock));
        return f;
    }

    /** The usual causes per stage: the tenant's (config {@code hints}) or the defaults of the messages. */
    private Map<String, List<String>> hints(Locale locale, List<String> stageKeys) {
        Map<String, Object> configured = context.config().object("hints");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String stage : stageKeys) {
            Object own = configured.get(stage);
            if (own instanceof List<?> list) {
                out.put(stage, list.stream().map(String::valueOf).toList());
            } else {
                String key = "hints." + stage;
                String text = context.messages().get(locale, key);
                if (text != null && !text.equals(key) && !text.isBlank()) {
                    out.put(stage, List.of(text.split("\\|")));
                }
            }
        }
        return out;
    }

    /**
     * {@code GET leads?from=&to=&channel=}: lead conversion rate, mean days to convert, MQL → SQL rate,
     * lead → contacted with its healthy range (config {@code leadHealthyRange}, default 60–75 %), in
     * total and per channel, over the leads created in the window. In the lite edition too.
     */
    private PluginResponse leads(PluginRequest request) {
        Cohort.onlyThese(request, Set.of("from", "to", "channel"));
        if (!ready(new StageOrder(context.pipeline()))) {
            return notReady();
        }
        Cohort window = Cohort.parse(request, zone(), directory);
        double[] healthy = {0.60, 0.75};
        if (context.config().get("leadHealthyRange").orElse(null) instanceof List<?> r && r.size() == 2) {
            healthy = new double[] {((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()};
        }
        List<String> hints = hints(request.locale(), List.of("lead")).getOrDefault("lead", List.of());
        return PluginResponse.ok(leads.figures(window, healthy, hints));
    }

    /** {@code GET time?<cohort>}: time in stage, stage aging, cycle by industry and region, pipeline velocity. */
    private PluginResponse time(PluginRequest request) {
        Cohort.onlyThese(request, Cohort.PARAMS);
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return notReady();
        }
        Cohort cohort = Cohort.parse(request, zone(), directory);
        Map<String, Object> body = new LinkedHashMap<>(new Views(context.tables(), order, days()).time(cohort, thresholds(),
                OffsetDateTime.now(clock), directory.now()));
        body.put("amounts", amounts());
        return PluginResponse.ok(body);
    }

    /**
     * {@code GET trend?period=month|quarter&<cohort>}: the funnel figures (with the sales cycle), time
     * in stage, win cycle and pipeline velocity of each period's cohort (opportunities created in that
     * month or quarter, in the tenant's zone), each with the previous period's beside it.
     */
    private PluginResponse trend(PluginRequest request) {
        Set<String> params = new HashSet<>(Cohort.PARAMS);
        params.add("period");
        Cohort.onlyThese(request, params);
        String period = request.query("period").orElse("month");
        if (!period.equals("month") && !period.equals("quarter")) {
            throw new BadRequest("period", "must be month or quarter, was '" + period + "'");
        }
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return notReady();
        }
        Cohort asked = Cohort.parse(request, zone(), directory);
        // one period more before the window, for the first period's "previous"
        Cohort wider = asked;
        if (asked.from() != null) {
            java.time.LocalDate first = asked.from().withDayOfMonth(1);
            if (period.equals("quarter")) {
                first = first.withMonth((first.getMonthValue() - 1) / 3 * 3 + 1);
            }
            java.time.LocalDate before = first.minusMonths(period.equals("month") ? 1 : 3);
            wider = new Cohort(before, asked.to(), before.atStartOfDay(zone()).toOffsetDateTime(), asked.end(),
                    asked.owners(), asked.industries(), asked.regions(), asked.channels(), asked.productLines());
        }
        Directory.Snapshot dir = directory.now();
        Funnel funnel = new Funnel(context.tables(), order, days());
        Map<String, Funnel.Figures> byPeriod = funnel.figures(wider, period, dir, zone());
        Views views = new Views(context.tables(), order, days());
        Map<String, List<Map<String, Object>>> inStage = views.timeInStage(wider, period, zone());
        Map<String, double[]> winCycle = views.winCycle(wider, period, zone());
        Map<String, Map<String, Object>> velocity = views.velocity(wider, period, zone());
        java.util.function.BiConsumer<String, Map<String, Object>> timeFigures = (key, into) -> {
            into.put("timeInStage", inStage.getOrDefault(key, List.of()));
            into.put("winCycle", Views.meanMedian(winCycle.get(key)));
            into.put("velocity", velocity.get(key));
        };
        boolean zh = request.locale().getLanguage().equals(Locale.CHINESE.getLanguage());
        List<Map<String, Object>> items = new ArrayList<>();
        String firstKey = asked.from() == null ? null : periodKey(asked.from(), period);
        for (Map.Entry<String, Funnel.Figures> e : byPeriod.entrySet()) {
            if (e.getKey() == null || (firstKey != null && e.getKey().compareTo(firstKey) < 0)) {
                continue;
            }
            String previous = previousKey(e.getKey(), period);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("period", e.getKey());
            item.putAll(funnel.write(e.getValue(), e.getValue(), Map.of(), zh));
            timeFigures.accept(e.getKey(), item);
            Funnel.Figures p = byPeriod.get(previous);
            Map<String, Object> prev = new LinkedHashMap<>();
            prev.put("period", previous);
            if (p != null) {
                prev.putAll(funnel.write(p, p, Map.of(), zh));
                timeFigures.accept(previous, prev);
            }
            item.put("previous", prev);
            items.add(item);
        }
        return PluginResponse.ok(Map.of("period", period, "items", items));
    }

    /** {@code GET traits?days=&<cohort>}: what separates won from lost deals (see {@link Traits}). */
    private PluginResponse traits(PluginRequest request) {
        Set<String> params = new HashSet<>(Cohort.PARAMS);
        params.add("days");
        Cohort.onlyThese(request, params);
        int days = (int) context.config().number("earlyDays", 14);
        if (request.query("days").isPresent()) {
            try {
                days = Integer.parseInt(request.query("days").get());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > 365) {
                throw new BadRequest("days", "must be a whole number of days from 1 to 365");
            }
        }
        if (!ready(new StageOrder(context.pipeline()))) {
            return notReady();
        }
        return PluginResponse.ok(traits.traits(Cohort.parse(request, zone(), directory), days));
    }

    private static String periodKey(java.time.LocalDate d, String period) {
        return period.equals("month") ? String.format("%d-%02d", d.getYear(), d.getMonthValue())
                : String.format("%d-Q%d", d.getYear(), (d.getMonthValue() - 1) / 3 + 1);
    }

    private static String previousKey(String key, String period) {
        int year = Integer.parseInt(key.substring(0, 4));
        if (period.equals("month")) {
            int month = Integer.parseInt(key.substring(5));
            return month == 1 ? String.format("%d-12", year - 1) : String.format("%d-%02d", year, month - 1);
        }
        int q = Integer.parseInt(key.substring(6));
        return q == 1 ? (year - 1) + "-Q4" : year + "-Q" + (q - 1);
    }

    /** "Too long in this stage" days per stage key: config {@code agingDays}, else the pipeline's. */
    private Map<String, Integer> thresholds() {
        Map<String, Integer> thresholds = new LinkedHashMap<>();
        context.pipeline().stages().forEach(s -> {
            if (s.agingDays() != null && s.open()) {
                thresholds.put(s.key(), s.agingDays());
            }
        });
        context.config().object("agingDays").forEach((k, v) -> {
            if (v instanceof Number n) {
                thresholds.put(k, n.intValue());
            }
        });
        return thresholds;
    }

    /** How many changed opportunities a reconcile run refreshes one by one; past that it rebuilds the facts. */
    static final int RECONCILE_LIMIT = 5000;

    /**
     * Changes that come without a stage change (a new owner, amount, channel …) have no event: every
     * 30 s the opportunities updated since the last look (newest first, by {@code updatedAt}) are
     * refreshed; more than {@link #RECONCILE_LIMIT} of them (a bulk import) make the facts job rebuild.
     */
    void reconcile() {
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return;
        }
        Optional<OffsetDateTime> since = context.storage().get("watermark")
                .map(j -> Json.parse(j) instanceof Map<?, ?> m ? m.get("updatedAt") : null).map(v -> OffsetDateTime.parse(v.toString()));
        OffsetDateTime newest = null;
        List<java.util.UUID> changed = new ArrayList<>();
        int page = 0;
        boolean more = true;
        while (more) {
            var p = context.records().opportunities().list(new io.fupan.api.data.Query(Map.of(), page++, 500, "-updatedAt"));
            for (var o : p.items()) {
                if (newest == null) {
                    newest = o.updatedAt();
                }
                if (since.isEmpty() || !o.updatedAt().isAfter(since.get())) {
                    more = false;
                    break;
                }
                changed.add(o.id());
            }
            more &= p.items().size() == 500 && since.isPresent() && changed.size() <= RECONCILE_LIMIT;
        }
        if (changed.size() > RECONCILE_LIMIT) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("status", "stale");
            st.put("signature", "");
            st.put("reason", "more than " + RECONCILE_LIMIT + " opportunities changed at once");
            putState(st);
        } else {
            for (java.util.UUID id : changed) {
                facts.refresh(id, order);
            }
        }
        if (newest != null) {
            context.storage().put("watermark", Json.write(Map.of("updatedAt", newest.toString())));
        }
    }

    /** The weekly report job: makes this week's report once it is due (see {@link WeeklyReport}). */
    void weeklyReport() {
        if (lite()) {
            return;
        }
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return;
        }
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(zone()));
        WeeklyReport weekly = new WeeklyReport(context);
        if (now.isBefore(weekly.due(now)) || context.storage().get(WeeklyReport.key(now)).isPresent()) {
            return;
        }
        Directory.Snapshot dir = directory.now();
        Cohort year = Funnel.trailingYear(now.toOffsetDateTime(), zone());
        Funnel funnel = new Funnel(context.tables(), order, days());
        Funnel.Figures f = funnel.total(year, dir);
        Map<String, Object> body = funnel.write(f, f, hints(Locale.forLanguageTag(context.tenant().locale()),
                order.stages().stream().map(st -> st.key()).toList()), context.tenant().locale().startsWith("zh"));
        List<Map<String, Object>> stalled = WeeklyReport.stalled(context.tables(), thresholds(), now.toOffsetDateTime());
        stalled.forEach(d -> {
            Object owner = d.get("ownerId");
            var u = owner == null ? null : dir.users().get(java.util.UUID.fromString(owner.toString()));
            d.put("owner", u == null ? owner : u.username());
        });
        List<Map<String, Object>> atRisk = WeeklyReport.atRisk(context);
        atRisk.forEach(d -> {
            Object owner = d.get("ownerId");
            var u = owner == null ? null : dir.users().get(java.util.UUID.fromString(owner.toString()));
            d.put("owner", u == null ? owner : u.username());
        });
        Map<String, Object> team = new LinkedHashMap<>();
        List<Map<String, Object>> reps = new ArrayList<>();
        for (Map<String, Object> r : new Views(context.tables(), order, days()).comparison(year, dir, team)) {
            Map<String, Object> h = new LinkedHashMap<>();
            for (String k : List.of("rank", "owner", "winRate", "won", "lost", "pipeline", "losesMostAt", "shortfallPoints")) {
                h.put(k, r.get(k));
            }
            reps.add(h);
        }
        weekly.makeIfDue(now, body, stalled, atRisk, reps);
    }

    /** {@code GET reports}: the weekly reports kept, newest first. */
    private PluginResponse reports() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (var e : context.storage().list(WeeklyReport.PREFIX, 1000)) {
            Object r = Json.parse(e.json());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("week", e.key().substring(WeeklyReport.PREFIX.length()));
            item.put("madeAt", r instanceof Map<?, ?> m ? m.get("madeAt") : null);
            items.add(0, item);
        }
        return PluginResponse.ok(Map.of("items", items, "total", items.size()));
    }

    /** {@code GET reports/{week}} (e.g. {@code 2026-W48}): one weekly report. */
    private PluginResponse report(String week) {
        if (!week.matches("\\d{4}-W\\d{2}")) {
            throw new BadRequest("week", "must be an ISO week such as 2026-W48, was '" + week + "'");
        }
        return context.storage().get(WeeklyReport.PREFIX + week).<PluginResponse>map(json -> PluginResponse.ok(Json.parse(json)))
                .orElseGet(() -> PluginResponse.problem(404, "no-such-report", "There is no weekly report of " + week + "."));
    }

    /** {@code GET comparison?<cohort>}: each rep's funnel beside the team's, ranked. */
    private PluginResponse comparison(PluginRequest request) {
        Cohort.onlyThese(request, Cohort.PARAMS);
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return notReady();
        }
        Cohort cohort = Cohort.parse(request, zone(), directory);
        Map<String, Object> team = new LinkedHashMap<>();
        List<Map<String, Object>> reps = new Views(context.tables(), order, days()).comparison(cohort, directory.now(), team);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", team);
        body.put("reps", reps);
        body.put("amounts", amounts());
        return PluginResponse.ok(body);
    }

    private PluginResponse heatmap(PluginRequest request) {
        Cohort.onlyThese(request, Set.of("from", "to"));
        StageOrder order = new StageOrder(context.pipeline());
        if (!ready(order)) {
            return notReady();
        }
        Cohort window = Cohort.parse(request, zone(), directory);
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (window.from() != null) {
            where.append(" and week >= ?");
            args.add(window.from().with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)));
        }
        if (window.to() != null) {
            where.append(" and week < ?");
            args.add(window.to());
        }
        List<Map<String, Object>> weeks = new ArrayList<>();
        for (Map<String, Object> r : context.tables().query("select week, stage, entries, amount from rd_entry_week where "
                + where + " and entries > 0 order by week, stage", args.toArray())) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("week", r.get("week").toString());
            cell.put("stage", r.get("stage"));
            cell.put("count", ((Number) r.get("entries")).longValue());
            cell.put("amount", r.get("amount"));
            weeks.add(cell);
        }
        Directory.Snapshot dir = directory.now();
        List<Map<String, Object>> owners = new ArrayList<>();
        // open deals per (owner, stage): the roll-up rd_open once built, else counted from the facts
        String byOwner = state().containsKey("open")
                ? "select nullif(owner, '') as owner_id, stage, n, amount from rd_open where n <> 0 order by owner, stage"
                : "select owner_id, stage, count(*) as n, sum(amount) as amount from rd_opportunity where outcome = 0 "
                        + "group by owner_id, stage order by owner_id, stage";
        for (Map<String, Object> r : context.tables().query(byOwner)) {
            Map<String, Object> cell = new LinkedHashMap<>();
            Object id = r.get("owner_id");
            var u = id == null ? null : dir.users().get(java.util.UUID.fromString(id.toString()));
            cell.put("owner", u == null ? (id == null ? null : id.toString()) : u.username());
            cell.put("stage", r.get("stage"));
            cell.put("count", ((Number) r.get("n")).longValue());
            cell.put("amount", r.get("amount"));
            owners.add(cell);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", order.stages().stream().map(s -> s.key()).toList());
        body.put("byWeek", weeks);
        body.put("byOwner", owners);
        body.put("amounts", amounts());
        return PluginResponse.ok(body);
    }
}
