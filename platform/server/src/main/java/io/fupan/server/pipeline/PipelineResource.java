package io.fupan.server.pipeline;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.pipeline.PipelineView;
import io.fupan.core.pipeline.Pipelines;
import io.fupan.core.pipeline.StageInput;
import io.fupan.server.rest.JsonInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** {@code /pipeline}: the tenant's stages and benchmarks; every role reads it, tenant admins replace it. */
@Path("/pipeline")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    /** The body of a PUT: the whole new list of stages. */
    public record PipelineBody(List<Map<String, Object>> stages) {}

    @Inject
    Pipelines pipelines;

    @GET
    @Operation(summary = "The stages of the tenant's pipeline in order, with healthy conversion ranges")
    public PipelineView get() {
        return PipelineView.of(pipelines.stages());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the pipeline (tenant_admin); a stage still in use cannot be left out (409)")
    public PipelineView replace(@RequestBody(description = "{ stages: [StageInput] }") String body) {
        PipelineBody pipeline = JsonInput.read(body, PipelineBody.class).values();
        if (pipeline.stages() == null) {
            throw new DomainException.Invalid("stages", Messages.get("pipeline.stagesMissing"));
        }
        return PipelineView.of(pipelines.replace(JsonInput.readEach("stages", pipeline.stages(), StageInput.class)));
    }
}
