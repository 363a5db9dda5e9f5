package io.fupan.api.rest;

import io.fupan.api.UserInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP call to a plugin's endpoints.
 *
 * @since 0.1.0
 */
public interface PluginRequest {

    /** {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}. */
    String method();

    /** The path after {@code /api/v1/plugins/{id}/}, without a leading slash, e.g. {@code funnel}. */
    String path();

    /** The path split at slashes, e.g. {@code ["alerts", "42"]}. */
    default List<String> segments() {
        return path().isEmpty() ? List.of() : List.of(path().split("/"));
    }

    /** Query parameters, each with its values in order. */
    Map<String, List<String>> query();

    /** The first value of query parameter {@code name}. */
    default Optional<String> query(String name) {
        List<String> values = query().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The request body as text (JSON for the API), empty when there is none. */
    String body();

    /**
     * The JSON body read into {@code type} (a record, a {@code Map}, …) by the host's JSON binding.
     *
     * @throws IllegalArgumentException when the body is not JSON of that shape (the host answers 400)
     */
    <T> T bodyAs(Class<T> type);

    /** The caller. */
    UserInfo user();

    /** The caller's preferred language (Accept-Language), else the tenant's. */
    Locale locale();
}
