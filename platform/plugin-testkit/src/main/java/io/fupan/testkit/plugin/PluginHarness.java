package io.fupan.testkit.plugin;

import io.fupan.api.PluginConfig;
import io.fupan.api.PluginContext;
import io.fupan.api.PluginFactory;
import io.fupan.api.PluginInstance;
import io.fupan.api.TenantId;
import io.fupan.api.TenantInfo;
import io.fupan.api.UserInfo;
import io.fupan.api.data.AccountRecord;
import io.fupan.api.data.Changes;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.NewActivity;
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.ContactRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.OpportunitySignal;
import io.fupan.api.data.OpportunitySignalRecord;
import io.fupan.api.data.Page;
import io.fupan.api.data.Pipeline;
import io.fupan.api.data.Query;
import io.fupan.api.data.RecordSet;
import io.fupan.api.data.Records;
import io.fupan.api.data.StageEntryRecord;
import io.fupan.api.event.DomainEvent;
import io.fupan.api.event.EventListener;
import io.fupan.api.i18n.Messages;
import io.fupan.api.job.JobProvider;
import io.fupan.api.job.ScheduledJob;
import io.fupan.api.rest.PluginRequest;
import io.fupan.api.rest.PluginResponse;
import io.fupan.api.rest.RestEndpoint;
import io.fupan.api.storage.PluginStorage;
import io.fupan.api.storage.PluginTables;
import io.fupan.pluginsql.JdbcPluginTables;
import io.fupan.pluginsql.PluginSchema;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.NoSuchElementException;

/**
 * Runs one plugin for one tenant in memory. Typical use:
 *
 * <pre>{@code
 * PluginHarness harness = PluginHarness.of(new MyPluginFactory())
 *         .config(Map.of("thresholdDays", 10))
 *         .opportunity(opportunityRecord);
 * harness.start();
 * PluginResponse r = harness.get("alerts");
 * harness.publish(stageChangedEvent);
 * harness.runJob("scan");
 * }</pre>
 *
 * <p>The pipeline defaults to Fupan's default pipeline; the tenant to {@code test} on the enterprise
 * plan, zh-CN, Asia/Shanghai, CNY; the caller to a tenant admin.
 */
public final class PluginHarness {

    private final PluginFactory factory;
    private String pluginId = "plugin-under-test";
    private String version = "0.0.0";
    private TenantInfo tenant = new TenantInfo(new TenantId("test"), "Test tenant", "enterprise", "Asia/Shanghai",
            "CNY", "zh-CN");
    private String edition;
    private Map<String, Object> config = Map.of();
    private Pipeline pipeline = defaultPipeline();
    private Map<String, java.math.BigDecimal> currencyRates = Map.of();
    private UserInfo user = new UserInfo(UUID.randomUUID(), "admin@test.example", Set.of("tenant_admin"));
    private final Map<UUID, OpportunityRecord> opportunities = new LinkedHashMap<>();
    private final Map<UUID, LeadRecord> leads = new LinkedHashMap<>();
    private final Map<UUID, AccountRecord> accounts = new LinkedHashMap<>();
    private final Map<UUID, ContactRecord> contacts = new LinkedHashMap<>();
    private final Map<UUID, ActivityRecord> activities = new LinkedHashMap<>();
    private final List<StageEntryRecord> stageHistory = new ArrayList<>();
    private final Map<UUID, UserRecord> users = new LinkedHashMap<>();
    private final Map<UUID, TeamRecord> teams = new LinkedHashMap<>();
    private final Map<UUID, LeadScore> leadScores = new LinkedHashMap<>();
    private final Map<String, OpportunitySignalRecord> signals = new LinkedHashMap<>();
    private String migrations;
    private PluginTables tables;
    private final TreeMap<String, String> storage = new TreeMap<>();
    private PluginInstance instance;

