package io.fupan.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the database schema to the version this build expects, with Flyway, from {@code db/migration}. */
public final class Migrations {

    private Migrations() {}

    /**
     * Applies every pending migration. Safe to call at every start and from every pod at once:
     * Flyway serialises concurrent runs with a PostgreSQL advisory lock.
     */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration") // no callbacks; spares a scan of db/callback
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
