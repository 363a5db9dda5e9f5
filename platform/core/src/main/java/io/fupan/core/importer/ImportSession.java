package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.pipeline.PipelineStage;
import io.fupan.core.query.RecordCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One import's database transaction, on the bulk connection: the tenant's zone, currency and
 * stages, and the set-based SQL that turns the staged lines ({@link Staging}) into records. Every
 * statement names the tenant as {@code current_setting('fupan.tenant')}, the setting row-level
 * security checks, so no statement can reach another tenant's rows.
 */
final class ImportSession {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ImportSession.class.getName());

    /** The tenant of this transaction, as SQL. */
    static final String TENANT = "current_setting('fupan.tenant')";
    /** The good lines, the last one of each external id (a later line of the same record wins): see {@link #supersede()}. */
    static final String LATEST = "(select * from import_rows where ok and latest) r";

    /**
     * One column an upsert writes: its value (SQL over r and joins) and, when not simply the new
     * value, its update (SQL over t, the record, and v, the new values).
     */
    record Field(String column, String value, String update) {
        Field(String column, String value) {
            this(column, value, null);
        }

        String target() {
            return update == null ? "v." + column : update;
        }
    }

    final Connection connection;
    final ZoneId zone;
    final String currency;
    final Map<String, PipelineStage> stages = new LinkedHashMap<>();

    ImportSession(Connection connection, ZoneId zone, String currency, List<PipelineStage> stages) {
        this.connection = connection;
        this.zone = zone;
        this.currency = currency;
        stages.forEach(s -> this.stages.put(s.key(), s));
    }

    /**
     * The line's required {@code stage}: a stage key of the pipeline; {@code won} and {@code lost} also
     * name the first stage of that kind. Null, with an error on the line, when it is none of them.
     */
    PipelineStage stage(Row row) {
        String key = row.required("stage", 40);
        if (key == null) {
            return null;
        }
        PipelineStage stage = stages.get(key);
        if (stage == null && ("won".equals(key) || "lost".equals(key))) {
            PipelineStage.Kind kind = "won".equals(key) ? PipelineStage.Kind.WON : PipelineStage.Kind.LOST;
            stage = stages.values().stream().filter(s -> s.kind() == kind).findFirst().orElse(null);
        }
        if (stage == null) {
            row.error("stage", Messages.get("import.row.stage", key, String.join(", ", stages.keySet())));
        }
        return stage;
    }

    int update(String sql, Object... params) throws SQLException {
        long t0 = System.nanoTime();
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } finally {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (millis >= 1_000) {
                LOG.info("import statement took " + millis + " ms: " + sql.substring(0, Math.min(sql.length(), 160)));
            }
        }
    }

    List<Object[]> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, params); ResultSet result = statement.executeQuery()) {
            List<Object[]> rows = new ArrayList<>();
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * Marks the good lines matching {@code condition} (SQL over r) bad, in {@code column}, with the
     * message {@code key} in the current language,
     * naming {@code kind} ({0}) and the line's {@code column} value ({1}, filled in by the database
     * for each line: the text around it goes as two parameters); {2} is the column in words.
     */
    long refuse(String condition, String column, String key, String kind) throws SQLException {
        String[] around = Messages.get(key, Messages.kind(kind), VALUE, column.replace('_', ' ')).split(VALUE, -1);
        return update("update import_rows r set ok = false, error_column = ?, error_message = ? || r." + column
                + " || ? where r.ok and (" + condition + ")", column, around[0], around[1]);
    }

    private static final String VALUE = "\u0001";

    /**
     * Lines whose {@code ref} names no {@code table} record of the tenant are refused. With
     * {@code inFile} a record of the same file (a good line) counts too; since refusing a line can
     * orphan the lines that named it, that is repeated until nothing changes.
     */
    long reference(String ref, String table, String kind, boolean inFile) throws SQLException {
        String condition = "r." + ref + " is not null and not exists (select 1 from " + table + " x where x.tenant_id = "
                + TENANT + " and x.external_id = r." + ref + ")";
        if (!inFile) {
            return refuse(condition, ref, "import.row.noReference", kind);
        }
        condition += " and not exists (select 1 from import_rows p where p.ok and p.external_id = r." + ref + ")";
        long refused = 0;
        for (long round = 1; round > 0; refused += round) {
            round = refuse(condition, ref, "import.row.noReferenceInFile", kind);
        }
        return refused;
    }

    /**
     * Lines that would make a cycle of {@code ref} (parent, reports_to) are refused: the graph is the
     * file's good lines plus the tenant's other records, walked up from each line of the file.
     */
    long cycles(String table, String parentColumn, String ref, String kind) throws SQLException {
        String key = "coalesce(%1$s.external_id, cast(%1$s.id as text))";
        String cyclic = "with recursive edges (child, parent) as ("
                + "select external_id, " + ref + " from import_rows where ok and " + ref + " is not null "
                + "union all select " + String.format(key, "a") + ", " + String.format(key, "p") + " from " + table
                + " a join " + table + " p on p.tenant_id = a.tenant_id and p.id = a." + parentColumn
                + " where a.tenant_id = " + TENANT + " and not exists (select 1 from import_rows f where f.ok "
                + "and f.external_id = a.external_id)), "
                + "walk (start, node) as (select child, parent from edges where child in "
                + "(select external_id from import_rows where ok and " + ref + " is not null) "
                + "union all select w.start, e.parent from walk w join edges e on e.child = w.node "
                + "where w.node <> w.start) cycle node set looped using path " // a loop above the line ends its walk
                + "select distinct start from walk where node = start";
        return refuse("r.external_id in (" + cyclic + ")", ref, "import.row.cycle", kind);
    }

    /**
     * The owners named by good lines that the tenant does not know become inactive users: placeholders
     * that their first sign-in activates ({@code UserDirectory}).
     */
    void owners() throws SQLException {
        update("insert into app_user (tenant_id, id, username, display_name, email, active, placeholder) "
                + "select " + TENANT + ", gen_random_uuid(), owner, owner, owner, false, true from (select owner from import_rows "
                + "where ok and owner is not null group by owner) o on conflict (tenant_id, username) do nothing");
    }

    /** Marks the good lines that a later good line of the same external id supersedes (the last line wins). */
    void supersede() throws SQLException {
        update("update import_rows r set latest = false where r.ok and exists (select 1 from import_rows d "
                + "where d.ok and d.external_id = r.external_id and d.line > r.line)");
    }

    /**
     * Updates the records of the good lines that exist and whose values differ (version + 1, with
     * {@code versioned}), then inserts those that are new; returns {accepted, updated}. {@code from}
     * is the FROM clause over {@link #LATEST} and its joins. Two plain statements rather than one
     * INSERT … ON CONFLICT: a bulk insert without speculative insertion is markedly faster.
     */
    long[] upsert(String table, String from, List<Field> fields, boolean versioned) throws SQLException {
        supersede();
        String columns = fields.stream().map(Field::column).collect(Collectors.joining(", "));
        String values = fields.stream().map(f -> f.value() + " as " + f.column()).collect(Collectors.joining(", "));
        long updated = update("with v as (select r.external_id, " + values + " from " + from + ") "
                + "update " + table + " t set " + fields.stream().map(f -> f.column() + " = " + f.target())
                        .collect(Collectors.joining(", "))
                + (versioned ? ", updated_at = now(), version = t.version + 1" : "")
                + " from v where t.tenant_id = " + TENANT + " and t.external_id = v.external_id and (t."
                + fields.stream().map(Field::column).collect(Collectors.joining(", t.")) + ") is distinct from ("
                + fields.stream().map(Field::target).collect(Collectors.joining(", ")) + ")");
        long accepted = update("insert into " + table + " (tenant_id, id, external_id, " + columns + ") "
                + "select " + TENANT + ", r.id, r.external_id, "
                + fields.stream().map(Field::value).collect(Collectors.joining(", ")) + " from " + from
                + " where not exists (select 1 from " + table + " x where x.tenant_id = " + TENANT
                + " and x.external_id = r.external_id)");
        if (accepted > 0 && RecordCounts.TABLES.contains(table)) {
            rows(RecordCounts.ADD, table, accepted); // an import counts its inserts by statement (Importer)
        }
        return new long[] {accepted, updated};
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