    private PluginHarness(PluginFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A harness for the plugin of {@code factory}. */
    public static PluginHarness of(PluginFactory factory) {
        return new PluginHarness(factory);
    }

    public PluginHarness plugin(String id, String version) {
        this.pluginId = id;
        this.version = version;
        return this;
    }

    public PluginHarness tenant(TenantInfo tenant) {
        this.tenant = tenant;
        return this;
    }

    public PluginHarness edition(String edition) {
        this.edition = edition;
        return this;
    }

    /** The tenant's config (already valid, as the host only passes configs that fit the schema). */
    public PluginHarness config(Map<String, Object> config) {
        this.config = config;
        return this;
    }

    public PluginHarness pipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /** The tenant's conversion table: what one unit of each other currency is worth in the tenant's (none by default). */
    public PluginHarness currencyRates(Map<String, java.math.BigDecimal> rates) {
        this.currencyRates = Map.copyOf(rates);
        return this;
    }

    /** The caller of REST calls. */
    public PluginHarness user(UserInfo user) {
        this.user = user;
        return this;
    }

    public PluginHarness opportunity(OpportunityRecord r) { opportunities.put(r.id(), r); return this; }
    public PluginHarness lead(LeadRecord r) { leads.put(r.id(), r); return this; }
    public PluginHarness account(AccountRecord r) { accounts.put(r.id(), r); return this; }
    public PluginHarness contact(ContactRecord r) { contacts.put(r.id(), r); return this; }
    public PluginHarness activity(ActivityRecord r) { activities.put(r.id(), r); return this; }
    public PluginHarness stageEntry(StageEntryRecord r) { stageHistory.add(r); return this; }
    public PluginHarness user(UserRecord r) { users.put(r.id(), r); return this; }

    /**
     * The plugin's migrations: the folder on the test class path that its descriptor names as
     * {@code Fupan-Migrations} (e.g. {@code db/my-plugin}). With it, {@link PluginContext#tables()} works
     * on a real embedded PostgreSQL (one per test JVM, a fresh database per harness), migrated and checked
     * as the server does, and with the same statement rules and tenant isolation.
     */
    public PluginHarness migrations(String classpathFolder) {
        this.migrations = classpathFolder;
        return this;
    }
    public PluginHarness team(TeamRecord r) { teams.put(r.id(), r); return this; }

    /**
     * A signal on an opportunity as if another plugin the tenant enabled had published it (or this
     * plugin earlier); the plugin reads it through {@link Records#opportunitySignals}.
     */
    public PluginHarness signal(OpportunitySignalRecord r) {
        signals.put(r.opportunityId() + "/" + r.pluginId() + "/" + r.kind(), r);
        return this;
    }

    /** Every signal on opportunities now: those given with {@link #signal} and those the plugin published. */
    public List<OpportunitySignalRecord> signalsNow() {
        return List.copyOf(signals.values());
    }

    /** The lead scores the plugin wrote through {@link Changes#putLeadScores}. */
    public Map<UUID, LeadScore> leadScores() {
        return java.util.Collections.unmodifiableMap(leadScores);
    }

    /** The records as the plugin's changes left them. */
    public Optional<LeadRecord> leadNow(UUID id) { return Optional.ofNullable(leads.get(id)); }
    public Optional<OpportunityRecord> opportunityNow(UUID id) { return Optional.ofNullable(opportunities.get(id)); }
    public List<ActivityRecord> activitiesNow() { return List.copyOf(activities.values()); }

    /** Makes the instance (as the host does when the tenant enables the plugin). */
    public PluginInstance start() throws Exception {
        if (instance != null) {
            instance.close();
        }
        instance = factory.create(new Context());
        if (instance == null) {
            throw new IllegalStateException("the factory made no instance");
        }
        return instance;
    }

    /** The services as the plugin sees them (records, changes, tables, …), for a test's own set-up and checks. */
    public PluginContext context() {
        return new Context();
    }

    /** The running instance; {@link #start()} first. */
    public PluginInstance instance() {
        if (instance == null) {
            throw new IllegalStateException("call start() first");
        }
        return instance;
    }

    /** {@code GET /api/v1/plugins/<id>/<path>} with query parameters {@code query}. */
    public PluginResponse get(String path, Map<String, String> query) throws Exception {
        return call("GET", path, query, "");
    }

    public PluginResponse get(String path) throws Exception {
        return get(path, Map.of());
    }

    /** A call with a JSON body. */
    public PluginResponse call(String method, String path, Map<String, String> query, String body) throws Exception {
        if (!(instance() instanceof RestEndpoint endpoint)) {
            throw new IllegalStateException("the plugin's instance has no endpoints (RestEndpoint)");
        }
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        Locale locale = Locale.forLanguageTag(tenant.locale());
        return endpoint.handle(new PluginRequest() {
            @Override public String method() { return method; }
            @Override public String path() { return path; }
            @Override public Map<String, List<String>> query() { return q; }
            @Override public String body() { return body; }
            @Override public <T> T bodyAs(Class<T> type) {
                throw new UnsupportedOperationException("the harness does not bind JSON; parse body() in tests");
            }
            @Override public UserInfo user() { return user; }
            @Override public Locale locale() { return locale; }
        });
    }

    /** Delivers {@code event} as the host does after commit (if the listener wants its type). */
    public void publish(DomainEvent event) throws Exception {
        if (!(instance() instanceof EventListener listener)) {
            throw new IllegalStateException("the plugin's instance does not listen to events (EventListener)");
        }
        Set<String> types = listener.eventTypes();
        if (types.isEmpty() || types.contains(event.type())) {
            listener.on(event);
        }
    }

    /** Runs the job named {@code name} once. */
    public void runJob(String name) throws Exception {
        if (!(instance() instanceof JobProvider provider)) {
            throw new IllegalStateException("the plugin's instance has no jobs (JobProvider)");
        }
        for (ScheduledJob job : provider.jobs()) {
            if (job.name().equals(name)) {
                job.task().run();
                return;
            }
        }
        throw new IllegalArgumentException("no job named " + name);
    }

    /** What the plugin stored, by key. */
    public Map<String, String> stored() {
        return Map.copyOf(storage);
    }

    /** Fupan's default pipeline (the one a new tenant starts with). */
    public static Pipeline defaultPipeline() {
        return new Pipeline(List.of(
                new Pipeline.Stage("contacted", 1, "Contacted", "联系接触", "open", null, null, 14),
                new Pipeline.Stage("needs_confirmed", 2, "Needs confirmed", "需求确认", "open",
                        new BigDecimal("0.40"), new BigDecimal("0.60"), 21),
                new Pipeline.Stage("solution_demo", 3, "Solution demo", "方案演示", "open", null, null, 21),
                new Pipeline.Stage("quote", 4, "Quote", "报价", "open", null, null, 14),
                new Pipeline.Stage("negotiation", 5, "Negotiation", "商务谈判", "open",
                        new BigDecimal("0.50"), new BigDecimal("0.70"), 30),
                new Pipeline.Stage("won", 6, "Won", "赢单", "won", null, null, null),
                new Pipeline.Stage("lost", 99, "Lost", "输单", "lost", null, null, null)));
    }

    private final class Context implements PluginContext {
        @Override public String pluginId() { return pluginId; }
        @Override public String version() { return version; }
        @Override public TenantInfo tenant() { return tenant; }
        @Override public Optional<String> edition() { return Optional.ofNullable(edition); }
        @Override public PluginConfig config() { return new PluginConfig(config); }
        @Override public Pipeline pipeline() { return pipeline; }
        @Override public io.fupan.api.data.CurrencyTable currencies() {
            return new io.fupan.api.data.CurrencyTable(tenant.currency(), currencyRates);
        }

        @Override
        public Records records() {
            return new Records() {
                @Override public RecordSet<OpportunityRecord> opportunities() { return set(opportunities); }
                @Override public RecordSet<LeadRecord> leads() { return set(leads); }
                @Override public RecordSet<AccountRecord> accounts() { return set(accounts); }
                @Override public RecordSet<ContactRecord> contacts() { return set(contacts); }
                @Override public RecordSet<ActivityRecord> activities() { return set(activities); }
                @Override public List<StageEntryRecord> stageHistory(UUID opportunityId) {
                    return stageHistory.stream().filter(e -> e.opportunityId().equals(opportunityId))
                            .sorted(Comparator.comparing(StageEntryRecord::enteredAt)).toList();
                }
                @Override public void forEachStageEntry(Consumer<StageEntryRecord> each) {
                    forEachStageEntry(null, each);
                }
                @Override public void forEachStageEntry(UUID afterOpportunityId, Consumer<StageEntryRecord> each) {
                    stageHistory.stream().filter(e -> afterOpportunityId == null
                                    || e.opportunityId().compareTo(afterOpportunityId) > 0)
                            .sorted(Comparator.comparing(StageEntryRecord::opportunityId)
                            .thenComparing(StageEntryRecord::enteredAt)).forEach(each);
                }
                @Override public RecordSet<UserRecord> users() { return set(users); }
                @Override public RecordSet<TeamRecord> teams() { return set(teams); }
                @Override public List<OpportunitySignalRecord> opportunitySignals(java.util.Collection<UUID> ids) {
                    Set<UUID> wanted = Set.copyOf(ids);
                    return signals.values().stream().filter(r -> wanted.contains(r.opportunityId())).toList();
                }
                @Override public void forEachOpportunitySignal(String level, Consumer<OpportunitySignalRecord> each) {
                    if (level != null && !OpportunitySignal.LEVELS.contains(level)) {
                        throw new IllegalArgumentException("level is healthy, watch, at-risk or null, was " + level);
                    }
                    signals.values().stream()
                            .filter(r -> level == null || r.level().equals(level))
                            .filter(r -> Optional.ofNullable(opportunities.get(r.opportunityId()))
                                    .map(o -> o.closedAt() == null).orElse(false))
                            .forEach(each);
                }
            };
        }

        @Override
        public Changes changes() {
            return new HarnessChanges();
        }

        @Override
        public PluginTables tables() {
            return harnessTables();
        }

        @Override
        public PluginStorage storage() {
            return new PluginStorage() {
                @Override public Optional<String> get(String key) { return Optional.ofNullable(storage.get(key(key))); }
                @Override public void put(String key, String json) {
                    if (json == null || json.isBlank() || json.length() > MAX_VALUE) {
                        throw new IllegalArgumentException("a stored value is JSON text of 1.." + MAX_VALUE + " characters");
                    }
                    storage.put(key(key), json);
                }
                @Override public boolean delete(String key) { return storage.remove(key(key)) != null; }
                @Override public List<Entry> list(String prefix, int limit) {
                    if (limit < 1 || limit > 1000) {
                        throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
                    }
                    String p = prefix == null ? "" : prefix;
                    return storage.tailMap(p, true).entrySet().stream().takeWhile(e -> e.getKey().startsWith(p))
                            .limit(limit).map(e -> new Entry(e.getKey(), e.getValue())).toList();
                }
            };
        }

        @Override
        public Messages messages() {
            ClassLoader loader = factory.getClass().getClassLoader();
            Locale tenantLocale = Locale.forLanguageTag(tenant.locale());
            return new Messages() {
                @Override public String get(Locale locale, String key, Object... args) {
                    String pattern;
                    try {
                        pattern = ResourceBundle.getBundle("i18n.messages", locale, loader,
                                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                                .getString(key);
                    } catch (MissingResourceException e) {
                        return key;
                    }
                    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
                }

                @Override public String get(String key, Object... args) {
                    return get(tenantLocale, key, args);
                }
            };
        }
    }

    /**
     * The plugin's tables for the current tenant (switch tenants with {@link #tenant(TenantInfo)} to see
     * isolation at work): as the plugin sees them, for a test's own checks and set-up.
     */
    public PluginTables tablesNow() {
        return harnessTables();
    }

    private synchronized PluginTables harnessTables() {
        if (migrations == null) {
            throw new IllegalStateException("plugin " + pluginId + " has no tables in this harness: name its migrations"
                    + " folder with migrations(\"db/…\") (what Fupan-Migrations names in its descriptor)");
        }
        if (tables == null) {
            HarnessDatabase db = HarnessDatabase.create();
            PluginSchema schema = PluginSchema.of(pluginId);
            try {
                schema.migrate(db.owner(), "classpath:" + migrations, factory.getClass().getClassLoader(),
                        HarnessDatabase.APP_ROLE);
            } catch (PluginSchema.Refused e) {
                throw new IllegalStateException("the server would refuse this plugin: " + e.getMessage(), e);
            }
            javax.sql.DataSource app = db.app();
            tables = new PluginTables() { // the tenant is read at each call, so that a test can switch it
                private PluginTables now() {
                    return new JdbcPluginTables(app, tenant.id().value(), schema, () -> statementBudgetMillis);
                }
                @Override public List<Map<String, Object>> query(String sql, Object... args) { return now().query(sql, args); }
                @Override public void forEach(String sql, List<?> args, Consumer<Map<String, Object>> each) {
                    now().forEach(sql, args, each);
                }
                @Override public int update(String sql, Object... args) { return now().update(sql, args); }
                @Override public int[] batch(String sql, List<Object[]> argLists) { return now().batch(sql, argLists); }
                @Override public <T> T transaction(Work<T> work) { return now().transaction(work); }
            };
        }
        return tables;
    }

    /** How long one statement may run in the harness (the server's bound is the plugin call's time budget). */
    private long statementBudgetMillis = 60_000;

    /** Sets how long one statement of the plugin's tables may run, as a call's time budget would on the server. */
    public PluginHarness statementBudget(java.time.Duration budget) {
        this.statementBudgetMillis = budget.toMillis();
        return this;
    }

    /** The in-memory counterpart of the host's changes: same rules for the fields it checks. */
    private final class HarnessChanges implements Changes {
        private static final Set<String> STATUSES = Set.of("new", "contacted", "mql", "sql", "disqualified");

        @Override
        public LeadRecord setLeadStatus(UUID leadId, String status) {
            LeadRecord l = Optional.ofNullable(leads.get(leadId)).orElseThrow(() -> new NoSuchElementException("no lead " + leadId));
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status: must be one of new, contacted, mql, sql, disqualified");
            }
            if (l.status().equals(status)) {
                return l;
            }
            LeadRecord now = new LeadRecord(l.id(), l.externalId(), l.name(), l.company(), l.email(), l.channel(),
                    l.industry(), l.region(), l.employees(), status, OffsetDateTime.now(ZoneOffset.UTC), l.ownerId(),
                    l.convertedOpportunityId(), l.custom(), l.createdAt(), OffsetDateTime.now(ZoneOffset.UTC));
            leads.put(leadId, now);
            return now;
        }

        @Override
        public OpportunityRecord moveOpportunity(UUID opportunityId, String stage) {
            OpportunityRecord o = Optional.ofNullable(opportunities.get(opportunityId))
                    .orElseThrow(() -> new NoSuchElementException("no opportunity " + opportunityId));
            Pipeline.Stage to = pipeline.stage(stage)
                    .orElseThrow(() -> new IllegalArgumentException("stage: not a stage of the pipeline: " + stage));
            if (o.closedAt() != null) {
                throw new IllegalArgumentException("stage: the opportunity is closed");
            }
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
            OpportunityRecord now = new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(), o.ownerId(),
                    o.amount(), o.currency(), o.channel(), o.industry(), o.region(), stage, at, o.closeDate(),
                    to.open() ? null : at, o.leadId(), o.custom(), o.createdAt(), at);
            opportunities.put(opportunityId, now);
            stageHistory.add(new StageEntryRecord(UUID.randomUUID(), opportunityId, stage, at, null));
            return now;
        }

        @Override
        public ActivityRecord recordActivity(NewActivity a) {
            if (a.type() == null || a.type().isBlank()) {
                throw new IllegalArgumentException("type: must not be blank");
            }
            if (a.leadId() == null && a.contactId() == null && a.opportunityId() == null) {
                throw new IllegalArgumentException("leadId: an activity is linked to a lead, a contact or an opportunity");
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            ActivityRecord r = new ActivityRecord(UUID.randomUUID(), null, a.type(),
                    a.occurredAt() == null ? now : a.occurredAt(), a.subject(), a.leadId(), a.contactId(),
                    a.opportunityId(), a.ownerId(), now);
            activities.put(r.id(), r);
            return r;
        }

        @Override
        public void setCustom(String kind, UUID id, Map<String, Object> values) {
            switch (kind) {
                case "lead" -> {
                    LeadRecord l = Optional.ofNullable(leads.get(id)).orElseThrow(() -> new NoSuchElementException("no lead " + id));
                    leads.put(id, new LeadRecord(l.id(), l.externalId(), l.name(), l.company(), l.email(), l.channel(),
                            l.industry(), l.region(), l.employees(), l.status(), l.statusChangedAt(), l.ownerId(),
                            l.convertedOpportunityId(), merged(l.custom(), values), l.createdAt(), l.updatedAt()));
                }
                case "opportunity" -> {
                    OpportunityRecord o = Optional.ofNullable(opportunities.get(id))
                            .orElseThrow(() -> new NoSuchElementException("no opportunity " + id));
                    opportunities.put(id, new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(),
                            o.ownerId(), o.amount(), o.currency(), o.channel(), o.industry(), o.region(), o.stage(),
                            o.stageEnteredAt(), o.closeDate(), o.closedAt(), o.leadId(), merged(o.custom(), values),
                            o.createdAt(), o.updatedAt()));
                }
                case "account" -> {
                    AccountRecord a = Optional.ofNullable(accounts.get(id)).orElseThrow(() -> new NoSuchElementException("no account " + id));
                    accounts.put(id, new AccountRecord(a.id(), a.externalId(), a.name(), a.industry(), a.region(),
                            a.employees(), a.annualRevenue(), a.tier(), a.parentId(), a.ownerId(), merged(a.custom(), values),
                            a.createdAt(), a.updatedAt()));
                }
                default -> throw new IllegalArgumentException("kind: must be lead, account or opportunity");
            }
        }

        private Map<String, Object> merged(Map<String, Object> before, Map<String, Object> values) {
            Map<String, Object> m = new HashMap<>(before == null ? Map.of() : before);
            values.forEach((k, v) -> {
                if (v == null) {
                    m.remove(k);
                } else {
                    m.put(k, v);
                }
            });
            return m;
        }

        @Override
        public int putOpportunitySignals(String kind, Map<UUID, OpportunitySignal> given) {
            if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("kind: lower-case letters, digits and dashes, at most 40 characters, was " + kind);
            }
            int n = 0;
            for (Map.Entry<UUID, OpportunitySignal> e : given.entrySet()) {
                if (!opportunities.containsKey(e.getKey())) {
                    continue;
                }
                String key = e.getKey() + "/" + pluginId + "/" + kind;
                OpportunitySignal s = e.getValue();
                if (s == null) {
                    n += signals.remove(key) == null ? 0 : 1;
                } else {
                    signals.put(key, new OpportunitySignalRecord(e.getKey(), pluginId, kind, s.level(), s.score(),
                            s.reason(), s.reasonZh(), OffsetDateTime.now(ZoneOffset.UTC)));
                    n++;
                }
            }
            return n;
        }

