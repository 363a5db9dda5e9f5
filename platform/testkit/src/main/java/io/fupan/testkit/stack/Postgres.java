package io.fupan.testkit.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from Maven Central binaries (io.zonky), holding database {@code fupan}
 * owned by role {@code fupan}. Its data folder survives a restart unless the caller asks for a
 * clean one.
 */
public final class Postgres implements AutoCloseable {

    public static final String DATABASE = "fupan";
    public static final String USER = "fupan";
    public static final String PASSWORD = "fupan";
    /** The role the server works as: owns nothing, so row-level security holds it to one tenant. */
    public static final String APP_USER = "fupan_app";
    public static final String APP_PASSWORD = "fupan_app";

    private final EmbeddedPostgres server;
    private final int port;

    private Postgres(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDir}.
     *
     * @param clean whether to wipe the data folder first (tests) or keep it (the run command)
     */
    public static Postgres start(Path dataDir, int port, boolean clean) {
        return start(dataDir, port, clean, sharedBuffers(System.getenv("FUPAN_PG_SHARED_BUFFERS")));
    }

    /** As {@link #start(Path, int, boolean)}, with {@code sharedBuffers} (as {@link #sharedBuffers} gives it) of buffer cache. */
    public static Postgres start(Path dataDir, int port, boolean clean, String sharedBuffers) {
        if (Ports.inUse(port)) {
            throw new StartupException("Port " + port + " for the embedded PostgreSQL is in use. Stop what listens"
                    + " there (another Fupan?) or set FUPAN_PG_PORT to a free port.");
        }
        try {
            if (clean) {
                Folders.delete(dataDir); // a run that was killed leaves its data behind; initdb wants an empty folder
            }
            Files.createDirectories(dataDir);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
            Postgres postgres = new Postgres(server, port);
            postgres.ensureDatabase();
            return postgres;
        } catch (IOException | SQLException e) {
            throw new StartupException("Embedded PostgreSQL did not start on port " + port + " with data in "
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The buffer cache: {@code FUPAN_PG_SHARED_BUFFERS}, else 2 GB. A re-score of a million leads works over
     * about 1.2 GB (the leads and both score tables with their keys); with 512 MB every pass read pages back
     * from the operating system and verified their checksums. PostgreSQL takes the memory as it fills it.
     */
    public static String sharedBuffers(String configured) {
        if (configured == null || configured.isBlank()) {
            return "2GB";
        }
        if (!configured.strip().matches("\\d+(kB|MB|GB)")) {
            throw new StartupException("FUPAN_PG_SHARED_BUFFERS=" + configured + " is not a size such as 512MB or 2GB.");
        }
        return configured.strip();
    }

    private void ensureDatabase() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", USER)) {
                s.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            // The schema owner creates each plugin's role (plugin tables, fupan-plugin-sql's PluginSchema).
            s.execute("alter role " + USER + " createrole");
            if (!exists(c, "select 1 from pg_roles where rolname = ?", APP_USER)) {
                s.execute("create role " + APP_USER + " login password '" + APP_PASSWORD + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", DATABASE)) {
                s.execute("create database " + DATABASE + " owner " + USER + " encoding 'UTF8' template template0");
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** A connection as the application's role, as the server makes them (row-level security applies). */
    public Connection appConnection() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), APP_USER, APP_PASSWORD);
    }

    /** A connection as the superuser, for test set-up and raw checks. */
    public Connection superuserConnection() throws SQLException {
        return server.getDatabase("postgres", DATABASE).getConnection();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
