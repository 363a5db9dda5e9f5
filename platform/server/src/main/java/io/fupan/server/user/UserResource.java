package io.fupan.server.user;

import io.fupan.core.query.Page;
import io.fupan.core.user.UserFilter;
import io.fupan.core.user.UserInput;
import io.fupan.core.user.UserService;
import io.fupan.core.user.UserView;
import io.fupan.server.rest.Ids;
import io.fupan.server.rest.JsonInput;
import io.fupan.server.rest.ListParams;
import io.fupan.server.rest.RecordResponses;
import io.fupan.server.rest.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

/**
 * {@code /users}: the people of the tenant. Created on first sign-in and by imports (no POST);
 * a tenant admin renames, deactivates and moves them between teams.
 */
@Path("/users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final Set<String> FILTERS = Set.of("q", "teamId", "active");

    @Inject
    UserService users;

    @GET
    @Operation(summary = "Users of the tenant, paged, sorted and filtered (q matches user name, display name or e-mail)")
    public Page<UserView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return users.list(new UserFilter(params.text("q"), params.id("teamId"), params.bool("active")),
                params.page(UserService.SORTABLE, "username"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(users.get(Ids.parse(id, UserService.KIND)));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change display name, active or team (tenant admins only); needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(users.update(Ids.parse(id, UserService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, UserInput.class)));
    }
}
