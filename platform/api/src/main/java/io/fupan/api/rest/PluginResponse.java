package io.fupan.api.rest;

import java.util.Map;

/**
 * A plugin's answer: a status and a body the host writes as JSON (records, maps, lists, strings,
 * numbers). An error is best answered with {@link #problem}, which the host turns into an RFC 9457
 * {@code application/problem+json} like every other error of the API.
 *
 * @param status HTTP status
 * @param body what to write as JSON; null for no body
 * @param headers extra response headers
 * @since 0.1.0
 */
public record PluginResponse(int status, Object body, Map<String, String> headers) {

    public PluginResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200..599, was " + status);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** 200 with {@code body}. */
    public static PluginResponse ok(Object body) {
        return new PluginResponse(200, body, Map.of());
    }

    /** 201 with {@code body}. */
    public static PluginResponse created(Object body) {
        return new PluginResponse(201, body, Map.of());
    }

    /** 204, no body. */
    public static PluginResponse noContent() {
        return new PluginResponse(204, null, Map.of());
    }

    /**
     * An error: {@code status} (4xx), a short machine-readable {@code slug} that becomes the problem
     * type {@code https://fupan.io/problems/<pluginId>/<slug>}, and a sentence for people.
     */
    public static PluginResponse problem(int status, String slug, String detail) {
        if (status < 400) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, was " + status);
        }
        return new PluginResponse(status, new Problem(slug, detail), Map.of());
    }

    /**
     * {@code status} with a body sent as it is, not as JSON: a CSV export ({@code text/csv}), a
     * printable page ({@code text/html}: the host forbids scripts in it), a file. A {@code charset} in
     * {@code mediaType} tells the client how to read text.
     *
     * @since 0.2.0
     */
    public static PluginResponse content(int status, String mediaType, byte[] bytes) {
        return new PluginResponse(status, new Content(mediaType, bytes), Map.of());
    }

    /**
     * {@link #content} of UTF-8 text, e.g. {@code text(200, "text/csv", csv)}.
     *
     * @since 0.2.0
     */
    public static PluginResponse text(int status, String mediaType, String text) {
        return content(status, mediaType + "; charset=UTF-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * 422 {@code invalid-request} naming each offending field (a query parameter or a field of the
     * body) and what is wrong with it, rendered like the core's validation errors
     * ({@code errors: [{field, message}]}).
     *
     * @since 0.2.0
     */
    public static PluginResponse invalid(java.util.List<FieldError> errors) {
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid.";
        return new PluginResponse(422, new Problem("invalid-request", detail, errors), Map.of());
    }

    /**
     * One field of a request and what is wrong with it.
     *
     * @since 0.2.0
     */
    public record FieldError(String field, String message) {}

    /** The body of {@link #problem}; {@code errors} lists field errors ({@link #invalid}), else empty. */
    public record Problem(String slug, String detail, java.util.List<FieldError> errors) {

        public Problem {
            errors = errors == null ? java.util.List.of() : java.util.List.copyOf(errors);
        }

        public Problem(String slug, String detail) {
            this(slug, detail, java.util.List.of());
        }
    }

    /**
     * The body of {@link #content}: bytes of a media type.
     *
     * @since 0.2.0
     */
    public record Content(String mediaType, byte[] bytes) {
        public Content {
            if (mediaType == null || !mediaType.matches("[a-z]+/[a-z0-9.+-]+(\\s*;.*)?")) {
                throw new IllegalArgumentException("not a media type: " + mediaType);
            }
            java.util.Objects.requireNonNull(bytes, "bytes");
        }
    }
}
