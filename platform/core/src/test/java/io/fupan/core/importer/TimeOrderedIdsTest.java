package io.fupan.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void next_manyInARow_areVersion7_distinct_andIncreasingAsPostgresComparesThem() {
        TimeOrderedIds ids = new TimeOrderedIds();
        Set<UUID> seen = new HashSet<>();
        String previous = "";
        long before = System.currentTimeMillis();
        for (int i = 0; i < 200_000; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            // PostgreSQL orders uuid values by their bytes, as the lower-case text form sorts
            assertThat(id.toString().compareTo(previous)).isPositive();
            previous = id.toString();
            assertThat(seen.add(id)).isTrue();
        }
        long millis = UUID.fromString(previous).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, System.currentTimeMillis() + 1_000);
    }
}
