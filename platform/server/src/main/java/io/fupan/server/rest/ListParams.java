package io.fupan.server.rest;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.PageRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The query parameters of a list: {@code page}, {@code size}, {@code sort}, filters named after
 * fields, and {@code custom.<key>} filters on custom attributes. Unknown parameters are refused,
 * so that a typo never silently returns everything.
 */
public final class ListParams {

    private final MultivaluedMap<String, String> query;

    public ListParams(UriInfo uri, Set<String> filters) {
        this.query = uri.getQueryParameters();
        for (String name : query.keySet()) {
            if (!filters.contains(name) && !Set.of("page", "size", "sort").contains(name) && !name.startsWith("custom.")) {
                throw new DomainException.Invalid(name, Messages.get("list.notFilter",
                        String.join(", ", new java.util.TreeSet<>(filters))));
            }
        }
    }

    public PageRequest page(Map<String, String> sortable, String defaultSort) {
        return PageRequest.parse(query.getFirst("page"), query.getFirst("size"), query.getFirst("sort"), sortable,
                defaultSort);
    }

    public String text(String name) {
        String v = query.getFirst(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public UUID id(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw new DomainException.Invalid(name, Messages.get("list.uuid"));
        }
    }

    public java.math.BigDecimal decimal(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new DomainException.Invalid(name, Messages.get("field.number"));
        }
    }

    /** A comma-separated list, blanks dropped; null when absent. */
    public java.util.List<String> list(String name) {
        String v = text(name);
        return v == null ? null
                : java.util.Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Boolean bool(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new DomainException.Invalid(name, Messages.get("field.boolean"));
        }
        return Boolean.valueOf(v);
    }

    public OffsetDateTime time(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)
                    : OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new DomainException.Invalid(name, Messages.get("list.time"));
        }
    }

    public Map<String, String> custom() {
        Map<String, String> custom = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (name.startsWith("custom.")) {
                custom.put(name.substring("custom.".length()), values.get(0));
            }
        });
        return custom;
    }
}
