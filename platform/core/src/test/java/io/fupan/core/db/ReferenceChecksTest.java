package io.fupan.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.testkit.PostgresExtension;
import io.fupan.testkit.stack.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V20's set-based reference checks (opportunity -> account, owner, stage; stage_history ->
 * opportunity, mover) keep the rules the foreign keys kept, through the application's role: no row names
 * a record that does not exist in its tenant, a named record cannot be deleted, an opportunity takes
 * its history with it, and a delete racing a write loses.
 */
@ExtendWith(PostgresExtension.class)
class ReferenceChecksTest {

    private static final String FK_VIOLATION = "23503";

    private Postgres postgres;
    private final String tenant = "refs-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final String other = tenant + "-b";
    private final UUID account = UUID.randomUUID();
    private final UUID otherAccount = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID opportunity = UUID.randomUUID();
    private final UUID otherOpportunity = UUID.randomUUID();

    @BeforeEach
    void records(Postgres postgres) throws SQLException {
        this.postgres = postgres;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.jdbcUrl());
        ds.setUser(Postgres.USER);
        ds.setPassword(Postgres.PASSWORD);
        Migrations.migrate(ds, Postgres.APP_USER);
        try (Connection c = postgres.superuserConnection(); Statement s = c.createStatement()) {
            for (String t : new String[] {tenant, other}) {
                s.execute("insert into tenant (id, name, plan, status, time_zone, currency, locale, source) values ('" + t
                        + "', 'Refs', 'enterprise', 'active', 'UTC', 'USD', 'en', 'api')");
                s.execute("insert into pipeline_stage (tenant_id, key, position, label_zh, label_en, kind) values ('" + t
                        + "', 'lead', 1, '线索', 'Lead', 'open'), ('" + t + "', 'won', 2, '赢单', 'Won', 'won'), ('" + t
                        + "', 'spare', 3, '备用', 'Spare', 'open')");
            }
            s.execute("insert into app_user (tenant_id, id, username, display_name) values ('" + tenant + "', '" + owner
                    + "', 'rep@refs.example', 'Rep'), ('" + tenant + "', gen_random_uuid(), 'idle@refs.example', 'Idle')");
            s.execute("insert into account (tenant_id, id, name) values ('" + tenant + "', '" + account + "', 'A'), ('"
                    + other + "', '" + otherAccount + "', 'B'), ('" + tenant + "', gen_random_uuid(), 'Unused')");
            s.execute(insertOpportunity(tenant, opportunity, account, owner, "lead"));
            s.execute(insertOpportunity(other, otherOpportunity, otherAccount, null, "lead"));
            s.execute("insert into stage_history (tenant_id, id, opportunity_id, stage, entered_at) values ('" + tenant
                    + "', gen_random_uuid(), '" + opportunity + "', 'lead', now())");
        }
    }

    @Test
    void insert_namingWhatDoesNotExistInTheTenant_isRefused_andWritesNothing() throws SQLException {
        try (Connection c = app(tenant); Statement s = c.createStatement()) {
            refused(s, insertOpportunity(tenant, UUID.randomUUID(), UUID.randomUUID(), owner, "lead"));
            refused(s, insertOpportunity(tenant, UUID.randomUUID(), otherAccount, owner, "lead")); // B's account
            refused(s, insertOpportunity(tenant, UUID.randomUUID(), account, UUID.randomUUID(), "lead"));
            refused(s, insertOpportunity(tenant, UUID.randomUUID(), account, owner, "nowhere"));
            refused(s, "insert into stage_history (tenant_id, id, opportunity_id, stage, entered_at) values ('" + tenant
                    + "', gen_random_uuid(), '" + otherOpportunity + "', 'lead', now())");
            refused(s, "insert into stage_history (tenant_id, id, opportunity_id, stage, entered_at, moved_by_id) values ('"
                    + tenant + "', gen_random_uuid(), '" + opportunity + "', 'won', now(), gen_random_uuid())");
            // one bad row among many: the statement writes none of them
            refused(s, "insert into opportunity (tenant_id, id, name, account_id, currency, stage, stage_entered_at) "
                    + "select '" + tenant + "', gen_random_uuid(), 'bulk ' || g, case when g = 500 then gen_random_uuid() "
                    + "else '" + account + "'::uuid end, 'USD', 'lead', now() from generate_series(1, 1000) g");
            assertThat(count(s, "select count(*) from opportunity")).isEqualTo(1);
            // what exists is accepted, nulls name nothing
            s.execute(insertOpportunity(tenant, UUID.randomUUID(), null, null, "won"));
            assertThat(count(s, "select count(*) from opportunity")).isEqualTo(2);
        }
    }

    @Test
    void update_ofAReference_isChecked_andOtherUpdatesPass() throws SQLException {
        try (Connection c = app(tenant); Statement s = c.createStatement()) {
            refused(s, "update opportunity set stage = 'nowhere' where id = '" + opportunity + "'");
            refused(s, "update opportunity set account_id = '" + otherAccount + "' where id = '" + opportunity + "'");
            refused(s, "update opportunity set owner_id = gen_random_uuid() where id = '" + opportunity + "'");
            refused(s, "update stage_history set opportunity_id = '" + otherOpportunity + "'");
            assertThat(s.executeUpdate("update opportunity set stage = 'won', amount = 10 where id = '" + opportunity + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void delete_ofANamedRecord_isRefused_andAnOpportunityTakesItsHistory() throws SQLException {
        try (Connection c = app(tenant); Statement s = c.createStatement()) {
            refused(s, "delete from account where id = '" + account + "'");
            refused(s, "delete from app_user where id = '" + owner + "'");
            refused(s, "delete from pipeline_stage where key = 'lead'");
            assertThat(s.executeUpdate("delete from pipeline_stage where key = 'spare'")).isEqualTo(1);
            assertThat(s.executeUpdate("delete from account where name = 'Unused'")).isEqualTo(1);
            s.execute("update stage_history set moved_by_id = (select id from app_user where username = 'idle@refs.example')");
            refused(s, "delete from app_user where username = 'idle@refs.example'");
            s.execute("update stage_history set moved_by_id = '" + owner + "'");
            assertThat(s.executeUpdate("delete from app_user where username = 'idle@refs.example'")).isEqualTo(1);

            assertThat(s.executeUpdate("delete from opportunity where id = '" + opportunity + "'")).isEqualTo(1);
            assertThat(count(s, "select count(*) from stage_history")).isZero();
            assertThat(s.executeUpdate("delete from account where id = '" + account + "'")).isEqualTo(1);
        }
    }

    /** The writer locks what it names: a delete waits for it, then finds the new row and fails. */
    @Test
    void deleteRacingAnInsert_waitsForIt_andIsRefused() throws Exception {
        try (Connection writer = app(tenant); Connection deleter = app(tenant)) {
            writer.setAutoCommit(false);
            writer.createStatement().execute(insertOpportunity(tenant, UUID.randomUUID(), account, owner, "lead"));
            deleter.createStatement().execute("delete from opportunity where id = '" + opportunity + "'");
            CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> {
                try (Statement s = deleter.createStatement()) {
                    s.execute("delete from account where id = '" + account + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(delete).isNotDone(); // blocked by the writer's lock
            writer.commit();
            assertThatThrownBy(() -> delete.get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SQLException.class)
                    .rootCause().satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(FK_VIOLATION));
        }
    }

    /** A delete not yet committed makes the writer wait, and then find nothing to name. */
    @Test
    void insertRacingADelete_waitsForIt_andIsRefused() throws Exception {
        try (Connection writer = app(tenant); Connection deleter = app(tenant)) {
            deleter.setAutoCommit(false);
            deleter.createStatement().execute("delete from opportunity where id = '" + opportunity + "'");
            deleter.createStatement().execute("delete from account where id = '" + account + "'");
            CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> {
                try (Statement s = writer.createStatement()) {
                    s.execute(insertOpportunity(tenant, UUID.randomUUID(), account, owner, "lead"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(insert).isNotDone();
            deleter.commit();
            assertThatThrownBy(() -> insert.get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SQLException.class)
                    .rootCause().satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(FK_VIOLATION));
        }
    }

    private Connection app(String tenantId) throws SQLException {
        Connection c = postgres.appConnection();
        try (Statement s = c.createStatement()) {
            s.execute("select set_config('fupan.tenant', '" + tenantId + "', false)");
        }
        return c;
    }

    private static String insertOpportunity(String tenantId, UUID id, UUID accountId, UUID ownerId, String stage) {
        return "insert into opportunity (tenant_id, id, name, account_id, owner_id, currency, stage, stage_entered_at) values ('"
                + tenantId + "', '" + id + "', 'Deal', " + (accountId == null ? "null" : "'" + accountId + "'") + ", "
                + (ownerId == null ? "null" : "'" + ownerId + "'") + ", 'USD', '" + stage + "', now())";
    }

    private static void refused(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(FK_VIOLATION));
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
