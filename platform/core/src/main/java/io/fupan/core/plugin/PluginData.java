package io.fupan.core.plugin;

import io.fupan.api.data.AccountRecord;
import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.ContactRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.OpportunitySignalRecord;
import io.fupan.api.data.Page;
import io.fupan.api.data.Pipeline;
import io.fupan.api.data.Query;
import io.fupan.api.data.StageEntryRecord;
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.storage.PluginStorage;
import io.fupan.core.account.Account;
import io.fupan.core.activity.Activity;
import io.fupan.core.contact.Contact;
import io.fupan.core.lead.Lead;
import io.fupan.core.opportunity.Opportunity;
import io.fupan.core.opportunity.StageEntry;
import io.fupan.core.pipeline.PipelineStage;
import io.fupan.core.user.AppUser;
import io.fupan.core.user.Team;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.PageRequest;
import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tenant data as plugins reach it: each method is one transaction for the tenant named (plugin
 * code runs on the invoker's threads, outside any request), through {@link TenantData}, so both
 * locks hold: the tenant discriminator and row-level security. Storage rows carry the plugin id,
 * which the host sets, never the plugin.
 */
@ApplicationScoped
@InTransaction
public class PluginData {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @Inject
    TenantData data;

    @Inject
    io.fupan.core.currency.CurrencyRates currencyRates;

    // ---- records

    enum Type { TEXT, UUID, BOOLEAN, BOOLEAN_CLOSED }

    record Field(String path, Type type) {}

    record Kind<E, R>(Class<E> entity, Map<String, Field> filters, Function<E, R> view) {}

    private static final Map<String, String> SORTS = Map.of("createdAt", "r.createdAt", "updatedAt", "r.updatedAt");

    static final Kind<Opportunity, OpportunityRecord> OPPORTUNITIES = new Kind<>(Opportunity.class, Map.of(
            "stage", new Field("r.stage", Type.TEXT), "ownerId", new Field("r.ownerId", Type.UUID),
            "accountId", new Field("r.accountId", Type.UUID), "channel", new Field("r.channel", Type.TEXT),
            "industry", new Field("r.industry", Type.TEXT), "region", new Field("r.region", Type.TEXT),
            "closed", new Field("r.closedAt", Type.BOOLEAN_CLOSED)),
            o -> new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(), o.ownerId(), o.amount(),
                    o.currency(), o.channel(), o.industry(), o.region(), o.stage(), o.stageEnteredAt(), o.closeDate(),
                    o.closedAt(), o.leadId(), o.custom(), o.createdAt(), o.updatedAt()));

    static final Kind<Lead, LeadRecord> LEADS = new Kind<>(Lead.class, Map.of(
            "status", new Field("r.status", Type.TEXT), "ownerId", new Field("r.ownerId", Type.UUID),
            "channel", new Field("r.channel", Type.TEXT), "industry", new Field("r.industry", Type.TEXT),
            "region", new Field("r.region", Type.TEXT)),
            l -> new LeadRecord(l.id(), l.externalId(), l.name(), l.company(), l.email(), l.channel(), l.industry(),
                    l.region(), l.employees(), l.status(), l.statusChangedAt(), l.ownerId(),
                    l.convertedOpportunityId(), l.custom(), l.createdAt(), l.updatedAt()));

    static final Kind<Account, AccountRecord> ACCOUNTS = new Kind<>(Account.class, Map.of(
            "ownerId", new Field("r.ownerId", Type.UUID), "industry", new Field("r.industry", Type.TEXT),
            "region", new Field("r.region", Type.TEXT), "tier", new Field("r.tier", Type.TEXT),
            "parentId", new Field("r.parentId", Type.UUID)),
            a -> new AccountRecord(a.id(), a.externalId(), a.name(), a.industry(), a.region(), a.employees(),
                    a.annualRevenue(), a.tier(), a.parentId(), a.ownerId(), a.custom(), a.createdAt(), a.updatedAt()));

    static final Kind<Contact, ContactRecord> CONTACTS = new Kind<>(Contact.class, Map.of(
            "accountId", new Field("r.accountId", Type.UUID), "ownerId", new Field("r.ownerId", Type.UUID),
            "buyingRole", new Field("r.buyingRole", Type.TEXT)),
            c -> new ContactRecord(c.id(), c.externalId(), c.name(), c.accountId(), c.title(), c.department(),
                    c.email(), c.reportsToId(), c.buyingRole(), c.ownerId(), c.createdAt(), c.updatedAt()));

    static final Kind<Activity, ActivityRecord> ACTIVITIES = new Kind<>(Activity.class, Map.of(
            "type", new Field("r.type", Type.TEXT), "opportunityId", new Field("r.opportunityId", Type.UUID),
            "leadId", new Field("r.leadId", Type.UUID), "contactId", new Field("r.contactId", Type.UUID),
            "ownerId", new Field("r.ownerId", Type.UUID)),
            a -> new ActivityRecord(a.id(), a.externalId(), a.type(), a.occurredAt(), a.subject(), a.leadId(),
                    a.contactId(), a.opportunityId(), a.ownerId(), a.createdAt()));

    static final Kind<AppUser, UserRecord> USERS = new Kind<>(AppUser.class, Map.of(
            "teamId", new Field("r.teamId", Type.UUID), "active", new Field("r.active", Type.BOOLEAN)),
            u -> new UserRecord(u.id(), u.username(), u.displayName(), u.email(), u.teamId(), u.active()));

    static final Kind<Team, TeamRecord> TEAMS = new Kind<>(Team.class, Map.of(
            "managerId", new Field("r.managerId", Type.UUID)),
            t -> new TeamRecord(t.id(), t.name(), t.managerId()));

    public Optional<OpportunityRecord> opportunity(String tenantId, UUID id) { return find(tenantId, OPPORTUNITIES, id); }
    public Page<OpportunityRecord> opportunities(String tenantId, Query q) { return list(tenantId, OPPORTUNITIES, q); }
    public Optional<LeadRecord> lead(String tenantId, UUID id) { return find(tenantId, LEADS, id); }
    public Page<LeadRecord> leads(String tenantId, Query q) { return list(tenantId, LEADS, q); }
    public Optional<AccountRecord> account(String tenantId, UUID id) { return find(tenantId, ACCOUNTS, id); }
    public Page<AccountRecord> accounts(String tenantId, Query q) { return list(tenantId, ACCOUNTS, q); }
    public Optional<ContactRecord> contact(String tenantId, UUID id) { return find(tenantId, CONTACTS, id); }
    public Page<ContactRecord> contacts(String tenantId, Query q) { return list(tenantId, CONTACTS, q); }
    public Optional<ActivityRecord> activity(String tenantId, UUID id) { return find(tenantId, ACTIVITIES, id); }
    public Page<ActivityRecord> activities(String tenantId, Query q) { return list(tenantId, ACTIVITIES, q); }

    public Optional<UserRecord> user(String tenantId, UUID id) { return find(tenantId, USERS, id); }
    public Page<UserRecord> users(String tenantId, Query q) { return list(tenantId, USERS, q); }
    public Optional<TeamRecord> team(String tenantId, UUID id) { return find(tenantId, TEAMS, id); }
    public Page<TeamRecord> teams(String tenantId, Query q) { return list(tenantId, TEAMS, q); }

    /** The next {@code limit} records of {@code kind} matching {@code filters} after id {@code after}, in id order. */
    @SuppressWarnings("unchecked")
    <E, R> List<R> chunk(String tenantId, Kind<E, R> kind, Map<String, String> filters, UUID after, int limit) {
        Rows<R> rows = (Rows<R>) ROWS.get(kind);
        if (rows != null) {
            filtered(kind, filters);   // the same refusal of an unknown filter as the entities' path
            return rows.chunk(data.em(tenantId).unwrap(java.sql.Connection.class), tenantId, kind, filters, after, limit);
        }
        return filtered(kind, filters).after(data.em(tenantId), after, limit).stream().map(kind.view()).toList();
    }

    /**
     * Records read straight from their table, for kinds a plugin reads whole (a re-score reads every lead and
     * activity): no entity built, cloned and tracked per row, which made reading a million leads take 44 s.
     * The transaction's connection is the one {@link TenantData} bound to the tenant (row-level security), and
     * the tenant is named in the query too (the (tenant_id, id) index).
     */
    private record Rows<R>(String table, String columns, RowMapper<R> mapper) {

        List<R> chunk(java.sql.Connection c, String tenantId, Kind<?, R> kind, Map<String, String> filters, UUID after,
                      int limit) {
            StringBuilder sql = new StringBuilder("select ").append(columns).append(" from ").append(table)
                    .append(" where tenant_id = ?");
            List<Object> args = new java.util.ArrayList<>();
            args.add(tenantId);
            if (after != null) {
                sql.append(" and id > ?");
                args.add(after);
            }
            for (Map.Entry<String, String> f : filters.entrySet()) {
                Field field = kind.filters().get(f.getKey());
                String column = column(field.path());
                switch (field.type()) {
                    case TEXT -> args.add(f.getValue());
                    case UUID -> args.add(UUID.fromString(f.getValue()));
                    case BOOLEAN -> args.add(Boolean.parseBoolean(f.getValue()));
                    case BOOLEAN_CLOSED -> {
                        sql.append(" and ").append(column).append(Boolean.parseBoolean(f.getValue()) ? " is not null" : " is null");
                        continue;
                    }
                }
                sql.append(" and ").append(column).append(" = ?");
            }
            sql.append(" order by id limit ?");
            args.add(limit);
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setFetchSize(limit);
                List<R> out = new java.util.ArrayList<>(limit);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("reading " + table + " failed: " + e.getMessage(), e);
            }
        }

        /** The column of an entity path such as {@code r.ownerId}: owner_id. */
        private static String column(String path) {
            return path.substring(path.indexOf('.') + 1).replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        }
    }

    private interface RowMapper<R> {
        R map(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    private static final Map<Kind<?, ?>, Rows<?>> ROWS = Map.of(
            LEADS, new Rows<>("lead", "id, external_id, name, company, email, channel, industry, region, employees, status,"
                    + " status_changed_at, owner_id, converted_opportunity_id, custom, created_at, updated_at",
                    rs -> new LeadRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, Integer.class), rs.getString(10), rs.getObject(11, java.time.OffsetDateTime.class),
                            rs.getObject(12, UUID.class), rs.getObject(13, UUID.class), io.fupan.core.record.Json.read(rs.getString(14)),
                            rs.getObject(15, java.time.OffsetDateTime.class), rs.getObject(16, java.time.OffsetDateTime.class))),
            ACTIVITIES, new Rows<>("activity", "id, external_id, type, occurred_at, subject, lead_id, contact_id,"
                    + " opportunity_id, owner_id, created_at",
                    rs -> new ActivityRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, java.time.OffsetDateTime.class), rs.getString(5), rs.getObject(6, UUID.class),
                            rs.getObject(7, UUID.class), rs.getObject(8, UUID.class), rs.getObject(9, UUID.class),
                            rs.getObject(10, java.time.OffsetDateTime.class))));

    /** The records of {@code kind} with these ids. */
    <E, R> List<R> findAll(String tenantId, Kind<E, R> kind, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > io.fupan.api.data.Query.MAX_SIZE) {
            throw new IllegalArgumentException("findAll takes at most " + io.fupan.api.data.Query.MAX_SIZE + " ids, was "
                    + ids.size());
        }
        return data.em(tenantId).createQuery("select r from " + kind.entity().getSimpleName() + " r where r.id in :ids",
                        kind.entity()).setParameter("ids", List.copyOf(ids)).getResultList().stream()
                .map(kind.view()).toList();
    }

    /**
     * The next {@code limit} stage entries after {@code after} (by opportunity, entry time and id), or,
     * when {@code after} is null, from the first opportunity after {@code afterOpportunity} (null: all).
     */
    public List<StageEntryRecord> stageEntriesAfter(String tenantId, StageEntryRecord after, UUID afterOpportunity,
                                                    int limit) {
        String where = after != null ? " where h.opportunityId > :o or (h.opportunityId = :o and (h.enteredAt > :t"
                + " or (h.enteredAt = :t and h.id > :i)))" : afterOpportunity != null ? " where h.opportunityId > :o" : "";
        var query = data.em(tenantId).createQuery("select h from StageEntry h" + where
                        + " order by h.opportunityId, h.enteredAt, h.id", StageEntry.class)
                .setMaxResults(limit);
        if (after != null) {
            query.setParameter("o", after.opportunityId()).setParameter("t", after.enteredAt())
                    .setParameter("i", after.id());
        } else if (afterOpportunity != null) {
            query.setParameter("o", afterOpportunity);
        }
        return query.getResultList().stream()
                .map(h -> new StageEntryRecord(h.id(), h.opportunityId(), h.stage(), h.enteredAt(), h.movedById()))
                .toList();
    }

    public List<StageEntryRecord> stageHistory(String tenantId, UUID opportunityId) {
        return data.em(tenantId).createQuery(
                        "select h from StageEntry h where h.opportunityId = :id order by h.enteredAt, h.id", StageEntry.class)
                .setParameter("id", opportunityId).getResultList().stream()
                .map(h -> new StageEntryRecord(h.id(), h.opportunityId(), h.stage(), h.enteredAt(), h.movedById()))
                .toList();
    }

    /** The tenant's conversion table, as plugins see it. */
    public io.fupan.api.data.CurrencyTable currencies(String tenantId) {
        var view = currencyRates.view(tenantId);
        Map<String, java.math.BigDecimal> rates = new java.util.LinkedHashMap<>();
        view.items().forEach(r -> rates.put(r.currency(), r.rate()));
        return new io.fupan.api.data.CurrencyTable(view.currency(), rates);
    }

    public Pipeline pipeline(String tenantId) {
        return new Pipeline(data.em(tenantId).createQuery(
                        "select s from PipelineStage s order by s.position, s.key", PipelineStage.class)
                .getResultList().stream()
                .map(s -> new Pipeline.Stage(s.key(), s.position(), s.labelEn(), s.labelZh(),
                        s.kind().name().toLowerCase(Locale.ROOT), s.healthyLow(), s.healthyHigh(), s.agingDays()))
                .toList());
    }

    private <E, R> Optional<R> find(String tenantId, Kind<E, R> kind, UUID id) {
        return Optional.ofNullable(data.em(tenantId).find(kind.entity(), id)).map(kind.view());
    }

    private <E, R> Page<R> list(String tenantId, Kind<E, R> kind, Query q) {
        Jpql<E> jpql = filtered(kind, q.filters());
        List<PageRequest.Sort> sort = List.of();
        if (q.sort() != null && !q.sort().isBlank()) {
            boolean desc = q.sort().startsWith("-");
            String name = desc ? q.sort().substring(1) : q.sort();
            if (!SORTS.containsKey(name)) {
                throw new IllegalArgumentException("cannot sort by '" + name + "'; sortable: createdAt, updatedAt");
            }
            sort = List.of(new PageRequest.Sort(name, desc));
        }
        io.fupan.core.query.Page<E> page = jpql.page(data.em(tenantId), new PageRequest(q.page(), q.size(), sort), SORTS);
        return new Page<>(page.items().stream().map(kind.view()).toList(), q.page(), q.size(), page.total());
    }

    private static <E, R> Jpql<E> filtered(Kind<E, R> kind, Map<String, String> filters) {
        Jpql<E> jpql = new Jpql<>(kind.entity(), "r");
        int n = 0;
        for (Map.Entry<String, String> f : filters.entrySet()) {
            Field field = kind.filters().get(f.getKey());
            if (field == null) {
                throw new IllegalArgumentException("cannot filter " + kind.entity().getSimpleName().toLowerCase(Locale.ROOT)
                        + " records by '" + f.getKey() + "'; filters: " + String.join(", ", new java.util.TreeSet<>(kind.filters().keySet())));
            }
            String p = "p" + n++;
            switch (field.type()) {
                case TEXT -> jpql.where(field.path() + " = :" + p, p, f.getValue());
                case UUID -> jpql.where(field.path() + " = :" + p, p, UUID.fromString(f.getValue()));
                case BOOLEAN -> jpql.where(field.path() + " = :" + p, p, Boolean.parseBoolean(f.getValue()));
                case BOOLEAN_CLOSED -> jpql.where(Boolean.parseBoolean(f.getValue())
                        ? field.path() + " is not null" : field.path() + " is null");
            }
        }
        return jpql;
    }

    // ---- signals


    /** The signals on these opportunities from plugins the tenant has enabled. */
    public List<OpportunitySignalRecord> signals(String tenantId, java.util.Collection<UUID> opportunityIds) {
        return io.fupan.core.opportunity.OpportunitySignals.of(em(tenantId), opportunityIds);
    }

    /**
     * The next {@code limit} signals at {@code level} (null: any) on open opportunities after
     * ({@code afterOpportunity}, {@code afterKey}) in (opportunity, plugin and kind) order.
     */
    public List<OpportunitySignalRecord> signalsAfter(String tenantId, String level, UUID afterOpportunity,
                                                      String afterKey, int limit) {
        List<?> rows = em(tenantId).createNativeQuery(io.fupan.core.opportunity.OpportunitySignals.SELECT
                        + " join opportunity o on o.tenant_id = s.tenant_id and o.id = s.opportunity_id and o.closed_at is null"
                        + " where (cast(?1 as text) is null or s.level = ?1)"
                        + " and (cast(?2 as uuid) is null or (s.opportunity_id, s.plugin_id || '/' || s.kind) > (cast(?2 as uuid), ?3))"
                        + " order by s.opportunity_id, s.plugin_id || '/' || s.kind limit ?4")
                .setHint(NATIVE, "true").setParameter(1, level)
                .setParameter(2, afterOpportunity == null ? null : afterOpportunity.toString())
                .setParameter(3, afterKey == null ? "" : afterKey).setParameter(4, limit).getResultList();
        return rows.stream().map(r -> io.fupan.core.opportunity.OpportunitySignals.row((Object[]) r)).toList();
    }

    // ---- storage

    public Optional<String> storageGet(String tenantId, String pluginId, String key) {
        List<?> rows = em(tenantId).createNativeQuery(
                        "select value::text from plugin_storage where plugin_id = ?1 and key = ?2")
                .setHint(NATIVE, "true").setParameter(1, pluginId).setParameter(2, key).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    public void storagePut(String tenantId, String pluginId, String key, String json) {
        em(tenantId).createNativeQuery("insert into plugin_storage (tenant_id, plugin_id, key, value, updated_at)"
                        + " values (?1, ?2, ?3, cast(?4 as jsonb), now())"
                        + " on conflict (tenant_id, plugin_id, key) do update set value = excluded.value, updated_at = now()")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, pluginId).setParameter(3, key)
                .setParameter(4, json).executeUpdate();
    }

    public boolean storageDelete(String tenantId, String pluginId, String key) {
        return em(tenantId).createNativeQuery("delete from plugin_storage where plugin_id = ?1 and key = ?2")
                .setHint(NATIVE, "true").setParameter(1, pluginId).setParameter(2, key).executeUpdate() > 0;
    }

    public List<PluginStorage.Entry> storageList(String tenantId, String pluginId, String prefix, int limit) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<?> rows = em(tenantId).createNativeQuery("select key, value::text from plugin_storage"
                        + " where plugin_id = ?1 and key like ?2 order by key limit ?3")
                .setHint(NATIVE, "true").setParameter(1, pluginId).setParameter(2, like).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new PluginStorage.Entry((String) r[0], (String) r[1])).toList();
    }

    private EntityManager em(String tenantId) {
        return data.em(tenantId);
    }
}
