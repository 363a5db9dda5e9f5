package io.fupan.server.problem;

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
            case 400 -> "The request body could not be read: " + rootMessage(e);
            case 404 -> "There is nothing at this address.";
            case 405 -> "This resource does not allow that method.";
            case 406 -> "This resource cannot answer in the media type asked for (try application/json).";
            case 415 -> "This resource does not accept that content type (send application/json).";
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
