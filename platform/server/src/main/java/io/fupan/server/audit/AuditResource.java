package io.fupan.server.audit;

import io.fupan.core.i18n.Messages;
import io.fupan.core.audit.AuditEvent;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Page;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.server.rest.ListParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.fupan.core.tenancy.InTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /audit}: who changed which field of which record, when, from what to what (tenant admins). */
@Path("/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail audit;
    @Inject
    TenantContext context;

    public record AuditEventView(OffsetDateTime at, String actor, String entityType, UUID entityId, String action,
                                 String field, String oldValue, String newValue) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.at(), e.actor(), e.entityType(), e.entityId(), e.action(), e.field(),
                    e.oldValue(), e.newValue());
        }
    }

    @GET
    @InTransaction
    @Operation(summary = "The audit trail, newest first; filter by entityType and entityId (tenant_admin)")
    public Page<AuditEventView> list(@Context UriInfo uri) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.auditAdminOnly"));
        }
        ListParams params = new ListParams(uri, Set.of("entityType", "entityId"));
        return audit.list(params.text("entityType"), params.id("entityId"), params.page(AuditTrail.SORTABLE, "-at"))
                .map(AuditEventView::of);
    }
}
