package io.fupan.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void newId_onManyThreadsAtOnce_distinct_andIncreasingOnEachThread() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    String previous = "";
                    for (int i = 0; i < 50_000; i++) {
                        UUID id = TimeOrderedIds.newId();
                        if (id.version() != 7 || id.toString().compareTo(previous) <= 0 || !seen.add(id)) {
                            return false;
                        }
                        previous = id.toString();
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(400_000);
    }
}
