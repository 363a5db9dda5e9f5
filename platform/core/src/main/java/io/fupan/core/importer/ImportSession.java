package io.fupan.core.importer;

import io.fupan.core.pipeline.PipelineStage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One import's database transaction, on the bulk connection: the tenant's zone, currency and
 * stages, and the set-based SQL that turns the staged lines ({@link Staging}) into records. Every
 * statement names the tenant as {@code current_setting('fupan.tenant')}, the setting row-level
 * security checks, so no statement can reach another tenant's rows.
 */
final class ImportSession {

    /** The tenant of this transaction, as SQL. */
    static final String TENANT = "current_setting('fupan.tenant')";
    /** The good lines, the last one of each external id (a later line of the same record wins). */
    static final String LATEST = "(select distinct on (external_id) * from import_rows where ok "
            + "order by external_id, line desc) r";

    /** One column an upsert writes: its value (SQL over r and joins) and, when not simply the new value, its update. */
    record Field(String column, String value, String update) {
        Field(String column, String value) {
            this(column, value, null);
        }

        String target() {
            return update == null ? "excluded." + column : update;
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

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
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

    /** Marks the good lines matching {@code condition} (SQL over r) bad, with the message (SQL over r); returns how many. */
    long refuse(String condition, String column, String message) throws SQLException {
        return update("update import_rows r set ok = false, error_column = ?, error_message = " + message
                + " where r.ok and (" + condition + ")", column);
    }

    /**
     * Lines whose {@code ref} names no {@code table} record of the tenant are refused. With
     * {@code inFile} a record of the same file (a good line) counts too; since refusing a line can
     * orphan the lines that named it, that is repeated until nothing changes.
     */
    long reference(String ref, String table, String kind, boolean inFile) throws SQLException {
        String condition = "r." + ref + " is not null and not exists (select 1 from " + table + " x where x.tenant_id = "
                + TENANT + " and x.external_id = r." + ref + ")";
        if (!inFile) {
            return refuse(condition, ref, "'there is no " + kind + " with external_id ''' || r." + ref
                    + " || ''' in this tenant'");
        }
        condition += " and not exists (select 1 from import_rows p where p.ok and p.external_id = r." + ref + ")";
        long refused = 0;
        for (long round = 1; round > 0; refused += round) {
            round = refuse(condition, ref, "'there is no " + kind + " with external_id ''' || r." + ref
                    + " || ''' in this tenant or this file'");
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
                + "walk (start, node, depth) as (select child, parent, 1 from edges where child in "
                + "(select external_id from import_rows where ok and " + ref + " is not null) "
                + "union all select w.start, e.parent, w.depth + 1 from walk w join edges e on e.child = w.node "
                + "where w.node <> w.start and w.depth < 1000) "
                + "select distinct start from walk where node = start";
        return refuse("r.external_id in (" + cyclic + ")", ref, "'" + kind + " ''' || r." + ref
                + " || ''' is, through its own " + ref.replace('_', ' ') + " chain, below this line''s record: a cycle'");
    }

    /** The owners named by good lines that the tenant does not know become inactive users. */
    void owners() throws SQLException {
        update("insert into app_user (tenant_id, id, username, display_name, email, active) "
                + "select distinct on (owner) " + TENANT + ", gen_random_uuid(), owner, owner, owner, false "
                + "from import_rows where ok and owner is not null on conflict (tenant_id, username) do nothing");
    }

    /**
     * Inserts the records of the good lines that are new, updates those whose values differ
     * (version + 1, with {@code versioned}); returns {accepted, updated}. {@code from} is the FROM
     * clause over {@link #LATEST} and its joins.
     */
    long[] upsert(String table, String from, List<Field> fields, boolean versioned) throws SQLException {
        String columns = fields.stream().map(Field::column).collect(Collectors.joining(", "));
        String sets = fields.stream().map(f -> f.column() + " = " + f.target()).collect(Collectors.joining(", "));
        String sql = "with m as (insert into " + table + " as t (tenant_id, id, external_id, " + columns + ") "
                + "select " + TENANT + ", gen_random_uuid(), r.external_id, "
                + fields.stream().map(Field::value).collect(Collectors.joining(", ")) + " from " + from
                + " on conflict (tenant_id, external_id) where external_id is not null do update set " + sets
                + (versioned ? ", updated_at = now(), version = t.version + 1" : "")
                + " where (t." + fields.stream().map(Field::column).collect(Collectors.joining(", t."))
                + ") is distinct from (" + fields.stream().map(Field::target).collect(Collectors.joining(", "))
                + ") returning (xmax = 0) as inserted) "
                + "select count(*) filter (where inserted), count(*) filter (where not inserted) from m";
        Object[] counts = rows(sql).get(0);
        return new long[] {((Number) counts[0]).longValue(), ((Number) counts[1]).longValue()};
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
