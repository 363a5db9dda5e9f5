package io.fupan.pluginsql;

import io.fupan.api.storage.PluginTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * {@link PluginTables} over JDBC: each call (or {@link #transaction}) takes a connection of the
 * application role, binds the tenant, the plugin's role and schema and a statement timeout for the
 * rest of the call's time budget (all {@code local} to the transaction), runs the guarded statement,
 * checks after each statement that tenant and role are still the ones bound, and commits.
 */
public final class JdbcPluginTables implements PluginTables {

    private static final int FETCH = 1000;

    private final DataSource app;
    private final String tenantId;
    private final PluginSchema schema;
    private final LongSupplier remainingMillis;

    /**
     * @param app connections as the application role (not enlisted in any global transaction)
     * @param remainingMillis how long the current plugin call may still run; statements time out then
     */
    public JdbcPluginTables(DataSource app, String tenantId, PluginSchema schema, LongSupplier remainingMillis) {
        this.app = Objects.requireNonNull(app, "app");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.remainingMillis = Objects.requireNonNull(remainingMillis, "remainingMillis");
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... args) {
        StatementGuard.check(sql);
        return inTransaction(c -> new Bound(c).query(sql, args));
    }

    @Override
    public void forEach(String sql, List<?> args, Consumer<Map<String, Object>> each) {
        StatementGuard.check(sql);
        inTransaction(c -> {
            new Bound(c).forEach(sql, args, each);
            return null;
        });
    }

    @Override
    public int update(String sql, Object... args) {
        StatementGuard.check(sql);
        return inTransaction(c -> new Bound(c).update(sql, args));
    }

    @Override
    public int[] batch(String sql, List<Object[]> argLists) {
        StatementGuard.check(sql);
        return inTransaction(c -> new Bound(c).batch(sql, argLists));
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return inTransaction(c -> new Bound(c).transaction(work));
    }

    private interface OnConnection<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own, bound to the tenant, role and schema. */
    private <T> T inTransaction(OnConnection<T> work) {
        long timeout = remainingMillis.getAsLong();
        if (timeout <= 0) {
            throw new IllegalStateException("the plugin call is out of its time budget; the statement did not run");
        }
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("select set_config('fupan.tenant', ?, true),"
                        + " set_config('role', ?, true), set_config('search_path', ?, true),"
                        + " set_config('statement_timeout', ?, true)")) {
                    ps.setString(1, tenantId);
                    ps.setString(2, schema.role());
                    ps.setString(3, schema.schema());
                    ps.setString(4, Long.toString(Math.max(1, timeout)));
                    ps.execute();
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Something in the statement (a function, a trigger) must not have moved the session elsewhere. */
    private void checkBound(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select current_setting('fupan.tenant', true), current_user")) {
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                if (!tenantId.equals(r.getString(1)) || !schema.role().equals(r.getString(2))) {
                    throw new IllegalStateException("the statement changed the session's tenant or role; rolled back");
                }
            }
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if ("57014".equals(state)) {
            return new IllegalStateException("the statement ran past the plugin call's time budget and was cancelled", e);
        }
        if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"))) {
            return new IllegalArgumentException(e.getMessage(), e); // data, constraint, syntax or access: the caller's SQL
        }
        return new IllegalStateException("plugin tables: " + e.getMessage(), e);
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof Object[] array) {
                ps.setArray(i + 1, c.createArrayOf(arrayType(array), array));
            } else if (a instanceof long[] longs) {
                ps.setArray(i + 1, c.createArrayOf("bigint", java.util.Arrays.stream(longs).boxed().toArray()));
            } else if (a instanceof int[] ints) {
                ps.setArray(i + 1, c.createArrayOf("integer", java.util.Arrays.stream(ints).boxed().toArray()));
            } else if (a instanceof double[] doubles) {
                ps.setArray(i + 1, c.createArrayOf("float8", java.util.Arrays.stream(doubles).boxed().toArray()));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static String arrayType(Object[] array) {
        Class<?> type = array.getClass().getComponentType();
        if (type == UUID.class) return "uuid";
        if (type == Long.class) return "bigint";
        if (type == Integer.class) return "integer";
        if (type == Double.class) return "float8";
        if (type == java.math.BigDecimal.class) return "numeric";
        if (type == Boolean.class) return "boolean";
        if (type == OffsetDateTime.class) return "timestamptz";
        if (type == LocalDate.class) return "date";
        return "text";
    }

    private static Object value(ResultSet r, int i, int type, String typeName) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return r.getObject(i, OffsetDateTime.class);
            case Types.TIMESTAMP:
                if ("timestamptz".equals(typeName)) {
                    return r.getObject(i, OffsetDateTime.class);
                }
                Timestamp t = r.getTimestamp(i);
                return t == null ? null : t.toLocalDateTime();
            case Types.DATE:
                return r.getObject(i, LocalDate.class);
            case Types.ARRAY:
                Array a = r.getArray(i);
                return a == null ? null : a.getArray();
            default:
                Object v = r.getObject(i);
                return v instanceof org.postgresql.util.PGobject pg ? pg.getValue() : v;
        }
    }

    /** The statements of one {@link #transaction}: on its connection, guarded the same way. */
    private final class Bound implements PluginTables {
        private final Connection c;

        Bound(Connection c) {
            this.c = c;
        }

        @Override
        public List<Map<String, Object>> query(String sql, Object... args) {
            List<Map<String, Object>> rows = new ArrayList<>();
            forEach(sql, List.of(args), rows::add);
            return rows;
        }

        @Override
        public void forEach(String sql, List<?> args, Consumer<Map<String, Object>> each) {
            StatementGuard.check(sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                bind(c, ps, args.toArray());
                try (ResultSet r = ps.executeQuery()) {
                    ResultSetMetaData meta = r.getMetaData();
                    int n = meta.getColumnCount();
                    while (r.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= n; i++) {
                            row.put(meta.getColumnLabel(i), value(r, i, meta.getColumnType(i), meta.getColumnTypeName(i)));
                        }
                        each.accept(row);
                    }
                }
                checkBound(c);
            } catch (SQLException e) {
                throw translate(e);
            }
        }

        @Override
        public int update(String sql, Object... args) {
            StatementGuard.check(sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                int n = ps.executeUpdate();
                checkBound(c);
                return n;
            } catch (SQLException e) {
                throw translate(e);
            }
        }

        @Override
        public int[] batch(String sql, List<Object[]> argLists) {
            StatementGuard.check(sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] args : argLists) {
                    bind(c, ps, args);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                checkBound(c);
                return counts;
            } catch (SQLException e) {
                throw translate(e);
            }
        }

        @Override
        public <T> T transaction(Work<T> work) {
            try {
                return work.run(this); // already in one
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
