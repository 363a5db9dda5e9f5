package io.fupan.pluginsql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A plugin's own tables: one PostgreSQL schema ({@code plugin_<id>}) and one role
 * ({@code fupan_plugin_<id>}) per plugin id, shared by its versions (migrations only add, so that two
 * versions run side by side and a tenant can roll back).
 *
 * <p>{@link #migrate} runs the plugin's Flyway scripts as that role, which may create objects in its
 * schema only while migrations run, and then checks what they made:
 * <ul>
 *   <li>every table's first column is {@code tenant_id text not null}, the first column of its primary key
 *       and of every index;</li>
 *   <li>no functions or procedures (they could run as someone else, or change settings), no materialized
 *       views or foreign tables (no row-level security), no policies but the host's;</li>
 * </ul>
 * then defaults {@code tenant_id} to the bound tenant and forces row-level security on every table
 * with the policy {@code tenant_id = current_setting('fupan.tenant')}. The application role becomes a
 * member of the plugin role, so that plugin statements can run as it ({@link JdbcPluginTables}).
 */
public record PluginSchema(String pluginId, String schema, String role) {

    private static final Logger LOG = Logger.getLogger(PluginSchema.class.getName());

    /** Flyway's history table in the plugin's schema. */
    public static final String HISTORY = "plugin_schema_history";
    /** The policy the host puts on every plugin table. */
    public static final String POLICY = "fupan_tenant";

    public PluginSchema {
        if (!schema.matches("[a-z][a-z0-9_]{0,62}") || !role.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain PostgreSQL name: " + schema + " / " + role);
        }
    }

    /** The schema and role of plugin {@code pluginId} (lower-case letters, digits, hyphens). */
    public static PluginSchema of(String pluginId) {
        if (!pluginId.matches("[a-z][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("not a plugin id: " + pluginId);
        }
        String base = pluginId.replace('-', '_');
        if (base.length() > 49) {
            base = base.substring(0, 40) + "_" + Integer.toHexString(pluginId.hashCode());
        }
        return new PluginSchema(pluginId, "plugin_" + base, "fupan_plugin_" + base);
    }

    /** Why a plugin's migrations or what they made were refused. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Brings the plugin's schema up to its migrations and checks and secures the result.
     *
     * @param owner connections as the database's owner (may create roles and schemas)
     * @param location a Flyway location of the scripts ({@code classpath:…} or {@code filesystem:…})
     * @param loader the class loader for a {@code classpath:} location
     * @param appRole the role the application connects as
     * @return how many migrations ran now
     */
    public int migrate(DataSource owner, String location, ClassLoader loader, String appRole) throws Refused {
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("application role must be a plain PostgreSQL name, was " + appRole);
        }
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // Serialises the set-up of one plugin across pods and versions installing at once.
                s.execute("select pg_advisory_lock(hashtext('fupan-plugin-schema:" + schema + "'))");
                try {
                    prepare(c, s, appRole);
                    int ran = runMigrations(owner, location, loader);
                    s.execute("revoke create on schema " + schema + " from " + role);
                    check(c);
                    secure(s);
                    return ran;
                } finally {
                    s.execute("select pg_advisory_unlock(hashtext('fupan-plugin-schema:" + schema + "'))");
                }
            }
        } catch (SQLException e) {
            throw new Refused("setting up its tables failed: " + e.getMessage(), e);
        }
    }

    private void prepare(Connection c, Statement s, String appRole) throws SQLException {
        if (!exists(c, "select 1 from pg_roles where rolname = ?", role)) {
            s.execute("create role " + role + " nologin");
        }
        s.execute("create schema if not exists " + schema);
        s.execute("revoke all on schema " + schema + " from public");
        s.execute("grant usage, create on schema " + schema + " to " + role);
        // The owner runs the migrations as the plugin role; the application runs statements as it.
        s.execute("grant " + role + " to current_user");
        s.execute("grant " + role + " to " + appRole);
    }

    private int runMigrations(DataSource owner, String location, ClassLoader loader) throws Refused {
        try {
            MigrateResult result = Flyway.configure(loader)
                    .dataSource(asRole(owner))
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(false)
                    .table(HISTORY)
                    .locations(location)
                    .callbackLocations(location)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Plugin " + pluginId + ": " + result.migrationsExecuted + " migration(s) applied, schema "
                        + schema + " at version " + result.targetSchemaVersion);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new Refused("its migrations failed: " + e.getMessage(), e);
        }
    }

    /**
     * Connections of {@code owner} that work as the plugin role, and are reset to the owner when closed
     * (they go back to a pool that others use).
     */
    private DataSource asRole(DataSource owner) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(owner, method, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("set role " + role);
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close") && m.getParameterCount() == 0 && !c.isClosed()) {
                                    try (Statement s = c.createStatement()) {
                                        s.execute("reset role");
                                    } catch (SQLException e) {
                                        // an aborted transaction: the rollback on close ends the role too (it is
                                        // session state, so reset it once the rollback is done)
                                        c.rollback();
                                        try (Statement s = c.createStatement()) {
                                            s.execute("reset role");
                                        }
                                    }
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the migrations made must keep to the rules above. */
    private void check(Connection c) throws SQLException, Refused {
        List<String> problems = new ArrayList<>();
        rows(c, "select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = ?",
                r -> problems.add("function " + r.getString(1) + ": plugins may not define functions or procedures"));
        rows(c, "select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('m', 'f')",
                r -> problems.add(("m".equals(r.getString(2)) ? "materialized view " : "foreign table ") + r.getString(1)
                        + ": not allowed, row-level security would not apply"));
        rows(c, "select pol.polname, c.relname from pg_policy pol join pg_class c on c.oid = pol.polrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and pol.polname <> '" + POLICY + "'",
                r -> problems.add("policy " + r.getString(1) + " on " + r.getString(2) + ": the host sets the policies"));
        for (String table : tables(c)) {
            checkTable(c, table, problems);
        }
        if (!problems.isEmpty()) {
            throw new Refused("its tables break the rules for plugin tables: " + String.join("; ", problems));
        }
    }

    private void checkTable(Connection c, String table, List<String> problems) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull"
                + " from pg_attribute a where a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                + " and a.attnum > 0 and not a.attisdropped order by a.attnum limit 1")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next() || !"tenant_id".equals(r.getString(1)) || !"text".equals(r.getString(2)) || !r.getBoolean(3)) {
                    problems.add("table " + table + ": its first column must be tenant_id text not null");
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select i.relname, x.indisprimary,"
                + " (select a.attname from pg_attribute a where a.attrelid = x.indrelid and a.attnum = x.indkey[0])"
                + " from pg_index x join pg_class i on i.oid = x.indexrelid"
                + " where x.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            boolean primary = false;
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    primary |= r.getBoolean(2);
                    if (!"tenant_id".equals(r.getString(3))) {
                        problems.add("index " + r.getString(1) + " on " + table + ": tenant_id must be its first column");
                    }
                }
            }
            if (!primary) {
                problems.add("table " + table + ": it needs a primary key starting with tenant_id");
            }
        }
    }

    /** Tenant default, forced row-level security and the tenant policy on every table; done as the tables' owner. */
    private void secure(Statement s) throws SQLException {
        List<String> tables = tables(s.getConnection());
        List<String> guarded = new ArrayList<>();
        rows(s.getConnection(), "select c.relname from pg_policy pol join pg_class c on c.oid = pol.polrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and pol.polname = '" + POLICY + "'",
                r -> guarded.add(r.getString(1)));
        s.execute("set role " + role);
        try {
            for (String table : tables) {
                String t = schema + "." + quote(table);
                s.execute("alter table " + t + " alter column tenant_id set default current_setting('fupan.tenant')");
                s.execute("alter table " + t + " enable row level security");
                s.execute("alter table " + t + " force row level security");
                if (guarded.contains(table)) {
                    continue;
                }
                s.execute("create policy " + POLICY + " on " + t
                        + " using (tenant_id = current_setting('fupan.tenant', true))"
                        + " with check (tenant_id = current_setting('fupan.tenant', true))");
            }
        } finally {
            s.execute("reset role");
        }
    }

    /** The plugin's tables (not Flyway's history). */
    private List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        rows(c, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('r', 'p') and c.relname <> '" + HISTORY + "' order by 1",
                r -> out.add(r.getString(1)));
        return out;
    }

    private interface RowHandler {
        void row(ResultSet r) throws SQLException;
    }

    private void rows(Connection c, String sql, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    handler.row(r);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet r = ps.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
