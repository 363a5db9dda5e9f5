package io.fupan.server.startup;

import io.fupan.core.db.Migrations;
import io.fupan.core.importer.ImportJobs;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.tenant.config.TenantConfig;
import io.fupan.core.tenant.config.TenantConfigLoader;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Readies the platform before the first request: the schema is migrated, then the tenant
 * registry is seeded from the tenant-config files. A failure stops the application with one
 * line that says what is wrong and how to fix it (prefixed {@value #MARK}, which the run command
 * looks for in the server log).
 */
@ApplicationScoped
public class PlatformStartup {

    /** Marks the one-line reason of a failed start in the log. */
    public static final String MARK = "FUPAN-START-FAILED:";

    private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

    @Resource(lookup = "jdbc/fupanMigrations")
    DataSource migrationDataSource;

    @Inject
    TenantRegistry registry;

    @Inject
    io.fupan.core.tenant.InstallationConfig installation;

    @Inject
    @ConfigProperty(name = "fupan.tenant-config.dir")
    String tenantConfigDir;

    @Inject
    @ConfigProperty(name = "fupan.db.url", defaultValue = "(FUPAN_DB_URL not set)")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "fupan.db.app.user", defaultValue = "fupan_app")
    String appRole;

    private volatile boolean ready;

    // First of the start-up observers: the schema is migrated before anything (plugins) uses it.
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) @Initialized(ApplicationScoped.class) Object event) {
        Path configDir = Path.of(tenantConfigDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(configDir)) {
            throw fail("The tenant-config folder " + configDir + " does not exist. Set FUPAN_TENANT_CONFIG_DIR.");
        }
        TenantConfig config;
        try {
            config = TenantConfigLoader.load(configDir);
        } catch (RuntimeException e) {
            throw fail("tenant-config is invalid: " + e.getMessage());
        }
        try {
            var result = Migrations.migrate(migrationDataSource, appRole);
            LOG.info("Database schema at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now)");
            int interrupted = ImportJobs.failInterrupted(migrationDataSource);
            if (interrupted > 0) {
                LOG.warning(interrupted + " import jobs were interrupted by the last stop: marked failed (nothing written)");
            }
        } catch (RuntimeException | SQLException e) {
            if (causedBy(e, SQLException.class)) {
                throw fail("Cannot reach PostgreSQL at " + databaseUrl + ": " + rootMessage(e)
                        + ". Start PostgreSQL, or set FUPAN_DB_URL, FUPAN_DB_USER and FUPAN_DB_PASSWORD.");
            }
            throw fail("Database migration failed: " + rootMessage(e));
        }
        installation.set(config);
        try {
            config.tenants().forEach(registry::seed);
        } catch (RuntimeException e) {
            throw fail("Seeding the tenant registry from " + configDir + " failed: " + rootMessage(e));
        }
        ready = true;
        LOG.info("Fupan is ready: " + config.tenants().size() + " tenants from " + configDir);
    }

    /** Whether start-up finished: the schema is current and the registry seeded. */
    public boolean ready() {
        return ready;
    }

    private static IllegalStateException fail(String reason) {
        String line = MARK + " " + reason.strip().replace("\n", "; ");
        LOG.severe(line);
        return new IllegalStateException(line);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
