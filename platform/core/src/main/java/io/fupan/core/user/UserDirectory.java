package io.fupan.core.user;

import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a signed-in person to the tenant's user record, creating it on first sight (Keycloak holds
 * the identity; the tenant's data needs a row to own records and belong to a team). What it learns
 * is kept for {@link #FRESH}, and dropped at once when this server changes the user, so that a
 * deactivated user is refused within seconds on every pod.
 */
@ApplicationScoped
public class UserDirectory {

    /** How long a looked-up user is trusted without asking the database again. */
    static final Duration FRESH = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 100_000;

    /** A user as sign-in needs it: who, and whether the tenant still lets them work. */
    public record KnownUser(UUID id, boolean active) {}

    private record Entry(KnownUser user, long until) {}

    @Inject
    TenantData data;

    private final Map<String, Entry> users = new ConcurrentHashMap<>();

    /** The user, if this server looked them up a moment ago (no transaction, no database). */
    public Optional<KnownUser> known(String tenantId, String username) {
        Entry entry = users.get(key(tenantId, username));
        return entry != null && System.nanoTime() - entry.until() < 0 ? Optional.of(entry.user()) : Optional.empty();
    }

    /** Drops what this server knows of a user (after a change to them). */
    public void forget(String tenantId, String username) {
        users.remove(key(tenantId, username));
    }

    /**
     * The user {@code username} of {@code tenantId}: created (active) if new; an import's placeholder
     * (an inactive owner no one has signed in as) is activated.
     */
    @InTransaction
    public KnownUser resolve(String tenantId, String username, String displayName, String email, String keycloakId) {
        var em = data.em(tenantId);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select id, active, placeholder from app_user where tenant_id = ?1 and username = ?2")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, tenantId)
                .setParameter(2, username)
                .getResultList();
        Object[] row = found.isEmpty() ? null : found.get(0);
        if (row != null && Boolean.TRUE.equals(row[2])) {
            // an import's placeholder for this person: their first sign-in makes it their user
            row = (Object[]) em.createNativeQuery("""
                            update app_user set active = true, placeholder = false,
                                keycloak_id = coalesce(keycloak_id, ?1),
                                display_name = case when display_name = username and ?2 <> '' then ?2
                                                    else display_name end,
                                updated_at = now(), version = version + 1
                            where tenant_id = ?3 and username = ?4 and placeholder
                            returning id, active""")
                    .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                    .setParameter(1, keycloakId)
                    .setParameter(2, displayName == null ? "" : displayName)
                    .setParameter(3, tenantId)
                    .setParameter(4, username)
                    .getResultList().stream().findFirst().orElse(row);
        }
        if (row == null) {
            // One statement, safe when two first requests of the same user race.
            row = (Object[]) em.createNativeQuery("""
                            insert into app_user (tenant_id, id, username, display_name, email, keycloak_id)
                            values (?1, ?2, ?3, ?4, ?5, ?6)
                            on conflict (tenant_id, username)
                            do update set keycloak_id = coalesce(app_user.keycloak_id, excluded.keycloak_id)
                            returning id, active""")
                    .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                    .setParameter(1, tenantId)
                    .setParameter(2, UUID.randomUUID())
                    .setParameter(3, username)
                    .setParameter(4, displayName == null || displayName.isBlank() ? username : displayName)
                    .setParameter(5, email)
                    .setParameter(6, keycloakId)
                    .getSingleResult();
        }
        UUID id = row[0] instanceof UUID u ? u : UUID.fromString(row[0].toString());
        KnownUser user = new KnownUser(id, Boolean.TRUE.equals(row[1]));
        if (users.size() >= MAX_CACHED) {
            users.clear();
        }
        users.put(key(tenantId, username), new Entry(user, System.nanoTime() + FRESH.toNanos()));
        return user;
    }

    private static String key(String tenantId, String username) {
        return tenantId + '\u0000' + username;
    }
}
