package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The second lock, tried directly: the application's database role, with no tenant set, sees no
 * row of any tenant table; with a tenant set, only that tenant's rows, and it cannot write another
 * tenant's. And the first lock under load: two tenants' concurrent requests never see each other's rows.
 */
@ExtendWith(FupanServerExtension.class)
class DatabaseIsolationIT {

    @BeforeEach
    void bothTenantsHaveAccounts(FupanStack stack) {
        send(stack, "POST", "/accounts", stack.token("admin@acme.example"), null, "{\"name\":\"Acme row\"}");
        send(stack, "POST", "/accounts", stack.token("admin@lumen.example"), null, "{\"name\":\"Lumen row\"}");
    }

    @Test
    void appRole_withoutTenant_seesNoRowOfAnyTenantTable(FupanStack stack) throws Exception {
        List<String> tables = tenantTables(stack);
        assertThat(tables).contains("account", "lead", "opportunity", "stage_history", "audit_event", "app_user");
        try (Connection app = stack.postgres().appConnection(); Statement s = app.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table + " without a tenant").isZero();
                }
            }
        }
        try (Connection owner = stack.postgres().superuserConnection();
             ResultSet rs = owner.createStatement().executeQuery("select count(*) from account")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the rows exist").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void appRole_withTenantSet_seesOnlyThatTenantsRows(FupanStack stack) throws Exception {
        try (Connection app = stack.postgres().appConnection(); Statement s = app.createStatement()) {
            s.execute("select set_config('fupan.tenant', 'acme', false)");
            for (String table : tenantTables(stack)) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + table + " where tenant_id <> 'acme'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table + " rows of other tenants").isZero();
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from account")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void appRole_withTenantSet_cannotWriteAnotherTenantsRow(FupanStack stack) throws Exception {
        try (Connection app = stack.postgres().appConnection(); Statement s = app.createStatement()) {
            s.execute("select set_config('fupan.tenant', 'acme', false)");

            assertThatThrownBy(() -> s.execute("insert into account (tenant_id, id, name) values ('lumen', gen_random_uuid(), 'smuggled')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
            assertThat(s.executeUpdate("update account set name = 'hijacked' where tenant_id = 'lumen'")).isZero();
            assertThat(s.executeUpdate("delete from account where tenant_id = 'lumen'")).isZero();
        }
    }

    @Test
    void concurrentRequestsOfTwoTenants_neverSeeEachOthersRows(FupanStack stack) throws Exception {
        String acme = stack.token("admin@acme.example");
        String lumen = stack.token("admin@lumen.example");
        Set<String> acmeIds = ConcurrentHashMap.newKeySet();
        Set<String> lumenIds = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 5; i++) {
            acmeIds.add(JSON.readTree(send(stack, "POST", "/accounts", acme, null, "{\"name\":\"concurrent-a\"}").body()).get("id").asText());
            lumenIds.add(JSON.readTree(send(stack, "POST", "/accounts", lumen, null, "{\"name\":\"concurrent-l\"}").body()).get("id").asText());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean isAcme = t % 2 == 0;
            runs.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    var page = JSON.readTree(send(stack, "GET", "/accounts?q=concurrent&size=500", isAcme ? acme : lumen,
                            null, null).body());
                    Set<String> seen = new java.util.HashSet<>();
                    page.get("items").forEach(a -> seen.add(a.get("id").asText()));
                    assertThat(seen).doesNotContainAnyElementsOf(isAcme ? lumenIds : acmeIds)
                            .containsAll(isAcme ? acmeIds : lumenIds);
                    String foreign = (isAcme ? lumenIds : acmeIds).iterator().next();
                    assertThat(send(stack, "GET", "/accounts/" + foreign, isAcme ? acme : lumen, null, null).statusCode())
                            .isEqualTo(404);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
    }

    private static List<String> tenantTables(FupanStack stack) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection owner = stack.postgres().superuserConnection();
             ResultSet rs = owner.createStatement().executeQuery("""
                     select c.table_name from information_schema.columns c
                       join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
                      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
                      order by 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
