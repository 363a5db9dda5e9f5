package io.fupan.server.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last resort: a 500 problem that names an incident id found in the log, never a stack trace. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                        "Something went wrong on our side. Incident " + incident + " is logged.")
                .toResponse();
    }
}
