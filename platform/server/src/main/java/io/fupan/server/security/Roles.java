package io.fupan.server.security;

import java.util.Set;

/** The realm roles of DESIGN.md, as they arrive in the token's {@code groups} claim. */
public final class Roles {
    public static final String TENANT_ADMIN = "tenant_admin";
    public static final String SALES_MANAGER = "sales_manager";
    public static final String SALES_REP = "sales_rep";
    public static final String MARKETING = "marketing";
    public static final String VIEWER = "viewer";
    public static final String PLATFORM_ADMIN = "platform_admin";

    /** Roles that act inside one tenant. */
    public static final Set<String> TENANT_ROLES = Set.of(TENANT_ADMIN, SALES_MANAGER, SALES_REP, MARKETING, VIEWER);
    public static final Set<String> ALL = Set.of(
            TENANT_ADMIN, SALES_MANAGER, SALES_REP, MARKETING, VIEWER, PLATFORM_ADMIN);

    private Roles() {}
}
