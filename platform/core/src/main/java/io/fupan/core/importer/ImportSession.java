package io.fupan.core.importer;

import io.fupan.core.pipeline.PipelineStage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The state of one import inside its transaction: the tenant's zone, currency and stages, the
 * external ids already resolved (bounded caches), and the SQL that writes rows. Rows are written
 * with native SQL through the tenant's EntityManager (row-level security applies; tenant_id is
 * written explicitly): one statement per row, no entity kept in memory.
 */
final class ImportSession {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int CACHE = 100_000;

    /** The outcome of writing one record. */
    enum Outcome { ACCEPTED, UPDATED, UNCHANGED }

    /** One column to write: its SQL type, value, and optionally how an update computes it from t (row) and v (file). */
    record Value(String column, String type, Object value, String update) {
        Value(String column, String type, Object value) {
            this(column, type, value, null);
        }
    }

    final EntityManager em;
    final String tenantId;
    final ZoneId zone;
    final String currency;
    final Map<String, PipelineStage> stages;
    private final Map<String, Map<String, UUID>> ids = new LinkedHashMap<>();
    private final Map<String, UUID> owners = bounded();

    ImportSession(EntityManager em, String tenantId, ZoneId zone, String currency, List<PipelineStage> stages) {
        this.em = em;
        this.tenantId = tenantId;
        this.zone = zone;
        this.currency = currency;
        this.stages = new LinkedHashMap<>();
        stages.forEach(s -> this.stages.put(s.key(), s));
    }

    /** A pipeline stage by key; {@code won} and {@code lost} also name the first stage of that kind. */
    Optional<PipelineStage> stage(String key) {
        PipelineStage stage = stages.get(key);
        if (stage == null && ("won".equals(key) || "lost".equals(key))) {
            PipelineStage.Kind kind = "won".equals(key) ? PipelineStage.Kind.WON : PipelineStage.Kind.LOST;
            return stages.values().stream().filter(s -> s.kind() == kind).findFirst();
        }
        return Optional.ofNullable(stage);
    }

    String stageList() {
        return String.join(", ", stages.keySet()) + ", won, lost";
    }

    /** The id of the {@code table} record with this external id in this tenant, if any. */
    Optional<UUID> find(String table, String externalId) {
        Map<String, UUID> cache = ids.computeIfAbsent(table, t -> bounded());
        UUID id = cache.get(externalId);
        if (id == null) {
            List<?> found = sql("select cast(id as text) from " + table + " where tenant_id = ?1 and external_id = ?2",
                    tenantId, externalId).getResultList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            id = UUID.fromString((String) found.get(0));
            cache.put(externalId, id);
        }
        return Optional.of(id);
    }

    /** Resolves a reference column to another record; an unknown external id is an error on the line. */
    UUID reference(Row row, String column, String table, String kind) {
        String externalId = row.text(column, 200);
        if (externalId == null) {
            return null;
        }
        Optional<UUID> id = find(table, externalId);
        if (id.isEmpty()) {
            row.error(column, "there is no " + kind + " with external_id '" + externalId + "' in this tenant");
            return null;
        }
        return id.get();
    }

    /** The user named in {@code column} (an e-mail); an unknown one is created as an inactive user. */
    UUID owner(Row row, String column) {
        String name = row.text(column, 320);
        if (name == null) {
            return null;
        }
        String username = name.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(username).matches()) {
            row.error(column, "must be a user name (an e-mail address), not '" + name + "'");
            return null;
        }
        UUID id = owners.get(username);
        if (id == null) {
            List<?> found = sql("select cast(id as text) from app_user where tenant_id = ?1 and username = ?2",
                    tenantId, username).getResultList();
            if (found.isEmpty()) {
                id = UUID.randomUUID();
                sql("insert into app_user (tenant_id, id, username, display_name, email, active) "
                        + "values (?1, cast(?2 as uuid), ?3, ?4, ?5, false)", tenantId, id.toString(), username,
                        username, username).executeUpdate();
            } else {
                id = UUID.fromString((String) found.get(0));
            }
            owners.put(username, id);
        }
        return id;
    }

    /**
     * Inserts the record with this external id, or updates it when a value differs (version + 1);
     * {@code custom} (JSON, may be null) is merged into the record's custom attributes.
     */
    Outcome upsert(String table, String externalId, List<Value> values, String custom, boolean versioned) {
        List<Value> all = new ArrayList<>(values);
        if (custom != null) {
            all.add(new Value("custom", "jsonb", custom, "t.custom || v.custom"));
        }
        Optional<UUID> existing = find(table, externalId);
        if (existing.isEmpty()) {
            UUID id = UUID.randomUUID();
            List<Object> params = new ArrayList<>(List.of(tenantId, id.toString(), externalId));
            StringBuilder columns = new StringBuilder("tenant_id, id, external_id");
            StringBuilder placeholders = new StringBuilder("?1, cast(?2 as uuid), ?3");
            for (Value value : all) {
                params.add(param(value.value()));
                columns.append(", ").append(value.column());
                placeholders.append(", cast(?").append(params.size()).append(" as ").append(value.type()).append(')');
            }
            sql("insert into " + table + " (" + columns + ") values (" + placeholders + ")", params.toArray())
                    .executeUpdate();
            ids.get(table).put(externalId, id);
            return Outcome.ACCEPTED;
        }
        if (all.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        List<Object> params = new ArrayList<>(List.of(tenantId, existing.get().toString()));
        List<String> names = new ArrayList<>();
        List<String> casts = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (Value value : all) {
            params.add(param(value.value()));
            names.add(value.column());
            casts.add("cast(?" + params.size() + " as " + value.type() + ")");
            String expression = value.update() == null ? "v." + value.column() : value.update();
            targets.add(expression);
            sets.add(value.column() + " = " + expression);
        }
        if (versioned) {
            sets.add("updated_at = now()");
            sets.add("version = t.version + 1");
        }
        String update = "with v (" + String.join(", ", names) + ") as (values (" + String.join(", ", casts) + ")) "
                + "update " + table + " t set " + String.join(", ", sets) + " from v "
                + "where t.tenant_id = ?1 and t.id = cast(?2 as uuid) and (t." + String.join(", t.", names)
                + ") is distinct from (" + String.join(", ", targets) + ")";
        return sql(update, params.toArray()).executeUpdate() > 0 ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    /** Whether making {@code parent} the parent of {@code self} (by {@code column}) closes a cycle. */
    boolean cycle(String table, String column, UUID self, UUID parent) {
        UUID cursor = parent;
        for (int depth = 0; cursor != null; depth++) {
            if (cursor.equals(self) || depth > 100) {
                return true;
            }
            List<?> up = sql("select cast(" + column + " as text) from " + table + " where tenant_id = ?1 and id = cast(?2 as uuid)",
                    tenantId, cursor.toString()).getResultList();
            cursor = up.isEmpty() || up.get(0) == null ? null : UUID.fromString((String) up.get(0));
        }
        return false;
    }

    Query sql(String sql, Object... params) {
        Query query = em.createNativeQuery(sql).setHint(NATIVE, "true");
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }

    static Object param(Object value) {
        if (value instanceof UUID || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime time) {
            return TIME.format(time);
        }
        return value;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE;
            }
        };
    }
}
