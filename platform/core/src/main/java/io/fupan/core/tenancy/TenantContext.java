package io.fupan.core.tenancy;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The tenant and actor of the current unit of work: one HTTP request (set by the server's
 * authentication filter from the token) or one background job (set by the job runner, which
 * activates a request context for it). Set once; the tenant never changes within a unit of work.
 */
@RequestScoped
public class TenantContext {

    private String tenantId;
    private Actor actor;

    public void enter(String tenantId, Actor actor) {
        if (this.tenantId != null) {
            throw new IllegalStateException("the tenant of this unit of work is already " + this.tenantId);
        }
        this.tenantId = java.util.Objects.requireNonNull(tenantId, "tenantId");
        this.actor = java.util.Objects.requireNonNull(actor, "actor");
    }

    /** @throws IllegalStateException when no tenant was entered: tenant data is out of reach */
    public String tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("no tenant in this unit of work");
        }
        return tenantId;
    }

    public Optional<String> tenantIdIfSet() {
        return Optional.ofNullable(tenantId);
    }

    public Actor actor() {
        if (actor == null) {
            throw new IllegalStateException("no actor in this unit of work");
        }
        return actor;
    }
}
