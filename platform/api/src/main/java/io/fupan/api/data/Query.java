package io.fupan.api.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query on one kind of record: equality filters on named fields, a page and a sort, like the
 * REST API's lists ({@code ?stage=won&page=0&size=50&sort=-createdAt}). Which fields filter and
 * sort is listed on each {@link Records} method; an unknown field is an {@link IllegalArgumentException}.
 *
 * @param filters field name to value (text as the REST API takes it: ids, dates ISO-8601, booleans)
 * @param page zero-based page
 * @param size 1..500
 * @param sort a field name, {@code -} first for descending; null for the default order
 * @since 0.1.0
 */
public record Query(Map<String, String> filters, int page, int size, String sort) {

    /** The largest page. */
    public static final int MAX_SIZE = 500;

    public Query {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters == null ? Map.of() : filters));
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE + ", was " + size);
        }
    }

    /** Every record, first page of 50, default order. */
    public static Query all() {
        return new Query(Map.of(), 0, 50, null);
    }

    /** This query with one more filter. */
    public Query where(String field, Object value) {
        Map<String, String> more = new LinkedHashMap<>(filters);
        more.put(field, String.valueOf(value));
        return new Query(more, page, size, sort);
    }

    /** This query on another page. */
    public Query page(int page, int size) {
        return new Query(filters, page, size, sort);
    }

    /** This query sorted by {@code sort} ({@code -field} descending). */
    public Query sortedBy(String sort) {
        return new Query(filters, page, size, sort);
    }
}
