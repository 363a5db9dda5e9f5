package io.fupan.core.record;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one clock of the platform: UTC, in microseconds, because PostgreSQL keeps microseconds and a
 * time a write returns must equal what a later read shows.
 */
public final class Times {

    private Times() {}

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A {@code timestamptz} column of a native query (the JDBC driver's type varies), in UTC. */
    public static OffsetDateTime of(Object column) {
        if (column instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (column instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + (column == null ? null : column.getClass()));
    }
}
