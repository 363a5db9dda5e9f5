package io.fupan.server.problem;

import io.fupan.core.i18n.Messages;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem: the one shape every error of the API takes. Its title and detail are in the
 * request's language (Accept-Language: zh-CN or en, see {@link Messages}); its type, status and the
 * errors' field paths are the same in every language.
 *
 * @param errors field-level messages for validation problems, else null (omitted)
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://fupan.io/problems/";

    /** One invalid field: a JSON path such as {@code amount} or {@code contacts[2].email}. */
    public record FieldError(String field, String message) {}

    public static Problem of(Response.Status status, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, title(status.getStatusCode(), status.getReasonPhrase()), status.getStatusCode(),
                detail, null, null);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title(status, title), status, detail, null, null);
    }

    /** The standard title of {@code status} in the request's language; any other title as given. */
    private static String title(int status, String english) {
        String key = "title." + status;
        if (Messages.has(key) && Messages.in(Messages.EN, key).equalsIgnoreCase(english)) {
            return Messages.get(key);
        }
        return english;
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA).entity(this)
                .header("Content-Language", Messages.locale().toLanguageTag()).header("Vary", "Accept-Language");
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"fupan\"");
        }
        return response.build();
    }
}
