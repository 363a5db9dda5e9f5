package io.fupan.server.rest;

import io.fupan.core.i18n.Messages;
import io.fupan.core.tenant.InstallationConfig;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.config.PlanDefinition;
import io.fupan.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Optional;

/**
 * The limits of the tenant's plan (API.md "Limits"): past its request rate a 429 with Retry-After;
 * a body larger than its plan allows a 413. Runs right after the caller and tenant are known.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 50)
public class PlanLimitsFilter implements ContainerRequestFilter {

    @Inject
    InstallationConfig installation;
    @Inject
    RateLimiter rates;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(RegisteredTenant.class.getName()) instanceof RegisteredTenant tenant)) {
            return; // no tenant (an operator), or the request was already refused
        }
        Optional<PlanDefinition.Limits> limits = installation.plan(tenant.plan()).map(PlanDefinition::limits);
        if (limits.isEmpty()) {
            return;
        }
        boolean importing = request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("import");
        if (!importing && request.getLength() > limits.get().maxRequestBodyBytes()) {
            request.abortWith(Problem.of(413, "payload-too-large", "Content Too Large", Messages.get("request.planBodyLimit",
                    String.valueOf(limits.get().maxRequestBodyBytes()))).toResponse());
            return;
        }
        Optional<Duration> wait = rates.take(tenant.id(), limits.get().apiRequestsPerMinute());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problem.of(429, "rate-limited",
                            "Too Many Requests", Messages.get("request.rateLimited",
                                    String.valueOf(limits.get().apiRequestsPerMinute()), String.valueOf(seconds))).toResponse())
                    .header("Retry-After", seconds).build());
        }
    }
}
