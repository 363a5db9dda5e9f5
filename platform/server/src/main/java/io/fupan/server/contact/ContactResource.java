package io.fupan.server.contact;

import io.fupan.core.contact.ContactFilter;
import io.fupan.core.contact.ContactInput;
import io.fupan.core.contact.ContactService;
import io.fupan.core.contact.ContactView;
import io.fupan.core.query.Page;
import io.fupan.server.rest.Ids;
import io.fupan.server.rest.JsonInput;
import io.fupan.server.rest.ListParams;
import io.fupan.server.rest.RecordResponses;
import io.fupan.server.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** {@code /contacts}: the people at customers, their reporting lines and buying roles. */
@Path("/contacts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private static final Set<String> FILTERS = Set.of("q", "accountId", "ownerId", "buyingRole", "externalId");

    @Inject
    ContactService contacts;

    @GET
    @Operation(summary = "Contacts the caller sees, paged, sorted and filtered (q matches name or e-mail)")
    public Page<ContactView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return contacts.list(new ContactFilter(params.text("q"), params.id("accountId"), params.id("ownerId"),
                params.text("buyingRole"), params.text("externalId")), params.page(ContactService.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One contact; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(contacts.get(Ids.parse(id, ContactService.KIND)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a contact")
    public Response create(@RequestBody(description = "ContactInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri, contacts.create(JsonInput.read(body, ContactInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change the fields sent; needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(contacts.update(Ids.parse(id, ContactService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, ContactInput.class)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a contact nobody reports to, with its activities; needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        contacts.delete(Ids.parse(id, ContactService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }
}
