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
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The sales teams of the current tenant: every role reads them; only a tenant admin changes them. */
@ApplicationScoped
@InTransaction
public class TeamService {

    public static final String KIND = "team";
    public static final Map<String, String> SORTABLE = Map.of(
            "name", "t.name", "createdAt", "t.createdAt", "updatedAt", "t.updatedAt");

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    Inputs inputs;
    @Inject
    AuditTrail audit;

    public Page<TeamView> list(TeamFilter filter, PageRequest page) {
        return new Jpql<>(Team.class, "t")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(Locale.ROOT) + "%",
                        "lower(t.name) like :q", "q")
                .whereIf(filter.managerId(), "t.managerId = :manager", "manager")
                .page(data.em(), page, SORTABLE)
                .map(TeamView::of);
    }

    public TeamView get(UUID id) {
        return TeamView.of(UserService.find(data, Team.class, id, KIND));
    }

    public TeamView create(TeamInput input) {
        UserService.requireAdmin(context);
        inputs.validate(input);
        Team team = new Team(input.name().strip(), null);
        apply(team, new Patch<>(input, Patch.allOf(TeamInput.class)));
        EntityManager em = data.em();
        em.persist(team);
        em.flush();
        audit.created(KIND, team.id(), fields(team));
        return TeamView.of(team);
    }

    public TeamView update(UUID id, long expectedVersion, Patch<TeamInput> patch) {
        Team team = UserService.find(data, Team.class, id, KIND);
        UserService.requireAdmin(context);
        Inputs.requireVersion(KIND, id, expectedVersion, team.version());
        inputs.validate(patch);
        Map<String, Object> before = fields(team);
        apply(team, patch);
        data.em().flush();
        audit.updated(KIND, id, before, fields(team));
        return TeamView.of(team);
    }

    /** Deletes a team without members (move them to another team, or to none, first). */
    public void delete(UUID id, long expectedVersion) {
        Team team = UserService.find(data, Team.class, id, KIND);
        UserService.requireAdmin(context);
        Inputs.requireVersion(KIND, id, expectedVersion, team.version());
        EntityManager em = data.em();
        long members = em.createQuery("select count(u) from AppUser u where u.teamId = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        if (members > 0) {
            throw new DomainException.Conflict(Messages.get("team.hasMembers", team.name(), String.valueOf(members)));
        }
        audit.deleted(KIND, id, fields(team));
        em.remove(team);
    }

    private void apply(Team team, Patch<TeamInput> patch) {
        TeamInput in = patch.values();
        if (patch.has("name")) {
            String name = in.name().strip();
            boolean taken = !data.em().createQuery(
                            "select t.id from Team t where lower(t.name) = :name and t.id <> :self", UUID.class)
                    .setParameter("name", name.toLowerCase(Locale.ROOT)).setParameter("self", team.id())
                    .setMaxResults(1).getResultList().isEmpty();
            if (taken) {
                throw new DomainException.Conflict(Messages.get("team.nameTaken", name));
            }
            team.rename(name);
        }
        if (patch.has("managerId")) {
            inputs.requireUser(in.managerId(), "managerId");
            team.manager(in.managerId());
        }
    }

    private static Map<String, Object> fields(Team t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", t.name());
        f.put("managerId", t.managerId());
        return f;
    }
}
