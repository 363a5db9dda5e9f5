package io.fupan.core.plugin;

import io.fupan.api.PluginConfig;
import io.fupan.api.PluginContext;
import io.fupan.api.TenantInfo;
import io.fupan.api.data.AccountRecord;
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
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.data.Changes;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.NewActivity;
import io.fupan.pluginsql.JdbcPluginTables;
import io.fupan.pluginsql.PluginSchema;
import io.fupan.api.storage.PluginTables;
import java.util.Map;
import java.util.function.Consumer;
import io.fupan.api.i18n.Messages;
import io.fupan.api.storage.PluginStorage;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.function.BiFunction;

/** The host's {@link PluginContext}: one per tenant instance of a plugin version. */
final class HostedContext implements PluginContext {

    private final LoadedPlugin plugin;
    private final TenantInfo tenant;
    private final String edition;
    private final PluginConfig config;
    private final PluginData data;
    private final PluginWrites writes;
    private final javax.sql.DataSource pluginDb;
    private final String tenantId;

    HostedContext(LoadedPlugin plugin, TenantInfo tenant, String edition, PluginConfig config, PluginData data,
                  PluginWrites writes, javax.sql.DataSource pluginDb) {
        this.plugin = plugin;
        this.tenant = tenant;
        this.edition = edition;
        this.config = config;
        this.data = data;
        this.writes = writes;
        this.pluginDb = pluginDb;
        this.tenantId = tenant.id().value();
    }

    @Override public String pluginId() { return plugin.descriptor().id(); }
    @Override public String version() { return plugin.descriptor().version(); }
    @Override public TenantInfo tenant() { return tenant; }
    @Override public Optional<String> edition() { return Optional.ofNullable(edition); }
    @Override public PluginConfig config() { return config; }
    @Override public Pipeline pipeline() { return data.pipeline(tenantId); }
    @Override public io.fupan.api.data.CurrencyTable currencies() { return data.currencies(tenantId); }

