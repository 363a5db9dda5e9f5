package io.fupan.core.user;

import io.fupan.core.i18n.Messages;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Patch;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.fupan.core.tenancy.InTransaction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The users of the current tenant: every role may list them (to pick owners, to read names); only
 * a tenant admin changes them. Users come from sign-ins ({@link UserDirectory}) and imports.
 */
@ApplicationScoped
@InTransaction
public class UserService {

    public static final String KIND = "user";
    public static final Map<String, String> SORTABLE = Map.of(
            "username", "u.username", "displayName", "u.displayName", "createdAt", "u.createdAt");

    @Inject
    UserDirectory directory;
    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    Inputs inputs;
    @Inject
    AuditTrail audit;

    public Page<UserView> list(UserFilter filter, PageRequest page) {
        return new Jpql<>(AppUser.class, "u")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(Locale.ROOT) + "%",
                        "lower(u.username) like :q or lower(u.displayName) like :q or lower(u.email) like :q", "q")
                .whereIf(filter.teamId(), "u.teamId = :team", "team")
                .whereIf(filter.active(), "u.active = :active", "active")
                .page(data.em(), page, SORTABLE)
                .map(UserView::of);
    }

    public UserView get(UUID id) {
        return UserView.of(find(data, AppUser.class, id, KIND));
    }

    public UserView update(UUID id, long expectedVersion, Patch<UserInput> patch) {
        AppUser user = find(data, AppUser.class, id, KIND);
        requireAdmin(context);
        Inputs.requireVersion(KIND, id, expectedVersion, user.version());
        inputs.validate(patch);
        Map<String, Object> before = fields(user);
        UserInput in = patch.values();
        if (patch.has("displayName")) user.rename(in.displayName().strip());
        if (patch.has("active")) user.active(in.active());
        if (patch.has("teamId")) {
            inputs.requireExists(Team.class, in.teamId(), "teamId", "team");
            user.team(in.teamId());
        }
        data.em().flush();
        directory.forget(context.tenantId(), user.username());
        audit.updated(KIND, id, before, fields(user));
        return UserView.of(user);
    }

    /** The user or team with {@code id}, or 404 (every role sees them all). */
    static <E> E find(TenantData data, Class<E> type, UUID id, String kind) {
        E found = data.em().find(type, id);
        if (found == null) {
            throw new DomainException.NotFound(kind, id);
        }
        return found;
    }

    private static Map<String, Object> fields(AppUser u) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("displayName", u.displayName());
        f.put("active", u.active());
        f.put("teamId", u.teamId());
        return f;
    }

    static void requireAdmin(TenantContext context) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.usersAdminOnly"));
        }
    }
}
