package io.fupan.plugins.leadscoring.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * How behaviour points lose weight with age: not at all, by a half-life, or linearly by a share per
 * month (30 days) until nothing is left. Points of a future activity (clock skew) count in full.
 */
public sealed interface Decay {

    /** The factor (0..1) that points earned at {@code at} keep at {@code now}. */
    double factor(Instant at, Instant now);

    /** Points keep their value. */
    record None() implements Decay {
        @Override
        public double factor(Instant at, Instant now) {
            return 1.0;
        }
    }

    /** Points halve every {@code halfLifeDays}. */
    record HalfLife(double halfLifeDays) implements Decay {
        public HalfLife {
            if (!(halfLifeDays > 0)) {
                throw new IllegalArgumentException("halfLifeDays must be > 0, was " + halfLifeDays);
            }
        }

        @Override
        public double factor(Instant at, Instant now) {
            double days = ageDays(at, now);
            return days <= 0 ? 1.0 : Math.pow(0.5, days / halfLifeDays);
        }
    }

    /** Points lose {@code perMonth} (a share, e.g. 0.25) of their value every 30 days, down to zero. */
    record Linear(double perMonth) implements Decay {
        public Linear {
            if (!(perMonth > 0) || perMonth > 1) {
                throw new IllegalArgumentException("linearPerMonth must be in (0, 1], was " + perMonth);
            }
        }

        @Override
        public double factor(Instant at, Instant now) {
            double months = ageDays(at, now) / 30.0;
            return months <= 0 ? 1.0 : Math.max(0.0, 1.0 - perMonth * months);
        }
    }

    private static double ageDays(Instant at, Instant now) {
        return Duration.between(at, now).toMillis() / 86_400_000.0;
    }
}
