package io.fupan.pluginsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.api.storage.PluginTables;
import io.fupan.testkit.PostgresExtension;
import io.fupan.testkit.stack.Postgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** Plugin tables on a real PostgreSQL: the migrations' checks, tenant isolation, and the fences. */
@ExtendWith(PostgresExtension.class)
class PluginTablesTest {

    private static DataSource owner;
    private static DataSource app;
    private static final PluginSchema GOOD = PluginSchema.of("tables-good");

    @BeforeAll
    static void migrate(Postgres postgres) throws Exception {
        owner = dataSource(postgres, Postgres.USER, Postgres.PASSWORD);
        app = dataSource(postgres, Postgres.APP_USER, Postgres.APP_PASSWORD);
        try (Connection c = postgres.superuserConnection(); Statement s = c.createStatement()) {
            s.execute("alter role " + Postgres.USER + " createrole");
            // A core table the application role may read, and a function anyone may call that moves the tenant.
            s.execute("create table if not exists public.core_secret (tenant_id text, secret text)");
            s.execute("grant select on public.core_secret to " + Postgres.APP_USER);
            s.execute("create or replace function public.sneaky() returns text language sql"
                    + " as $$ select set_config('fupan.tenant', 'b', true) $$");
            s.execute("grant execute on function public.sneaky() to public");
        }
        int ran = GOOD.migrate(owner, "classpath:plugin-db/good", PluginTablesTest.class.getClassLoader(), Postgres.APP_USER);
        assertThat(ran).isIn(0, 2);
        assertThat(GOOD.migrate(owner, "classpath:plugin-db/good", PluginTablesTest.class.getClassLoader(),
                Postgres.APP_USER)).as("a second run finds nothing to do").isZero();
    }

    private static DataSource dataSource(Postgres postgres, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres.jdbcUrl());
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    private static PluginTables tables(String tenant) {
        return new JdbcPluginTables(app, tenant, GOOD, () -> 5_000);
    }

    @Test
    void eachTenantSeesItsOwnRows_andNeverNamesItself() {
        PluginTables a = tables("a");
        PluginTables b = tables("b");
        a.update("delete from fact");
        b.update("delete from fact");
        a.batch("insert into fact (id, label, amount, at, day) values (?, ?, ?, ?, ?)", List.of(
                new Object[] {1L, "x", new BigDecimal("10.50"), OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                        java.time.LocalDate.of(2026, 1, 2)},
                new Object[] {2L, "y", null, null, null}));
        b.update("insert into fact (id, label) values (?, ?)", 1L, "b's");

        List<Map<String, Object>> rows = a.query("select tenant_id, id, label, amount, at, day from fact order by id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("tenant_id", "a").containsEntry("label", "x")
                .containsEntry("amount", new BigDecimal("10.50"))
                .containsEntry("at", OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))
                .containsEntry("day", java.time.LocalDate.of(2026, 1, 2));
        assertThat(b.query("select label from fact")).containsExactly(Map.of("label", "b's"));
        assertThat(a.query("select count(*) as n from fact where id = any(?)", (Object) new Long[] {1L, 2L, 3L}))
                .containsExactly(Map.of("n", 2L));

        assertThatThrownBy(() -> a.update("insert into fact (tenant_id, id) values ('b', 99)"))
                .as("row-level security refuses a row of another tenant").isInstanceOf(IllegalArgumentException.class);
        assertThat(a.update("update fact set label = 'mine' where tenant_id = 'b'")).isZero();
    }

    @Test
    void forEach_streams_andTransactionsCommitTogetherOrNotAtAll() {
        PluginTables t = tables("stream");
        t.update("delete from fact");
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 2500; i++) {
            rows.add(new Object[] {i, "l" + (i % 7)});
        }
        t.batch("insert into fact (id, label) values (?, ?)", rows);
        long[] seen = {0};
        t.forEach("select id from fact order by id", List.of(), r -> seen[0]++);
        assertThat(seen[0]).isEqualTo(2500);

        assertThatThrownBy(() -> t.transaction(tx -> {
            tx.update("delete from fact where id < 1000");
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");
        assertThat(t.query("select count(*) as n from fact")).containsExactly(Map.of("n", 2500L));
        int deleted = t.transaction(tx -> tx.update("delete from fact where id < 1000"));
        assertThat(deleted).isEqualTo(1000);
        assertThat(t.query("select count(*) as n from fact")).containsExactly(Map.of("n", 1500L));
    }

    @Test
    void fences_coreTables_sessionChanges_andTheBudget() {
        PluginTables t = tables("a");
        assertThatThrownBy(() -> t.query("select * from public.core_secret"))
                .as("the plugin role reaches its own schema only").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> t.query("select set_config('fupan.tenant', 'b', true)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set_config");
        assertThatThrownBy(() -> t.query("select public.sneaky(), count(*) from fact"))
                .as("a function that moves the tenant is caught after the statement")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tenant or role");
        assertThatThrownBy(() -> t.query("select * into fact_copy from fact")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdbcPluginTables(app, "a", GOOD, () -> 200)
                .query("select count(*) from generate_series(1, 100000000)"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("time budget");
        assertThatThrownBy(() -> new JdbcPluginTables(app, "a", GOOD, () -> 0).query("select 1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void migrationsThatBreakTheRules_areRefusedWithTheReason() {
        ClassLoader loader = PluginTablesTest.class.getClassLoader();
        assertThatThrownBy(() -> PluginSchema.of("tables-bad-first").migrate(owner, "classpath:plugin-db/bad-first-column",
                loader, Postgres.APP_USER)).isInstanceOf(PluginSchema.Refused.class)
                .hasMessageContaining("table loose: its first column must be tenant_id text not null");
        assertThatThrownBy(() -> PluginSchema.of("tables-bad-index").migrate(owner, "classpath:plugin-db/bad-index",
                loader, Postgres.APP_USER)).isInstanceOf(PluginSchema.Refused.class)
                .hasMessageContaining("index t_label on t: tenant_id must be its first column");
        assertThatThrownBy(() -> PluginSchema.of("tables-bad-function").migrate(owner, "classpath:plugin-db/bad-function",
                loader, Postgres.APP_USER)).isInstanceOf(PluginSchema.Refused.class)
                .hasMessageContaining("function t_leak");
    }

    @Test
    void migrationsRunAsThePluginRole_soTheyCannotTouchCoreTables() throws SQLException {
        assertThatThrownBy(() -> PluginSchema.of("tables-evil").migrate(owner, "classpath:plugin-db/evil",
                PluginTablesTest.class.getClassLoader(), Postgres.APP_USER))
                .isInstanceOf(PluginSchema.Refused.class).hasMessageContaining("permission denied");
    }
}
