package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A tenant's ICP-fit rule (属性评分规则): when a lead's attribute satisfies the test, the lead gains
 * {@code weight} points (negative for an anti-fit). Tests ({@code op}):
 * <ul>
 *   <li>{@code in}: the value equals one of {@code values} (case-insensitive);</li>
 *   <li>{@code range}: the value (a number or a numeric string) lies in {@code [min, max]}, either bound optional;</li>
 *   <li>{@code keywords}: the text contains one of {@code values} (case-insensitive), e.g. title keywords;</li>
 *   <li>{@code present}: the attribute has a value.</li>
 * </ul>
 * E-mail domain quality is the attribute {@code emailDomain} ({@code business}, {@code free}, {@code invalid}) with {@code in}.
 *
 * @param id stable identifier, shown with the score
 * @param field the attribute (see {@link Attributes})
 * @param op {@code in}, {@code range}, {@code keywords} or {@code present}
 * @param values for {@code in} and {@code keywords}
 * @param min lower bound for {@code range}, or null
 * @param max upper bound for {@code range}, or null
 * @param weight points when the rule matches
 */
public record FitRule(String id, String field, String op, List<String> values, Double min, Double max, BigDecimal weight) {

    public FitRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(weight, "weight");
        if (field == null || !Attributes.known(field)) {
            throw new IllegalArgumentException("field: '" + field + "' is not a lead or account attribute");
        }
        values = values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT).strip()).toList();
        switch (op == null ? "" : op) {
            case "in", "keywords" -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("values: rule " + id + " (" + op + ") needs at least one value");
                }
            }
            case "range" -> {
                if (min == null && max == null) {
                    throw new IllegalArgumentException("min: rule " + id + " (range) needs min or max");
                }
                if (min != null && max != null && min > max) {
                    throw new IllegalArgumentException("min: rule " + id + " has min above max");
                }
            }
            case "present" -> { }
            default -> throw new IllegalArgumentException("op: rule " + id + " has op '" + op
                    + "'; expected in, range, keywords or present");
        }
    }

    /** Whether the lead with {@code attributes} satisfies this rule. */
    public boolean matches(Attributes attributes) {
        Object v = attributes.get(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return false;
        }
        return switch (op) {
            case "present" -> true;
            case "in" -> values.contains(String.valueOf(v).toLowerCase(Locale.ROOT).strip());
            case "keywords" -> {
                String text = String.valueOf(v).toLowerCase(Locale.ROOT);
                yield values.stream().anyMatch(text::contains);
            }
            case "range" -> {
                Double d = Attributes.number(v);
                yield d != null && (min == null || d >= min) && (max == null || d <= max);
            }
            default -> false;
        };
    }
}
