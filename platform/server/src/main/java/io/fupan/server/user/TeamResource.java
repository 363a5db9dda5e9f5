package io.fupan.server.user;

import io.fupan.core.query.Page;
import io.fupan.core.user.TeamFilter;
import io.fupan.core.user.TeamInput;
import io.fupan.core.user.TeamService;
import io.fupan.core.user.TeamView;
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

/** {@code /teams}: sales teams and their managers; members are the users whose teamId names the team. */
@Path("/teams")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    private static final Set<String> FILTERS = Set.of("q", "managerId");

    @Inject
    TeamService teams;

    @GET
    @Operation(summary = "Teams of the tenant, paged, sorted and filtered (q matches the name)")
    public Page<TeamView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return teams.list(new TeamFilter(params.text("q"), params.id("managerId")),
                params.page(TeamService.SORTABLE, "name"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One team; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(teams.get(Ids.parse(id, TeamService.KIND)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a team (tenant admins only)")
    public Response create(@RequestBody(description = "TeamInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri, teams.create(JsonInput.read(body, TeamInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Rename a team or change its manager (tenant admins only); needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(teams.update(Ids.parse(id, TeamService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, TeamInput.class)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a team without members (tenant admins only); needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        teams.delete(Ids.parse(id, TeamService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }
}
