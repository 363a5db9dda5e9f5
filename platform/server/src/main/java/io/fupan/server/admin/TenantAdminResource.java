package io.fupan.server.admin;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.tenant.NewTenant;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantAdministration;
import io.fupan.core.tenant.TenantChange;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.server.rest.JsonInput;
import io.fupan.server.security.Caller;
import io.fupan.server.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /admin/tenants}: platform operators create, list, suspend and reactivate tenants. */
@Path("/admin/tenants")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    @Inject
    Caller caller;
    @Inject
    TenantAdministration administration;
    @Inject
    TenantRegistry registry;

    /** A tenant as operators see it. */
    public record TenantView(String id, String name, String plan, String status, String timeZone, String currency,
                             String locale) {
        static TenantView of(RegisteredTenant t) {
            return new TenantView(t.id(), t.name(), t.plan(), t.status().code(), t.timeZone(), t.currency(), t.locale());
        }
    }

    @GET
    @Operation(summary = "Every tenant of this installation (platform_admin)")
    public Map<String, List<TenantView>> list() {
        requireOperator();
        return Map.of("items", registry.all().stream().map(TenantView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One tenant (platform_admin)")
    public TenantView get(@PathParam("id") String id) {
        requireOperator();
        return registry.find(id).map(TenantView::of).orElseThrow(() -> new DomainException.NotFound("tenant", id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant with its plan, default pipeline and first admin (platform_admin)")
    public Response create(String body, @Context UriInfo uri) {
        requireOperator();
        TenantView view = TenantView.of(administration.create(JsonInput.read(body, NewTenant.class).values()));
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Suspend or reactivate a tenant, rename it, change its plan (platform_admin)")
    public TenantView change(@PathParam("id") String id, String body) {
        requireOperator();
        return TenantView.of(administration.change(id, JsonInput.read(body, TenantChange.class)));
    }

    private void requireOperator() {
        if (!caller.identity().roles().contains(Roles.PLATFORM_ADMIN)) {
            throw new DomainException.Forbidden(Messages.get("access.tenantsOperatorsOnly"));
        }
    }
}
