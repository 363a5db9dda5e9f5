package io.fupan.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.testkit.PostgresExtension;
import io.fupan.testkit.stack.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(PostgresExtension.class)
class MigrationsTest {

    @Test
    void migrate_twice_appliesEachMigrationOnce(Postgres postgres) {
        var first = Migrations.migrate(dataSource(postgres), Postgres.APP_USER);
        var second = Migrations.migrate(dataSource(postgres), Postgres.APP_USER);

        assertThat(first.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(second.targetSchemaVersion).isNull();
    }

    /** Citus-readiness: every table that carries tenant_id has it first in its primary key. */
    @Test
    void migrate_everyTenantOwnedTable_leadsPrimaryKeyWithTenantId(Postgres postgres) throws SQLException {
        Migrations.migrate(dataSource(postgres), Postgres.APP_USER);
        List<String> offenders = new ArrayList<>();
        try (Connection c = postgres.superuserConnection();
             ResultSet rs = c.createStatement().executeQuery("""
                     select t.relname, a.attname
                       from pg_index i
                       join pg_class t on t.oid = i.indrelid
                       join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
                       join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
                      where i.indisprimary
                        and exists (select 1 from pg_attribute x
                                     where x.attrelid = t.oid and x.attname = 'tenant_id' and not x.attisdropped)
                     """)) {
            while (rs.next()) {
                if (!"tenant_id".equals(rs.getString(2))) {
                    offenders.add(rs.getString(1));
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private static PGSimpleDataSource dataSource(Postgres postgres) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl());
        ds.setUser(Postgres.USER);
        ds.setPassword(Postgres.PASSWORD);
        return ds;
    }
}
