package io.fupan.core.user;

import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.fupan.core.tenancy.InTransaction;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a signed-in person to the tenant's user record, creating it on first sight (Keycloak holds
 * the identity; the tenant's data needs a row to own records and belong to a team). Lookups are
 * kept in memory: a user's id never changes.
 */
@ApplicationScoped
public class UserDirectory {

    private static final int MAX_CACHED = 100_000;

    @Inject
    TenantData data;

    private final Map<String, UUID> ids = new ConcurrentHashMap<>();

    /** The id of {@code username} in {@code tenantId} if this server has seen the user (no transaction). */
    public java.util.Optional<UUID> known(String tenantId, String username) {
        return java.util.Optional.ofNullable(ids.get(tenantId + '\u0000' + username));
    }

    /** The id of {@code username} in {@code tenantId}, the user being created if new. */
    @InTransaction
    public UUID resolve(String tenantId, String username, String displayName, String email, String keycloakId) {
        String key = tenantId + '\u0000' + username;
        UUID cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        // One statement, safe when two first requests of the same user race.
        Object id = data.em(tenantId).createNativeQuery("""
                        insert into app_user (tenant_id, id, username, display_name, email, keycloak_id)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (tenant_id, username)
                        do update set keycloak_id = coalesce(app_user.keycloak_id, excluded.keycloak_id)
                        returning id""")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, tenantId)
                .setParameter(2, UUID.randomUUID())
                .setParameter(3, username)
                .setParameter(4, displayName == null || displayName.isBlank() ? username : displayName)
                .setParameter(5, email)
                .setParameter(6, keycloakId)
                .getSingleResult();
        UUID resolved = id instanceof UUID u ? u : UUID.fromString(id.toString());
        if (ids.size() < MAX_CACHED) {
            ids.put(key, resolved);
        }
        return resolved;
    }
}
