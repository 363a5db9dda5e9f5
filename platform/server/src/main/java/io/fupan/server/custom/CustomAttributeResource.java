package io.fupan.server.custom;

import io.fupan.core.custom.CustomAttributeInput;
import io.fupan.core.custom.CustomAttributeService;
import io.fupan.core.custom.CustomAttributeView;
import io.fupan.server.rest.JsonInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** {@code /custom-attributes}: the tenant's own typed fields on leads, accounts and opportunities. */
@Path("/custom-attributes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CustomAttributeResource {

    /** The definitions, by entity and key. */
    public record Definitions(List<CustomAttributeView> items) {}

    @Inject
    CustomAttributeService attributes;

    @GET
    @Operation(summary = "The custom attributes, of one entity (?entity=lead|account|opportunity) or all")
    public Definitions list(@QueryParam("entity") String entity) {
        return new Definitions(attributes.list(entity == null || entity.isEmpty() ? null : entity));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a custom attribute (tenant_admin); 409 if the entity has one of that key")
    public Response create(@RequestBody(description = "CustomAttributeInput") String body, @Context UriInfo uri) {
        CustomAttributeView view = attributes.define(JsonInput.read(body, CustomAttributeInput.class).values());
        return Response.created(uri.getAbsolutePathBuilder().path(view.entity()).path(view.key()).build())
                .entity(view).build();
    }

    @DELETE
    @Path("{entity}/{key}")
    @Operation(summary = "Delete a custom attribute (tenant_admin); 409 while a record still has a value for it")
    public Response delete(@PathParam("entity") String entity, @PathParam("key") String key) {
        attributes.remove(entity, key);
        return Response.noContent().build();
    }
}