    @Override
    public Records records() {
        return new Records() {
            @Override public RecordSet<OpportunityRecord> opportunities() {
                return set(data::opportunity, data::opportunities, PluginData.OPPORTUNITIES, OpportunityRecord::id);
            }
            @Override public RecordSet<LeadRecord> leads() { return set(data::lead, data::leads, PluginData.LEADS, LeadRecord::id); }
            @Override public RecordSet<AccountRecord> accounts() {
                return set(data::account, data::accounts, PluginData.ACCOUNTS, AccountRecord::id);
            }
            @Override public RecordSet<ContactRecord> contacts() {
                return set(data::contact, data::contacts, PluginData.CONTACTS, ContactRecord::id);
            }
            @Override public RecordSet<ActivityRecord> activities() {
                return set(data::activity, data::activities, PluginData.ACTIVITIES, ActivityRecord::id);
            }
            @Override public RecordSet<UserRecord> users() { return set(data::user, data::users, PluginData.USERS, UserRecord::id); }
            @Override public RecordSet<TeamRecord> teams() { return set(data::team, data::teams, PluginData.TEAMS, TeamRecord::id); }
            @Override public List<StageEntryRecord> stageHistory(UUID opportunityId) {
                return data.stageHistory(tenantId, opportunityId);
            }
            @Override public void forEachStageEntry(Consumer<StageEntryRecord> each) {
                forEachStageEntry(null, each);
            }
            @Override public List<OpportunitySignalRecord> opportunitySignals(java.util.Collection<UUID> opportunityIds) {
                List<OpportunitySignalRecord> out = new java.util.ArrayList<>();
                List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(opportunityIds));
                for (int from = 0; from < ids.size(); from += CHUNK) {
                    out.addAll(data.signals(tenantId, ids.subList(from, Math.min(ids.size(), from + CHUNK))));
                }
                return out;
            }
            @Override public void forEachOpportunitySignal(String level, Consumer<OpportunitySignalRecord> each) {
                if (level != null && !OpportunitySignal.LEVELS.contains(level)) {
                    throw new IllegalArgumentException("level is healthy, watch, at-risk or null, was " + level);
                }
                OpportunitySignalRecord last = null;
                List<OpportunitySignalRecord> chunk;
                do {
                    chunk = data.signalsAfter(tenantId, level, last == null ? null : last.opportunityId(),
                            last == null ? null : last.pluginId() + "/" + last.kind(), CHUNK);
                    chunk.forEach(each);
                    last = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1);
                } while (chunk.size() == CHUNK);
            }
            @Override public void forEachStageEntry(UUID afterOpportunityId, Consumer<StageEntryRecord> each) {
                StageEntryRecord last = null;
                List<StageEntryRecord> chunk;
                do {
                    chunk = data.stageEntriesAfter(tenantId, last, afterOpportunityId, CHUNK);
                    chunk.forEach(each);
                    last = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1);
                } while (chunk.size() == CHUNK);
            }
        };
    }

    /** Rows per transaction when a plugin reads every record of a kind. */
    private static final int CHUNK = 2000;

    private <E, T> RecordSet<T> set(BiFunction<String, UUID, Optional<T>> find, BiFunction<String, Query, Page<T>> list,
                                    PluginData.Kind<E, T> kind, java.util.function.Function<T, UUID> id) {
        return new RecordSet<>() {
            @Override public Optional<T> find(UUID id) { return find.apply(tenantId, id); }
            @Override public Page<T> list(Query query) { return list.apply(tenantId, query); }
            @Override public List<T> findAll(java.util.Collection<UUID> ids) {
                return data.findAll(tenantId, kind, ids);
            }
            @Override public void forEach(Map<String, String> filters, Consumer<? super T> each) {
                forEach(filters, null, each);
            }
            @Override public void forEach(Map<String, String> filters, UUID afterId, Consumer<? super T> each) {
                Map<String, String> f = filters == null ? Map.of() : Map.copyOf(filters);
                UUID after = afterId;
                List<T> chunk;
                do {
                    chunk = data.chunk(tenantId, kind, f, after, CHUNK);
                    chunk.forEach(each);
                    after = chunk.isEmpty() ? null : id.apply(chunk.get(chunk.size() - 1));
                } while (chunk.size() == CHUNK);
            }
        };
    }

    @Override
    public Changes changes() {
        String pluginId = pluginId();
        return new Changes() {
            // On a plugin's own thread the core's services lack the server's context: the writes hop onto a
            // managed thread (PluginWrites#onServerThread); on the host's threads they run where they are.
            @Override public LeadRecord setLeadStatus(UUID leadId, String status) {
                return writes.onServerThread(() -> writes.setLeadStatus(tenantId, pluginId, leadId, status));
            }
            @Override public OpportunityRecord moveOpportunity(UUID opportunityId, String stage) {
                return writes.onServerThread(() -> writes.moveOpportunity(tenantId, pluginId, opportunityId, stage));
            }
            @Override public ActivityRecord recordActivity(NewActivity activity) {
                return writes.onServerThread(() -> writes.recordActivity(tenantId, pluginId, activity));
            }
            @Override public void setCustom(String kind, UUID id, Map<String, Object> values) {
                writes.onServerThread(() -> {
                    writes.setCustom(tenantId, pluginId, kind, id, values);
                    return null;
                });
            }
            @Override public int putLeadScores(Map<UUID, LeadScore> scores) {
                return writes.putLeadScores(tenantId, scores);
            }
            @Override public int putOpportunitySignals(String kind, Map<UUID, OpportunitySignal> signals) {
                return writes.putOpportunitySignals(tenantId, pluginId, kind, signals);
            }
        };
    }

    @Override
    public PluginTables tables() {
        if (plugin.descriptor().migrations() == null) {
            throw new IllegalStateException("plugin " + pluginId() + " has no tables: its descriptor names no migrations"
                    + " (Fupan-Migrations)");
        }
        return new JdbcPluginTables(pluginDb, tenantId, PluginSchema.of(pluginId()), PluginInvoker::remainingMillis);
    }

    @Override
    public PluginStorage storage() {
        String pluginId = pluginId();
        return new PluginStorage() {
            @Override
            public Optional<String> get(String key) {
                return data.storageGet(tenantId, pluginId, checkKey(key));
            }

            @Override
            public void put(String key, String json) {
                if (json == null || json.length() > MAX_VALUE) {
                    throw new IllegalArgumentException("a stored value is JSON text of at most " + MAX_VALUE + " characters");
                }
                try {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("the value to store under '" + key + "' is not JSON: " + e.getMessage());
                }
                data.storagePut(tenantId, pluginId, checkKey(key), json);
            }

            @Override
            public boolean delete(String key) {
                return data.storageDelete(tenantId, pluginId, checkKey(key));
            }

            @Override
            public List<Entry> list(String prefix, int limit) {
                if (limit < 1 || limit > 1000) {
                    throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
                }
                return data.storageList(tenantId, pluginId, prefix == null ? "" : prefix, limit);
            }
        };
    }

    private static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > PluginStorage.MAX_KEY) {
            throw new IllegalArgumentException("a storage key has 1.." + PluginStorage.MAX_KEY + " characters");
        }
        return key;
    }

    @Override
    public Messages messages() {
        ClassLoader loader = plugin.classLoader();
        Locale tenantLocale = Locale.forLanguageTag(tenant.locale());
        return new Messages() {
            @Override
            public String get(Locale locale, String key, Object... args) {
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

            @Override
            public String get(String key, Object... args) {
                return get(tenantLocale, key, args);
            }
        };
    }
}
