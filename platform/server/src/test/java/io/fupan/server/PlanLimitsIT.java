package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API.md "Limits": each tenant's plan sets its request rate. */
@ExtendWith(FupanServerExtension.class)
class PlanLimitsIT {

    @Test
    void requests_pastThePlansRate_are429WithRetryAfter(FupanStack stack) throws Exception {
        String operator = stack.token("operator@fupan.example");
        assertThat(send(stack, "POST", "/admin/tenants", operator, null, "{\"id\":\"busyco\",\"name\":\"Busy Co\","
                + "\"plan\":\"lite\",\"timeZone\":\"UTC\",\"currency\":\"EUR\",\"adminEmail\":\"admin@busyco.example\","
                + "\"adminPassword\":\"Secret-pass-1\"}").statusCode()).isEqualTo(201);
        String token = stack.keycloak().accessToken("admin@busyco.example", "Secret-pass-1");

        // lite: 3,000 a minute (50 a second) with ten seconds' burst (500). Eight threads ask as fast as
        // they can until the limit answers (on a slow machine that takes longer, never forever).
        List<HttpResponse<String>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        var limited = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        long deadline = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                while (!limited.get() && System.nanoTime() < deadline) {
                    HttpResponse<String> r = stack.get("/api/v1/accounts?size=1", token);
                    answers.add(r);
                    if (r.statusCode() == 429) {
                        limited.set(true);
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(limited).as("the limit answered within 90 s").isTrue();
        long allowed = answers.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(allowed).isGreaterThanOrEqualTo(500).isLessThanOrEqualTo(500 + (long) Math.ceil(50 * seconds) + 8);
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        // Another tenant is not slowed down by this one.
        assertThat(stack.get("/api/v1/accounts?size=1", stack.token("admin@lumen.example")).statusCode()).isEqualTo(200);
    }
}
