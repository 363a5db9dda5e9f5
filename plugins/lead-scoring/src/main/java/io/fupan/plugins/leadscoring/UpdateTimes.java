package io.fupan.plugins.leadscoring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest update times of an instance (event receipt to score stored, per lead), in a ring of fixed
 * size, for {@code GET stats}: how long the plugin takes from an {@code activity.recorded} (or a lead
 * event) to the lead's new score in the core, on this server, under its real load.
 */
final class UpdateTimes {

    private final long[] ring;
    private long count;

    UpdateTimes(int size) {
        ring = new long[size];
    }

    synchronized void add(long nanos) {
        ring[(int) (count % ring.length)] = nanos;
        count++;
    }

    /** {@code count} (all time), {@code window} (the latest ones summarised), p50/p90/p99/max in ms. */
    synchronized Map<String, Object> summary() {
        int n = (int) Math.min(count, ring.length);
        long[] sorted = Arrays.copyOf(ring, n);
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        out.put("window", n);
        if (n > 0) {
            out.put("p50Ms", ms(sorted[percentile(n, 0.50)]));
            out.put("p90Ms", ms(sorted[percentile(n, 0.90)]));
            out.put("p99Ms", ms(sorted[percentile(n, 0.99)]));
            out.put("maxMs", ms(sorted[n - 1]));
        }
        return out;
    }

    /** Nearest-rank percentile index. */
    static int percentile(int n, double p) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(p * n) - 1));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Forgets every time (after a benchmark's warm-up). */
    synchronized void reset() {
        count = 0;
    }
}
