package io.fupan.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written parts of staging say what the general ones they replace said. */
class StagingFormatTest {

    @Test
    void appendTime_writesWhatTheFormatterWrites() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0900-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond());
            int nanos = i % 3 == 0 ? 0 : random.nextInt(1_000_000_000);
            ZoneOffset offset = i % 5 == 0 ? ZoneOffset.ofHoursMinutes(8, 30) : ZoneOffset.UTC;
            OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos).atOffset(offset);
            StringBuilder line = new StringBuilder("x");
            Staging.appendTime(line, time);
            assertThat(line.toString()).isEqualTo("x" + Staging.TIME.format(time));
        }
    }

    @Test
    void hasOffset_acceptsTheIsoOffsets_andNothingElse() {
        for (String with : new String[] {"2026-03-01T10:00:00Z", "2026-03-01T10:00z", "2026-03-01T10:00:00+08:00",
                "2026-03-01T10:00:00-0530", "2026-03-01T10:00:00.123+08", "2026-03-01T10:00-03:00"}) {
            assertThat(Row.hasOffset(with)).as(with).isTrue();
        }
        for (String without : new String[] {"2026-03-01T10:00:00", "2026-03-01T10:00", "2026-03-01 10:00:00",
                "2026-03-01T10:00:00.123456", "2026-03-01", "+08:00", "2026-03-01T10:00:0+8"}) {
            assertThat(Row.hasOffset(without)).as(without).isFalse();
        }
    }

    @Test
    void isoOffsetTime_readsWhatTheGeneralParserReads_orLeavesItToIt() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("1970-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2100-01-01T00:00:00Z").getEpochSecond());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(-18 * 4, 18 * 4 + 1)) * 900);
            OffsetDateTime time = Instant.ofEpochSecond(seconds, i % 4 == 0 ? 0 : random.nextInt(1_000_000_000))
                    .atOffset(offset);
            String text = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
            assertThat(Row.isoOffsetTime(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        for (String text : new String[] {"2026-01-09T14:41:32+08:00", "2026-01-09T14:41:32.5Z", "2026-01-09T14:41:32.123456789-03:30"}) {
            assertThat(Row.isoOffsetTime(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        for (String other : new String[] {"2026-02-30T10:00:00Z", "2026-01-09T24:00:00Z", "2026-01-09T14:41Z",
                "2026-01-09T14:41:32+0800", "2026-01-09T14:41:32+08", "2026-01-09 14:41:32Z", "2026-01-09T14:41:32.Z",
                "2026-01-09T14:41:32+19:00", "2026-1-09T14:41:32+08:00", "2026-01-09T14:41:32.1234567891Z"}) {
            assertThat(Row.isoOffsetTime(other)).as(other).isNull();
        }
    }
}
