package io.fupan.server.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM has memory to work with. Dependencies are readiness, not liveness: a
 * database outage must not make Kubernetes restart every pod.
 */
@Liveness
@ApplicationScoped
public class ServerLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long max = rt.maxMemory();
        return HealthCheckResponse.named("heap")
                .withData("usedMb", used >> 20)
                .withData("maxMb", max >> 20)
                .status(used < max * 0.95)
                .build();
    }
}
