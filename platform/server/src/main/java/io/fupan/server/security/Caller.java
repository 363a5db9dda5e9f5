package io.fupan.server.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * Who is calling, for the length of one request: set once by {@link TenantAuthenticationFilter}
 * from the verified token and the tenant registry. The tenant never comes from anything the
 * caller picks (path, header, parameter): only from the token.
 */
@RequestScoped
public class Caller {

    private Identity identity;

    /** What a verified token says about its holder. {@code tenantId} is null for platform operators. */
    public record Identity(String userId, String username, String email, String displayName,
                           String tenantId, Set<String> roles) {}

    void set(Identity identity) {
        if (this.identity != null) {
            throw new IllegalStateException("caller already set for this request");
        }
        this.identity = identity;
    }

    public Identity identity() {
        if (identity == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return identity;
    }
}
