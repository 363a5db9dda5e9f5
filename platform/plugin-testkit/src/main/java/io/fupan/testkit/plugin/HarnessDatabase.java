package io.fupan.testkit.plugin;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL behind {@link PluginHarness#tables()}: one embedded server per test JVM (started
 * on first use, stopped at exit), a fresh database per harness, and an application role that owns
 * nothing, as on the server.
 */
final class HarnessDatabase {

    static final String APP_ROLE = "fupan_app";
    private static final String APP_PASSWORD = "fupan_app";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String name;

    private HarnessDatabase(String name) {
        this.name = name;
    }

    /** A new, empty database. */
    static synchronized HarnessDatabase create() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // exiting anyway
                    }
                }, "plugin-harness-postgres-stop"));
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create role " + APP_ROLE + " login password '" + APP_PASSWORD + "'");
                }
            }
            String name = "harness_" + DATABASES.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return new HarnessDatabase(name);
        } catch (IOException e) {
            throw new UncheckedIOException("the harness's embedded PostgreSQL did not start: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the harness's embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Connections as the superuser: the owner that runs migrations. */
    DataSource owner() {
        return server.getDatabase("postgres", name);
    }

    /** Pooled connections as the application role: what plugin statements run through. */
    DataSource app() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + server.getPort() + "/" + name);
        ds.setUser(APP_ROLE);
        ds.setPassword(APP_PASSWORD);
        return new PooledDataSource(ds);
    }
}
