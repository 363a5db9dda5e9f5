package io.fupan.core.tenancy;

import java.util.Set;
import java.util.UUID;

/**
 * Who does the work: a user of the tenant (from a verified token), or the system itself for
 * background work and imports ({@code userId} null).
 */
public record Actor(UUID userId, String username, Set<String> roles) {

    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String SALES_MANAGER = "sales_manager";
    public static final String SALES_REP = "sales_rep";
    public static final String MARKETING = "marketing";
    public static final String VIEWER = "viewer";

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** The platform acting on its own behalf (jobs, seeding), with a tenant admin's reach. */
    public static Actor system(String name) {
        return new Actor(null, name, Set.of(TENANT_ADMIN));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(TENANT_ADMIN);
    }
}
