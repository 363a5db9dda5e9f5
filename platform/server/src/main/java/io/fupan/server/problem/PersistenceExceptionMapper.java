package io.fupan.server.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the database refused after the services' own checks passed: a concurrent write that won
 * the race (412), or a constraint another request just took (409). Never a 500 for those.
 */
@Provider
public class PersistenceExceptionMapper implements ExceptionMapper<PersistenceException> {

    private static final Logger LOG = Logger.getLogger(PersistenceExceptionMapper.class.getName());

    @Override
    public Response toResponse(PersistenceException e) {
        if (e instanceof OptimisticLockException) {
            return Problem.of(Response.Status.PRECONDITION_FAILED, "stale",
                    "Someone changed this record at the same moment. Read it again and retry.").toResponse();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return Problem.of(Response.Status.CONFLICT, "conflict",
                        "The change conflicts with existing data (" + constraint(sql) + ").").toResponse();
            }
        }
        return new UnexpectedExceptionMapper().toResponse(e);
    }

    private static String constraint(java.sql.SQLException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("constraint \"");
        String name = at < 0 ? "a constraint" : message.substring(at + 12, Math.max(at + 12, message.indexOf('"', at + 12)));
        LOG.log(Level.FINE, "constraint violation", e);
        return name;
    }
}
