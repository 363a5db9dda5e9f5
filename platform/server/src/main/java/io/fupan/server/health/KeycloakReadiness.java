package io.fupan.server.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the realm's JWKS answers with keys: without them no token can be checked. The
 * answer is kept for a few seconds so that frequent probes do not become load on Keycloak.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadiness implements HealthCheck {

    private static final Duration KEEP = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksUrl;

    private volatile HealthCheckResponse last;
    private volatile Instant lastAt = Instant.MIN;

    @Override
    public HealthCheckResponse call() {
        if (Instant.now().isBefore(lastAt.plus(KEEP)) && last != null) {
            return last;
        }
        var response = HealthCheckResponse.named("keycloak").withData("jwks", jwksUrl);
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(jwksUrl)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = answer.statusCode() == 200 && answer.body().contains("\"keys\"");
            response = up ? response.up() : response.down().withData("status", answer.statusCode());
        } catch (java.io.IOException e) {
            response = response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = response.down().withData("error", "interrupted");
        }
        last = response.build();
        lastAt = Instant.now();
        return last;
    }
}
