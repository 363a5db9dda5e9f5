package io.fupan.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the database schema to the version this build expects, with Flyway, from {@code db/migration}. */
public final class Migrations {

    private Migrations() {}

    /**
     * Applies every pending migration, granting the tables to {@code appRole}, the role the
     * application works as. Safe to call at every start and from every pod at once:
     * Flyway serialises concurrent runs with a PostgreSQL advisory lock.
     */
    public static MigrateResult migrate(DataSource dataSource, String appRole) {
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("application role must be a plain PostgreSQL name, was " + appRole);
        }
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .placeholders(java.util.Map.of("appRole", appRole))
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration") // no callbacks; spares a scan of db/callback
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
