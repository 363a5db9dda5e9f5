package io.fupan.server.opportunity;

import io.fupan.core.opportunity.OpportunityFilter;
import io.fupan.core.opportunity.OpportunityInput;
import io.fupan.core.opportunity.OpportunityService;
import io.fupan.core.opportunity.OpportunityView;
import io.fupan.core.opportunity.SignalsView;
import io.fupan.core.opportunity.StageHistoryView;
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

/** {@code /opportunities}: sales in the making, and the history of the stages each one entered. */
@Path("/opportunities")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class OpportunityResource {

    private static final Set<String> FILTERS = Set.of("q", "stage", "ownerId", "accountId", "leadId", "channel",
            "industry", "region", "externalId", "createdFrom", "createdTo", "closed");

    @Inject
    OpportunityService opportunities;

    @GET
    @Operation(summary = "Opportunities the caller sees, paged, sorted and filtered")
    public Page<OpportunityView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return opportunities.list(new OpportunityFilter(params.text("q"), params.text("stage"), params.id("ownerId"),
                params.id("accountId"), params.id("leadId"), params.text("channel"), params.text("industry"),
                params.text("region"), params.text("externalId"), params.time("createdFrom"), params.time("createdTo"),
                params.bool("closed"), params.custom()), params.page(OpportunityService.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One opportunity; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(opportunities.get(Ids.parse(id, OpportunityService.KIND)));
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "Every entry of the opportunity into a stage, oldest first, with who moved it")
    public StageHistoryView history(@PathParam("id") String id) {
        return opportunities.history(Ids.parse(id, OpportunityService.KIND));
    }

    @GET
    @Path("{id}/signals")
    @Operation(summary = "What the plugins the tenant has enabled judge of the opportunity (health, risk), worst first")
    public SignalsView signals(@PathParam("id") String id, @Context HttpHeaders headers) {
        return opportunities.signals(Ids.parse(id, OpportunityService.KIND),
                headers.getAcceptableLanguages().stream().findFirst().orElse(null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an opportunity (default stage: the pipeline's first open stage)")
    public Response create(@RequestBody(description = "OpportunityInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri,
                opportunities.create(JsonInput.read(body, OpportunityInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change the fields sent (a new stage is written to the history); needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(opportunities.update(Ids.parse(id, OpportunityService.KIND),
                Versions.expected(ifMatch), JsonInput.read(body, OpportunityInput.class)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an opportunity with its stage history; needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        opportunities.delete(Ids.parse(id, OpportunityService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }
}
