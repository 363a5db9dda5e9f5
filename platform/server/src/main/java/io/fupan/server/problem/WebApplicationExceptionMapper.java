package io.fupan.server.problem;

import io.fupan.core.i18n.Messages;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS's own errors (404 unknown path, 405, 415, 400 unreadable body …) into problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity() && original.getEntity() instanceof Problem) {
            return original;
        }
        int status = original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : original.getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 400 -> Messages.get("problem.unreadable", rootMessage(e));
            case 404 -> Messages.get("problem.noResource");
            case 405 -> Messages.get("problem.methodNotAllowed");
            case 406 -> Messages.get("problem.notAcceptable");
            case 415 -> Messages.get("problem.unsupportedMediaType");
            default -> e.getMessage();
        };
        Response.ResponseBuilder response = Response.fromResponse(
                Problem.of(status, slug(title), title, detail).toResponse());
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
