package io.fupan.server.plugin;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.plugin.EventStore;
import io.fupan.core.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /plugins/events/dead-letters}: event deliveries to this tenant's plugins that used up their
 * attempts, for the tenant admin to see and replay.
 */
@Path("/plugins/events/dead-letters")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginEventResource {

    @Inject
    TenantContext context;
    @Inject
    EventStore store;

    @GET
    @Operation(summary = "Dead event deliveries of this tenant, newest first (tenant_admin)")
    public Map<String, List<EventStore.DeadLetter>> list(@QueryParam("size") @DefaultValue("100") int size) {
        requireAdmin();
        if (size < 1 || size > 500) {
            throw new DomainException.Invalid("size", Messages.get("list.between", "1", "500"));
        }
        return Map.of("items", store.deadLetters(context.tenantId(), size));
    }

    @POST
    @Path("{seq}/{plugin}/replay")
    @Operation(summary = "Deliver one dead event to its plugin again, with fresh attempts (tenant_admin)")
    public Map<String, Integer> replay(@PathParam("seq") long seq, @PathParam("plugin") String plugin) {
        requireAdmin();
        if (!store.replay(context.tenantId(), seq, plugin)) {
            throw new DomainException.NotFound("dead letter", seq + "/" + plugin);
        }
        return Map.of("replayed", 1);
    }

    @POST
    @Path("replay")
    @Operation(summary = "Deliver every dead event of this tenant again (tenant_admin)")
    public Map<String, Integer> replayAll() {
        requireAdmin();
        return Map.of("replayed", store.replayAll(context.tenantId()));
    }

    private void requireAdmin() {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.deadLettersAdminOnly"));
        }
    }
}
