package io.fupan.core.record;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then 62 random
 * bits; increasing within one generator. Every record gets such an id ({@link #newId()}), and an
 * import one generator of its own, so that new rows land at the right end of each primary-key index
 * (and of the indexes keyed by these ids, such as the stage history's by opportunity) instead of at
 * random pages: the difference between a bulk insert that stays in memory and one that rewrites the
 * whole index. Unlike {@link UUID#randomUUID()}, an id costs no read of the system's strong random
 * source under its lock (which every request paid for each record it read: JPA builds an entity
 * through the constructor that gives a new record its id).
 */
public final class TimeOrderedIds {

    private static final ThreadLocal<TimeOrderedIds> PER_THREAD = ThreadLocal.withInitial(TimeOrderedIds::new);

    // seeded from the system's strong source; the 62 random bits of each id only keep ids of
    // generators running at once apart, which needs no cryptographic generator per id
    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private long millis;
    private int counter;

    /** A new id from this thread's generator: increasing on this thread, distinct across threads. */
    public static UUID newId() {
        return PER_THREAD.get().next();
    }

    public UUID next() {
        long now = System.currentTimeMillis();
        if (now > millis) {
            millis = now;
            counter = random.nextInt(1 << 10);
        } else if (++counter >= 1 << 12) {
            millis++; // more than ~3,000 ids in one millisecond: borrow the next one, keeping the order
            counter = 0;
        }
        long high = (millis << 16) | (0x7L << 12) | counter;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
