package io.fupan.server.activity;

import io.fupan.core.activity.ActivityFilter;
import io.fupan.core.activity.ActivityInput;
import io.fupan.core.activity.ActivityService;
import io.fupan.core.activity.ActivityView;
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
import java.time.OffsetDateTime;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** {@code /activities}: calls, meetings, e-mail opens, page views… on a lead, a contact or an opportunity. */
@Path("/activities")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private static final Set<String> FILTERS = Set.of("leadId", "contactId", "opportunityId", "type", "ownerId",
            "occurredFrom", "occurredTo");

    @Inject
    ActivityService activities;

    @GET
    @Operation(summary = "Activities the caller sees, paged, sorted and filtered; occurredFrom and occurredTo"
            + " include their bounds (a bare date as occurredTo includes that whole day)")
    public Page<ActivityView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return activities.list(new ActivityFilter(params.id("leadId"), params.id("contactId"),
                params.id("opportunityId"), params.text("type"), params.id("ownerId"), params.time("occurredFrom"),
                endOf(params, "occurredTo")), params.page(ActivityService.SORTABLE, "-occurredAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One activity; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(activities.get(Ids.parse(id, ActivityService.KIND)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an activity on exactly one of a lead, a contact or an opportunity")
    public Response create(@RequestBody(description = "ActivityInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri, activities.create(JsonInput.read(body, ActivityInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change the fields sent; needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(activities.update(Ids.parse(id, ActivityService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, ActivityInput.class)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an activity; needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        activities.delete(Ids.parse(id, ActivityService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }

    /** An upper bound that includes itself; a bare date (start of day) stretches to the end of that day. */
    private static OffsetDateTime endOf(ListParams params, String name) {
        OffsetDateTime at = params.time(name);
        String raw = params.text(name);
        return at != null && raw.length() == 10 ? at.plusDays(1).minusNanos(1_000) : at;
    }
}
