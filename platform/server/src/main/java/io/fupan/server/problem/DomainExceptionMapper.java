package io.fupan.server.problem;

import io.fupan.core.error.DomainException;
import io.fupan.core.i18n.Messages;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The services' refusals, one status each. */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        Problem problem;
        if (e instanceof DomainException.Invalid invalid) {
            problem = Problem.of(422, "validation", "Unprocessable Content", Messages.get("problem.invalid"))
                    .withErrors(invalid.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList());
        } else if (e instanceof DomainException.NotFound) {
            problem = Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage());
        } else if (e instanceof DomainException.Conflict) {
            problem = Problem.of(Response.Status.CONFLICT, "conflict", e.getMessage());
        } else if (e instanceof DomainException.Stale) {
            problem = Problem.of(Response.Status.PRECONDITION_FAILED, "stale", e.getMessage());
        } else {
            problem = Problem.of(Response.Status.FORBIDDEN, "forbidden", e.getMessage());
        }
        return problem.toResponse();
    }

}