        @Override
        public int putLeadScores(Map<UUID, LeadScore> scores) {
            int n = 0;
            for (Map.Entry<UUID, LeadScore> e : scores.entrySet()) {
                if (!leads.containsKey(e.getKey())) {
                    continue;
                }
                if (e.getValue() == null) {
                    leadScores.remove(e.getKey());
                } else {
                    leadScores.put(e.getKey(), e.getValue());
                }
                n++;
            }
            return n;
        }
    }

    private static String key(String key) {
        if (key == null || key.isEmpty() || key.length() > PluginStorage.MAX_KEY) {
            throw new IllegalArgumentException("a storage key has 1.." + PluginStorage.MAX_KEY + " characters");
        }
        return key;
    }

    /** Equality filters on record components (UUIDs and other values compared as text), sort by a component, paging. */
    private static <T extends Record> RecordSet<T> set(Map<UUID, T> rows) {
        return new RecordSet<>() {
            @Override
            public Optional<T> find(UUID id) {
                return Optional.ofNullable(rows.get(id));
            }

            @Override
            public Page<T> list(Query query) {
                List<T> matched = new ArrayList<>();
                for (T row : rows.values()) {
                    boolean ok = true;
                    for (Map.Entry<String, String> f : query.filters().entrySet()) {
                        if (f.getKey().equals("closed")) {
                            Object closedAt = component(row, "closedAt");
                            ok &= Boolean.parseBoolean(f.getValue()) == (closedAt != null);
                        } else {
                            ok &= f.getValue().equals(String.valueOf(component(row, f.getKey())));
                        }
                    }
                    if (ok) {
                        matched.add(row);
                    }
                }
                if (query.sort() != null && !query.sort().isBlank()) {
                    boolean desc = query.sort().startsWith("-");
                    String field = desc ? query.sort().substring(1) : query.sort();
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    Comparator<T> byField = Comparator.comparing(
                            (Function<T, Comparable>) r -> (Comparable) component(r, field),
                            Comparator.nullsLast(Comparator.naturalOrder()));
                    matched.sort(desc ? byField.reversed() : byField);
                }
                int from = Math.min(matched.size(), query.page() * query.size());
                int to = Math.min(matched.size(), from + query.size());
                return new Page<>(matched.subList(from, to), query.page(), query.size(), matched.size());
            }

            @Override
            public List<T> findAll(java.util.Collection<UUID> ids) {
                if (ids.size() > Query.MAX_SIZE) {
                    throw new IllegalArgumentException("findAll takes at most " + Query.MAX_SIZE + " ids, was " + ids.size());
                }
                return ids.stream().distinct().map(rows::get).filter(Objects::nonNull).toList();
            }

            @Override
            public void forEach(Map<String, String> filters, Consumer<? super T> each) {
                forEach(filters, null, each);
            }

            @Override
            public void forEach(Map<String, String> filters, UUID afterId, Consumer<? super T> each) {
                List<T> all = new ArrayList<>();
                int page = 0;
                Page<T> p;
                do {
                    p = list(new Query(filters, page++, Query.MAX_SIZE, null));
                    all.addAll(p.items());
                } while ((long) page * Query.MAX_SIZE < p.total());
                all.sort(Comparator.comparing(r -> (UUID) component(r, "id")));
                all.stream().filter(r -> afterId == null || ((UUID) component(r, "id")).compareTo(afterId) > 0)
                        .forEach(each);
            }
        };
    }

    private static Object component(Record row, String name) {
        for (RecordComponent c : row.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("cannot filter or sort " + row.getClass().getSimpleName() + " by '" + name + "'");
    }
}
