package io.fupan.server.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's request rate, as its plan allows: a token bucket per tenant that refills at the
 * plan's requests per minute and holds ten seconds' worth for bursts. Kept per server, so with N
 * pods a tenant may reach N times its rate: a shared limit belongs to the gateway in front.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Empty when the request may go on; else how long to wait before the next one. */
    public Optional<Duration> take(String tenantId, int perMinute) {
        return buckets.computeIfAbsent(tenantId, t -> new Bucket()).take(perMinute, System.nanoTime());
    }

    static final class Bucket {
        private double tokens = -1;
        private long last;

        synchronized Optional<Duration> take(int perMinute, long now) {
            double perNano = perMinute / 60e9;
            double capacity = Math.max(1, perMinute / 6.0);
            tokens = tokens < 0 ? capacity : Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
