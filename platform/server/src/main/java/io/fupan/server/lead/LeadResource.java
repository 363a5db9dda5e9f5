package io.fupan.server.lead;

import io.fupan.core.lead.LeadConversion;
import io.fupan.core.lead.LeadConversionInput;
import io.fupan.core.lead.LeadConverter;
import io.fupan.core.lead.LeadFilter;
import io.fupan.core.lead.LeadHistoryView;
import io.fupan.core.lead.LeadInput;
import io.fupan.core.lead.LeadService;
import io.fupan.core.lead.LeadView;
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

/** {@code /leads}: prospects before a sale, their status history, and their conversion (L2O). */
@Path("/leads")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class LeadResource {

    private static final Set<String> FILTERS = Set.of("q", "status", "channel", "ownerId", "industry", "region",
            "externalId", "createdFrom", "createdTo", "minScore", "grade");

    @Inject
    LeadService leads;

    @Inject
    LeadConverter converter;

    @GET
    @Operation(summary = "Leads the caller sees, paged, sorted and filtered (status takes a comma-separated list)")
    public Page<LeadView> list(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, FILTERS);
        return leads.list(new LeadFilter(params.text("q"), params.list("status"), params.text("channel"), params.id("ownerId"),
                params.text("industry"), params.text("region"), params.text("externalId"),
                params.time("createdFrom"), params.time("createdTo"), params.custom(), params.decimal("minScore"),
                params.list("grade")),
                params.page(LeadService.SORTABLE, "-createdAt"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One lead; its ETag is the version to send back in If-Match")
    public Response get(@PathParam("id") String id) {
        return RecordResponses.ok(leads.get(Ids.parse(id, LeadService.KIND)));
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "Every status the lead entered, oldest first, with time and who moved it")
    public LeadHistoryView history(@PathParam("id") String id) {
        return leads.history(Ids.parse(id, LeadService.KIND));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a lead (status default new; converted only through /convert)")
    public Response create(@RequestBody(description = "LeadInput") String body, @Context UriInfo uri) {
        return RecordResponses.created(uri, leads.create(JsonInput.read(body, LeadInput.class).values()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change the fields sent; a new status is recorded in the history; needs If-Match")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return RecordResponses.ok(leads.update(Ids.parse(id, LeadService.KIND), Versions.expected(ifMatch),
                JsonInput.read(body, LeadInput.class)));
    }

    @POST
    @Path("{id}/convert")
    @Operation(summary = "Convert the lead (L2O): account (or an existing one), contact and opportunity in one"
            + " transaction; the lead becomes converted")
    public Response convert(@PathParam("id") String id,
                            @RequestBody(description = "LeadConversionInput; every field optional") String body,
                            @Context UriInfo uri) {
        var leadId = Ids.parse(id, LeadService.KIND);
        // An empty body converts with every default.
        LeadConversionInput input = body == null || body.isBlank()
                ? new LeadConversionInput(null, null, null, null, null, null, null)
                : JsonInput.read(body, LeadConversionInput.class).values();
        LeadConversion result = converter.convert(leadId, input);
        return Response.created(uri.getBaseUriBuilder().path("opportunities")
                        .path(result.opportunity().id().toString()).build())
                .entity(result).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a lead that was not converted; needs If-Match")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        leads.delete(Ids.parse(id, LeadService.KIND), Versions.expected(ifMatch));
        return Response.noContent().build();
    }
}
