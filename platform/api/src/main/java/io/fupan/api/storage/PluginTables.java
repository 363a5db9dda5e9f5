package io.fupan.api.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SQL over the plugin's own tables, for plugins whose state is relational or large (facts to
 * aggregate, histories, models). The tables are created by the plugin's migrations
 * ({@code Fupan-Migrations} in its descriptor: a folder of Flyway scripts {@code V<n>__<what>.sql} in
 * the jar), which the host runs in the plugin's own database schema before the plugin loads.
 *
 * <p>Rules the host enforces:
 * <ul>
 *   <li>Every table's first column is {@code tenant_id text not null}, first in its primary key and in
 *       every index; the host fills it with the current tenant by default, and row-level security
 *       keeps each statement to the rows of this instance's tenant. Statements never name the tenant.</li>
 *   <li>A statement runs with the plugin's schema as its search path, as a database role that can
 *       reach that schema only: not the core tables, not another plugin's tables.</li>
 *   <li>One statement per call: {@code select}, {@code with}, {@code insert}, {@code update},
 *       {@code delete} or {@code values}; parameters are {@code ?}. Settings, roles, {@code set_config},
 *       server functions ({@code pg_*}, {@code dblink*}, {@code lo_*}) are refused.</li>
 *   <li>Each call is its own transaction unless it runs inside {@link #transaction}; a statement is
 *       cancelled when the plugin call that issued it runs out of its time budget.</li>
 * </ul>
 *
 * <p>Values bind and come back as JDBC does for PostgreSQL, with {@code timestamptz} as
 * {@link java.time.OffsetDateTime}, {@code date} as {@link java.time.LocalDate}, {@code numeric} as
 * {@link java.math.BigDecimal}, {@code uuid} as {@link java.util.UUID}; arrays bind from Java arrays.
 * Rows are maps from column label to value, in select order.
 *
 * @since 0.2.0
 */
public interface PluginTables {

    /** The rows of a query; for large results use {@link #forEach}. */
    List<Map<String, Object>> query(String sql, Object... args);

    /** Each row of a query, read from the database in chunks, without holding them all. */
    void forEach(String sql, List<?> args, Consumer<Map<String, Object>> each);

    /** Runs an {@code insert}, {@code update} or {@code delete}; the number of rows it touched. */
    int update(String sql, Object... args);

    /** Runs one statement once per argument list, in one round trip per chunk; rows touched per list. */
    int[] batch(String sql, List<Object[]> argLists);

    /**
     * Runs {@code work} in one transaction: every statement it issues through the {@code PluginTables}
     * it is given commits together, or none does (a throw rolls back and is rethrown).
     */
    <T> T transaction(Work<T> work);

    /** Statements to run together; see {@link #transaction}. */
    @FunctionalInterface
    interface Work<T> {
        T run(PluginTables tx) throws Exception;
    }
}
