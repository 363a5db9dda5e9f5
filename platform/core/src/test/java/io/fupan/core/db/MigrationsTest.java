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

    /** Delivered events past the retention go (with their deliveries); pending, dead and recent ones stay. */
    @Test
    void outboxPruning_removesOnlyOldFullyDeliveredEvents(Postgres postgres) throws SQLException {
        Migrations.migrate(dataSource(postgres), Postgres.APP_USER);
        try (Connection c = postgres.superuserConnection(); var s = c.createStatement()) {
            s.execute("insert into tenant (id, name, plan, status, time_zone, currency, locale, source) values"
                    + " ('prune-t', 'Prune', 'enterprise', 'active', 'UTC', 'USD', 'en', 'api') on conflict do nothing");
            s.execute("delete from event_outbox where tenant_id = 'prune-t'");
            // seq 1: old, delivered; 2: old, dead; 3: old, pending; 4: recent, delivered; 5: old, nobody listened
            s.execute("insert into event_outbox (tenant_id, type, record_id, occurred_at, payload, fanned_out, created_at)"
                    + " select 'prune-t', 'lead.created', gen_random_uuid(), now(), '{}', true,"
                    + " case when g = 4 then now() else now() - interval '30 days' end from generate_series(1, 5) g");
            s.execute("insert into event_delivery (tenant_id, seq, plugin_id, record_id, status)"
                    + " select o.tenant_id, o.seq, 'p', o.record_id, (array['delivered', 'dead', 'pending', 'delivered'])[r]"
                    + " from (select *, row_number() over (order by seq) r from event_outbox where tenant_id = 'prune-t') o"
                    + " where r <= 4");
        }
        try (Connection app = postgres.appConnection(); var s = app.createStatement()) {
            ResultSet pruned = s.executeQuery("select event_outbox_prune(interval '7 days', 1000)");
            pruned.next();
            assertThat(pruned.getLong(1)).isEqualTo(2);
        }
        try (Connection c = postgres.superuserConnection(); var s = c.createStatement();
             ResultSet left = s.executeQuery("select d.status from event_outbox o left join event_delivery d"
                     + " on d.tenant_id = o.tenant_id and d.seq = o.seq where o.tenant_id = 'prune-t' order by o.seq")) {
            List<String> statuses = new ArrayList<>();
            while (left.next()) {
                statuses.add(left.getString(1));
            }
            assertThat(statuses).containsExactly("dead", "pending", "delivered");
        }
    }

    private static PGSimpleDataSource dataSource(Postgres postgres) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl());
        ds.setUser(Postgres.USER);
        ds.setPassword(Postgres.PASSWORD);
        return ds;
    }
}
