package io.fupan.api.job;

import java.time.Duration;
import java.util.Objects;

/**
 * A job run every {@code every} for one tenant.
 *
 * @param name a name unique within the plugin, e.g. {@code scan-stalled-deals}
 * @param every the interval between runs; at least one second
 * @param task what to run
 * @since 0.1.0
 */
public record ScheduledJob(String name, Duration every, Task task) {

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a job runs at most once a second; every was " + every);
        }
    }

    /** The work of one run. */
    @FunctionalInterface
    public interface Task {
        /** Runs once; a throw is counted and logged, and the job runs again at its next time. */
        void run() throws Exception;
    }
}
