package io.fupan.core.query;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of a list: {@code page} from 0, {@code size} 1 to {@value #MAX_SIZE}, and sort keys
 * such as {@code -createdAt} (descending) or {@code name}.
 */
public record PageRequest(int page, int size, List<Sort> sort) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    public record Sort(String field, boolean descending) {}

    public PageRequest {
        sort = List.copyOf(sort);
    }

    /**
     * Parses the query parameters, refusing what does not fit with field-level errors.
     *
     * @param sortable API field name → JPQL path, the only fields one may sort by
     */
    public static PageRequest parse(String page, String size, String sort, Map<String, String> sortable,
                                    String defaultSort) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        int p = parseInt(page, 0, "page", 0, Integer.MAX_VALUE / MAX_SIZE, errors);
        int s = parseInt(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, errors);
        List<Sort> keys = new ArrayList<>();
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        for (String raw : spec.split(",")) {
            String key = raw.strip();
            boolean desc = key.startsWith("-");
            String field = desc || key.startsWith("+") ? key.substring(1) : key;
            if (!sortable.containsKey(field)) {
                errors.add(new DomainException.FieldError("sort", Messages.get("list.sortBy", field,
                        String.join(", ", new java.util.TreeSet<>(sortable.keySet())))));
            } else {
                keys.add(new Sort(field, desc));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return new PageRequest(p, s, keys);
    }

    private static int parseInt(String raw, int fallback, String field, int min, int max,
                                List<DomainException.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                errors.add(new DomainException.FieldError(field, Messages.get("list.between", String.valueOf(min), String.valueOf(max))));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new DomainException.FieldError(field, Messages.get("list.wholeNumber", raw)));
            return fallback;
        }
    }

    public int offset() {
        return page * size;
    }
}
