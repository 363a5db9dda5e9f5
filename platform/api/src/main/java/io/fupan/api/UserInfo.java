package io.fupan.api;

import java.util.Set;
import java.util.UUID;

/**
 * The user on whose behalf a plugin is called (a REST call); background work (events, jobs) has none.
 *
 * @param id the user's id in the tenant
 * @param username the sign-in name (an e-mail address)
 * @param roles {@code tenant_admin}, {@code sales_manager}, {@code sales_rep}, {@code marketing}, {@code viewer}
 * @since 0.1.0
 */
public record UserInfo(UUID id, String username, Set<String> roles) {

    public UserInfo {
        roles = Set.copyOf(roles);
    }

    /** Whether the user holds {@code role}. */
    public boolean has(String role) {
        return roles.contains(role);
    }
}
