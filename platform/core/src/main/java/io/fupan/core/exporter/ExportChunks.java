package io.fupan.core.exporter;

import io.fupan.core.i18n.Messages;
import io.fupan.core.custom.CustomAttribute;
import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.record.Times;
import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The reads of an export, each in its own transaction (internal to {@link Exporter}): {@link #open}
 * and one {@link #next} per chunk. Native SQL through the tenant's EntityManager, tenant_id named
 * in every table read and row-level security behind it; every query reads at most
 * {@value #CHUNK} records by index (keyset paging), never the whole table.
 */
@ApplicationScoped
@InTransaction
public class ExportChunks {

    static final int CHUNK = 1_000;
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    TenantRegistry registry;
    @Inject
    CustomAttributes customAttributes;

    public Export open(String name) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.exportAdminOnly"));
        }
        ExportKind kind = ExportKind.KINDS.get(name);
        if (kind == null) {
            throw new DomainException.NotFound("export", name);
        }
        RegisteredTenant tenant = registry.find(context.tenantId()).orElseThrow();
        ZoneId zone = ZoneId.of(tenant.timeZone());
        List<String> header = new ArrayList<>(kind.names());
        List<String> keys = new ArrayList<>();
        if (kind.customEntity() != null) {
            for (CustomAttribute attribute : customAttributes.definitions(kind.customEntity())) {
                String column = customColumn(attribute, kind.names());
                if (column != null) {
                    header.add(column);
                    keys.add(attribute.key());
                }
            }
        }
        String date = Times.now().atZoneSameInstant(zone).toLocalDate().toString();
        sql("insert into audit_event (tenant_id, id, actor, entity_type, entity_id, action, field) "
                        + "values (?1, cast(?2 as uuid), ?3, 'export', cast(?4 as uuid), 'create', ?5)",
                tenant.id(), UUID.randomUUID().toString(), context.actor().username(), UUID.randomUUID().toString(),
                name).executeUpdate();
        return new Export(kind, tenant.id(), zone, header, keys, tenant.id() + "-" + name + "-" + date + ".csv");
    }

    /**
     * The column a custom attribute is written in: its English label when the import maps that label
     * back to the same key (the label an import of a new column gives it), else the key itself;
     * none for a key the import would take for a standard column of the kind.
     */
    static String customColumn(CustomAttribute attribute, List<String> standard) {
        if (standard.contains(attribute.key())) {
            return null;
        }
        String label = attribute.labelEn() == null ? "" : attribute.labelEn().strip();
        return !label.isEmpty() && importKey(label).equals(attribute.key()) ? label : attribute.key();
    }

    /** The custom attribute key an import makes of a column name (as {@code CustomColumns} of the importer does). */
    static String importKey(String column) {
        String key = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return !key.isEmpty() && !Character.isLetter(key.charAt(0)) ? "c_" + key : key;
    }

    /** The rows of the next chunk (possibly none, e.g. opportunities without history), or null at the end. */
    public List<List<String>> next(Export export) {
        if (export.done) {
            return null;
        }
        ExportKind kind = export.kind;
        if (export.generated.isEmpty() && !export.generatedDone) {
            refill(export);
        }
        List<String> page = page(export);
        if (page.isEmpty()) {
            export.done = true;
            return null;
        }
        StringBuilder select = new StringBuilder();
        for (ExportKind.Column column : kind.columns()) {
            select.append(select.length() == 0 ? "" : ", ").append(column.sql());
        }
        for (String key : export.customKeys) {
            select.append(", r.custom ->> '").append(safe(key)).append('\'');
        }
        List<?> found = sql("select " + select + " from unnest(cast(string_to_array(?2, ',') as uuid[])) "
                + "with ordinality as page (id, n) join " + kind.table() + " r on r.tenant_id = ?1 and " + kind.on()
                + kind.joins() + " order by page.n" + kind.order(), export.tenantId, String.join(",", page))
                .getResultList();
        int width = kind.columns().size() + export.customKeys.size();
        List<List<String>> rows = new ArrayList<>(found.size());
        for (Object result : found) {
            Object[] fields = (Object[]) result;
            List<String> row = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                boolean time = i < kind.columns().size() && kind.columns().get(i).time();
                row.add(time ? time(fields[i], export.zone) : fields[i] == null ? null : fields[i].toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The ids of the next page of records in export-key order, and the cursor moved past them: the
     * next records by external id, merged with the waiting ones without (which all sort before any
     * record without an external id not read yet, so external ids past the last of them wait too).
     */
    private List<String> page(Export export) {
        String table = export.kind.pageTable();
        List<Object> params = new ArrayList<>(List.of(export.tenantId, String.join(",", export.generated)));
        StringBuilder byExternal = new StringBuilder("select id, external_id as k, true as e from " + table
                + " where tenant_id = ?1 and external_id is not null");
        if (export.lastExternal != null) {
            params.add(export.lastExternal);
            byExternal.append(" and external_id > ?").append(params.size());
        }
        if (!export.generatedDone) {
            params.add(export.generated.peekLast());
            byExternal.append(" and external_id <= ?").append(params.size());
        }
        byExternal.append(" order by external_id limit ").append(CHUNK);
        List<?> found = sql("select cast(id as text), k, e from ((" + byExternal + ") union all "
                + "select cast(x as uuid), x, false from unnest(string_to_array(?2, ',')) x) page order by k limit "
                + CHUNK, params.toArray()).getResultList();
        List<String> ids = new ArrayList<>(found.size());
        for (Object result : found) {
            Object[] fields = (Object[]) result;
            ids.add((String) fields[0]);
            if (Boolean.TRUE.equals(fields[2])) {
                export.lastExternal = (String) fields[1];
            } else {
                export.generated.remove((String) fields[0]);
            }
        }
        return ids;
    }

    /** Reads the next {@value #CHUNK} records without an external id, by id (the primary key). */
    private void refill(Export export) {
        List<Object> params = new ArrayList<>(List.of(export.tenantId));
        String after = "";
        if (export.lastGenerated != null) {
            params.add(export.lastGenerated);
            after = " and id > cast(?2 as uuid)";
        }
        List<?> found = sql("select cast(id as text) from " + export.kind.pageTable() + " where tenant_id = ?1 and "
                + "external_id is null" + after + " order by id limit " + CHUNK, params.toArray()).getResultList();
        for (Object id : found) {
            export.generated.add((String) id);
        }
        if (!found.isEmpty()) {
            export.lastGenerated = export.generated.peekLast();
        }
        export.generatedDone = found.size() < CHUNK;
    }

    /** A time in ISO-8601 with the offset of the tenant's zone at that instant; seconds always, fractions when there are. */
    private static String time(Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        Instant instant = value instanceof Timestamp t ? t.toInstant()
                : value instanceof OffsetDateTime t ? t.toInstant() : OffsetDateTime.parse(value.toString()).toInstant();
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }

    private static String safe(String key) {
        if (!key.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("not a custom attribute key: " + key);
        }
        return key;
    }

    private Query sql(String sql, Object... params) {
        Query query = data.em().createNativeQuery(sql).setHint(NATIVE, "true");
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
