package io.fupan.server.security;

import io.fupan.core.record.Json;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.user.UserDirectory;
import io.fupan.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The front door of the API: a request passes only with a token Liberty has verified (issuer,
 * signature against the realm's keys, expiry, audience) whose tenant is known and active, or
 * whose holder is a platform operator. Everything else is a 401 problem.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TenantAuthenticationFilter implements ContainerRequestFilter {

    @Inject
    TenantRegistry registry;

    @Inject
    Caller caller;

    @Inject
    TenantContext tenantContext;

    @Inject
    UserDirectory users;

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token) || token.getRawToken() == null) {
            boolean sent = request.getHeaderString("Authorization") != null;
            request.abortWith(sent
                    ? unauthorized("invalid-token", "The access token is invalid, expired, or not issued for this"
                            + " API by this installation's Keycloak realm.")
                    : unauthorized("missing-token",
                            "This call needs an access token from Keycloak: send 'Authorization: Bearer <token>'."));
            return;
        }
        Set<String> roles = new TreeSet<>(Optional.ofNullable(token.getGroups()).orElse(Set.of()));
        roles.retainAll(Roles.ALL);
        Map<String, Object> claims = claims(token.getRawToken());
        String tenantId = string(claims, "tenant");
        if (tenantId == null || tenantId.isBlank()) {
            if (!roles.contains(Roles.PLATFORM_ADMIN)) {
                request.abortWith(unauthorized("no-tenant", "The token names no tenant (claim 'tenant')."));
                return;
            }
            String path = request.getUriInfo().getPath().replaceFirst("^/", "");
            if (!path.startsWith("admin") && !path.equals("me")) {
                // Operators work on tenants through /admin, never inside one.
                request.abortWith(Problem.of(Response.Status.FORBIDDEN, "operator-outside-tenant",
                        "Platform operators belong to no tenant; use /api/v1/admin.").toResponse());
                return;
            }
            tenantId = null;
        } else {
            Optional<RegisteredTenant> tenant = registry.find(tenantId);
            if (tenant.isEmpty()) {
                request.abortWith(unauthorized("unknown-tenant", "Tenant '" + tenantId + "' is not known."));
                return;
            }
            // The plan-limits filter, next in line, reads the tenant from here instead of looking it up again.
            request.setProperty(RegisteredTenant.class.getName(), tenant.get());
            if (!tenant.get().active()) {
                request.abortWith(unauthorized("tenant-suspended", "Tenant '" + tenantId + "' is suspended."));
                return;
            }
        }
        String username = Optional.ofNullable(string(claims, "preferred_username")).orElse(token.getName());
        String displayName = Optional.ofNullable(string(claims, "name")).orElse(username);
        String email = string(claims, "email");
        caller.set(new Caller.Identity(token.getSubject(), username, email, displayName, tenantId, Set.copyOf(roles)));
        if (tenantId != null) {
            String tenant = tenantId;
            UserDirectory.KnownUser user = users.known(tenant, username).orElseGet(() ->
                    users.resolve(tenant, username, displayName, email, token.getSubject()));
            if (!user.active()) {
                request.abortWith(unauthorized("user-deactivated", "Your user is deactivated in tenant '"
                        + tenantId + "'. Ask its admin to reactivate it."));
                return;
            }
            tenantContext.enter(tenantId, new Actor(user.id(), username, roles));
        }
    }

    /**
     * The claims of a token Liberty has verified, read from its payload: Liberty's {@code getClaim} raises
     * (and catches) an exception for every name outside MicroProfile's list, such as {@code tenant}.
     */
    private static Map<String, Object> claims(String rawToken) {
        return Json.read(new String(Base64.getUrlDecoder().decode(rawToken.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** A claim's text; a claim that is not text reads as absent. */
    private static String string(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String value ? value : null;
    }

    private static Response unauthorized(String slug, String detail) {
        return Problem.of(Response.Status.UNAUTHORIZED, slug, detail).toResponse();
    }
}
