package io.fupan.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The hand-written time format against java.time's. */
class IsoTest {

    @Test
    void format_manyTimesAndOffsets_equalsJavaTimeIsoOffsetDateTime() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
        Rng r = new Rng(1);
        int[] offsets = {0, 8 * 3600, 3600, -5 * 3600, 5 * 3600 + 1800};
        long from = OffsetDateTime.parse("1999-12-31T00:00:00Z").toEpochSecond();
        long to = OffsetDateTime.parse("2101-03-01T00:00:00Z").toEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long t = from + (long) (r.nextDouble() * (to - from));
            int offset = offsets[i % offsets.length];
            String expected = Instant.ofEpochSecond(t).atOffset(ZoneOffset.ofTotalSeconds(offset)).format(iso);
            assertThat(Iso.format(t, offset)).as("epoch second " + t + " offset " + offset).isEqualTo(expected);
        }
        assertThat(Iso.format(OffsetDateTime.parse("2024-02-29T23:59:59+08:00").toEpochSecond(), 8 * 3600))
                .isEqualTo("2024-02-29T23:59:59+08:00");
        assertThat(Iso.format(0, 0)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void dayOfWeek_knownDates_mondayIsZero() {
        assertThat(Iso.dayOfWeek(java.time.LocalDate.of(2026, 11, 30).toEpochDay())).isZero(); // a Monday
        assertThat(Iso.dayOfWeek(java.time.LocalDate.of(2026, 11, 29).toEpochDay())).isEqualTo(6); // a Sunday
    }
}
