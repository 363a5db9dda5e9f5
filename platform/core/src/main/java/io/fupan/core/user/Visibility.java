package io.fupan.core.user;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Jpql;
import io.fupan.core.record.Inputs;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;

/**
 * Who sees which sales records, as API.md says: a tenant admin and a viewer see all of the tenant
 * (the viewer only reads); a manager sees what the members of the teams they manage own, and what
 * nobody owns; a rep sees their own records and those their teammates shared with the team;
 * marketing sees leads (and the activities on them). Records out of sight are "not found", never
 * "forbidden", so nothing leaks their existence.
 */
@ApplicationScoped
public class Visibility {

    @Inject
    TenantContext context;

    /** Whether the caller's role reaches records of {@code kind} at all (else lists answer 403). */
    public boolean reaches(RecordKind kind) {
        Actor actor = context.actor();
        if (actor.isAdmin() || actor.has(Actor.VIEWER) || actor.has(Actor.SALES_MANAGER) || actor.has(Actor.SALES_REP)) {
            return true;
        }
        return actor.has(Actor.MARKETING) && (kind == RecordKind.LEAD || kind == RecordKind.ACTIVITY);
    }

    public void requireReach(RecordKind kind) {
        if (!reaches(kind)) {
            throw new DomainException.Forbidden(Messages.get("access.kindNotReached", Messages.kind(kind.label())));
        }
    }

    /**
     * Limits {@code query} (whose records have {@code ownerId} and, unless an activity, {@code shared})
     * to what the caller sees.
     */
    public <E> Jpql<E> restrict(Jpql<E> query, String alias, RecordKind kind) {
        requireReach(kind);
        Actor actor = context.actor();
        if (actor.isAdmin() || actor.has(Actor.VIEWER)) {
            return query;
        }
        if (actor.has(Actor.MARKETING) && !actor.has(Actor.SALES_MANAGER) && !actor.has(Actor.SALES_REP)) {
            return kind == RecordKind.ACTIVITY ? query.where(alias + ".leadId is not null") : query;
        }
        String owner = alias + ".ownerId";
        if (actor.has(Actor.SALES_MANAGER)) {
            return query.where(owner + " is null or " + owner + " = :visMe or " + owner + " in (select vu.id from"
                    + " AppUser vu where vu.teamId in (select vt.id from Team vt where vt.managerId = :visMe))",
                    "visMe", actor.userId());
        }
        String teamShared = kind == RecordKind.ACTIVITY ? "" : " or (" + alias + ".shared = true and " + owner
                + " in (select vu.id from AppUser vu where vu.teamId is not null and vu.teamId ="
                + " (select vm.teamId from AppUser vm where vm.id = :visMe)))";
        return query.where(owner + " = :visMe" + teamShared, "visMe", actor.userId());
    }

    /** The record of {@code type} with {@code id} if the caller sees it (the list's conditions), else 404. */
    public <E> E require(Class<E> type, RecordKind kind, UUID id, EntityManager em) {
        return restrict(new Jpql<>(type, "r").where("r.id = :id", "id", id), "r", kind).single(em)
                .orElseThrow(() -> new DomainException.NotFound(kind.label(), id));
    }

    /**
     * The record for a write against {@code expectedVersion}: 404 unless the caller sees it, 412 unless
     * it is at that version, 403 unless the caller may write it.
     */
    public <E extends OwnedRecord> E requireWritable(Class<E> type, RecordKind kind, UUID id, long expectedVersion,
                                                     EntityManager em) {
        E record = require(type, kind, id, em);
        Inputs.requireVersion(kind.label(), id, expectedVersion, record.version());
        requireWrite(kind, record.ownerId());
        return record;
    }

    /** The owner of a new record: the one asked for, else the caller; 403 unless the caller may write it. */
    public UUID requireNewOwner(RecordKind kind, UUID requested) {
        UUID owner = requested != null ? requested : context.actor().userId();
        requireWrite(kind, owner);
        return owner;
    }

    /** Writes: viewers never; reps only their own records; the others what they see. */
    public void requireWrite(RecordKind kind, UUID ownerId) {
        Actor actor = context.actor();
        if (actor.has(Actor.VIEWER) && !actor.isAdmin() && !actor.has(Actor.SALES_MANAGER)
                && !actor.has(Actor.SALES_REP) && !actor.has(Actor.MARKETING)) {
            throw new DomainException.Forbidden(Messages.get("access.viewerReadOnly"));
        }
        if (actor.has(Actor.SALES_REP) && !actor.isAdmin() && !actor.has(Actor.SALES_MANAGER)
                && ownerId != null && !ownerId.equals(actor.userId())) {
            throw new DomainException.Forbidden(Messages.get("access.ownerOnly", Messages.kind(kind.label())));
        }
    }
}
