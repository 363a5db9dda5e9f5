package io.fupan.plugins.review;

import io.fupan.api.PluginConfig;
import io.fupan.api.PluginContext;
import io.fupan.api.TenantInfo;
import io.fupan.api.data.Changes;
import io.fupan.api.data.Pipeline;
import io.fupan.api.data.Records;
import io.fupan.api.i18n.Messages;
import io.fupan.api.storage.PluginStorage;
import io.fupan.api.storage.PluginTables;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL for the plugin's SQL while the plugin testkit's {@code tables()} is not there yet:
 * an embedded server, the plugin's own migrations run by Flyway into a schema of their own, and a
 * plain-JDBC stand-in of {@link PluginTables} (one connection per call, {@code tenant_id} filled by a
 * column default, as the host fills it). Test scaffolding only: to be replaced by the testkit's tables
 * when they land; the host's rules (one statement, row-level security) are not checked here.
 */
final class TestDatabase implements AutoCloseable {

    private final Postgres postgres;
    private final String schema;

    private TestDatabase(Postgres postgres, String schema) {
        this.postgres = postgres;
        this.schema = schema;
    }

    static TestDatabase start(String tenant) throws Exception {
        Path dir = Files.createTempDirectory("review-dashboards-pg");
        Postgres pg = Postgres.start(dir, Ports.free(), true);
        String schema = "review_dashboards";
        Flyway.configure().dataSource(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD).schemas(schema)
                .locations("classpath:db/review-dashboards").load().migrate();
        try (Connection c = DriverManagerHolder.connect(pg); Statement s = c.createStatement()) {
            for (String table : List.of("rd_opportunity", "rd_stage_entry", "rd_entry_week")) {
                s.execute("alter table " + schema + "." + table + " alter column tenant_id set default '" + tenant + "'");
            }
        }
        return new TestDatabase(pg, schema);
    }

    Connection connect() throws SQLException {
        Connection c = DriverManagerHolder.connect(postgres);
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
        }
        return c;
    }

    /** {@code context} with these tables as its {@code tables()}. */
    PluginContext around(PluginContext context) {
        PluginTables tables = tables();
        return new PluginContext() {
            @Override public String pluginId() { return context.pluginId(); }
            @Override public String version() { return context.version(); }
            @Override public TenantInfo tenant() { return context.tenant(); }
            @Override public Optional<String> edition() { return context.edition(); }
            @Override public PluginConfig config() { return context.config(); }
            @Override public Records records() { return context.records(); }
            @Override public Changes changes() { return context.changes(); }
            @Override public Pipeline pipeline() { return context.pipeline(); }
            @Override public PluginStorage storage() { return context.storage(); }
            @Override public PluginTables tables() { return tables; }
            @Override public Messages messages() { return context.messages(); }
        };
    }

    PluginTables tables() {
        return new JdbcTables(null);
    }

    @Override
    public void close() {
        postgres.close();
    }

    private static final class DriverManagerHolder {
        static Connection connect(Postgres pg) throws SQLException {
            return java.sql.DriverManager.getConnection(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
        }
    }

    private final class JdbcTables implements PluginTables {
        private final Connection tx; // non-null inside transaction()

        JdbcTables(Connection tx) {
            this.tx = tx;
        }

        private <T> T with(SqlWork<T> work) {
            try {
                if (tx != null) {
                    return work.run(tx);
                }
                try (Connection c = connect()) {
                    return work.run(c);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public List<Map<String, Object>> query(String sql, Object... args) {
            List<Map<String, Object>> rows = new ArrayList<>();
            forEach(sql, List.of(args), rows::add);
            return rows;
        }

        @Override
        public void forEach(String sql, List<?> args, Consumer<Map<String, Object>> each) {
            with(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(c, ps, args.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                String type = md.getColumnTypeName(i);
                                Object v = switch (type) {
                                    case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
                                    case "date" -> rs.getObject(i, LocalDate.class);
                                    default -> rs.getObject(i);
                                };
                                row.put(md.getColumnLabel(i), v);
                            }
                            each.accept(row);
                        }
                    }
                }
                return null;
            });
        }

        @Override
        public int update(String sql, Object... args) {
            return with(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bind(c, ps, args);
                    return ps.executeUpdate();
                }
            });
        }

        @Override
        public int[] batch(String sql, List<Object[]> argLists) {
            return with(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (Object[] args : argLists) {
                        bind(c, ps, args);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        }

        @Override
        public <T> T transaction(Work<T> work) {
            if (tx != null) {
                try {
                    return work.run(this);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(new JdbcTables(c));
                    c.commit();
                    return result;
                } catch (Exception e) {
                    c.rollback();
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof UUID[] ids) {
                    Array arr = c.createArrayOf("uuid", ids);
                    ps.setArray(i + 1, arr);
                } else if (a instanceof String[] texts) {
                    ps.setArray(i + 1, c.createArrayOf("text", texts));
                } else {
                    ps.setObject(i + 1, a);
                }
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
