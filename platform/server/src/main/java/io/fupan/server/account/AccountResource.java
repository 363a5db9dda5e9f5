package io.fupan.server.account;

import io.fupan.core.account.AccountFilter;
import io.fupan.core.account.AccountInput;
import io.fupan.core.account.AccountService;
import io.fupan.core.account.AccountView;
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

/** {@code /accounts}: customer organisations and their hierarchy. */
@Path("/accounts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final Set<String> FILTERS = Set.of("q", "industry", "region", "tier", "ownerId", "parentId", "externalId");

    @Inject
    AccountService accounts;

    @GET
    @Operation(summary = "Accounts the caller sees, paged, sorted and filtered")
    public Page<AccountView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return accounts.list(new AccountFilter(params.text("q"), params.text("industry"), params.text("region"),
                params.text("tier"), params.id("ownerId"), params.id("parentId"), params.text("externalId"),
                params.custom()), params.page(AccountService.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One account; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(accounts.get(Ids.parse(id, AccountService.KIND)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account")
    public Response create(@RequestBody(description = "AccountInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri, accounts.create(JsonInput.read(body, AccountInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change the fields sent; needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(accounts.update(Ids.parse(id, AccountService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, AccountInput.class)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an account without subsidiaries, contacts or opportunities; needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        accounts.delete(Ids.parse(id, AccountService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }
}
