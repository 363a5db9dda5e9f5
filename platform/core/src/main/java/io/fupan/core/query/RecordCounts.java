package io.fupan.core.query;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import java.util.Set;

/**
 * The tenant's number of records of each kind whose table PostgreSQL counts as rows come and go
 * (migration V25, table {@code record_count}): a list without conditions reads its total here
 * instead of counting the tenant's records on every page.
 */
public final class RecordCounts {

    /** The tables with V25's {@code counted} trigger. */
    public static final Set<String> TABLES = Set.of("lead", "account", "contact", "opportunity", "activity");

    /** What a bulk writer sets ({@code fupan.rows_counted}) for its transaction to count its inserts itself, once per statement. */
    public static final String COUNTED_BY_STATEMENT = "set_config('fupan.rows_counted', 'by statement', true)";

    /** Adds {@code ?2} rows to the count of table {@code ?1} in the transaction's tenant. */
    public static final String ADD = "select record_count_add(current_setting('fupan.tenant'), ?, ?)";

    private RecordCounts() {}

    /** The table of {@code type} if PostgreSQL keeps its count, else null. */
    public static String table(Class<?> type) {
        Table table = type.getAnnotation(Table.class);
        return table != null && TABLES.contains(table.name()) ? table.name() : null;
    }

    /** The number of records of {@code table} (one of {@link #TABLES}) in the tenant of the current transaction. */
    public static long total(EntityManager em, String table) {
        return ((Number) em.createNativeQuery("select coalesce(sum(n), 0) from record_count"
                        + " where tenant_id = current_setting('fupan.tenant', true) and kind = ?1")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, table)
                .getSingleResult()).longValue();
    }
}
