package io.fupan.server.problem;

import io.fupan.core.tenancy.RolledBack;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Work that was undone (time limit, failed commit) is a 503 to retry, never a 200 for nothing written. */
@Provider
public class RolledBackMapper implements ExceptionMapper<RolledBack> {

    private static final Logger LOG = Logger.getLogger(RolledBackMapper.class.getName());

    @Override
    public Response toResponse(RolledBack e) {
        LOG.log(Level.WARNING, e.getMessage(), e.getCause());
        return Response.fromResponse(Problem.of(503, "rolled-back", "Service Unavailable", e.getMessage()).toResponse())
                .header("Retry-After", 5).build();
    }
}
