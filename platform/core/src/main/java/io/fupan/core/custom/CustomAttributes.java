package io.fupan.core.custom;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.query.Jpql;
import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tenant's custom attributes: their definitions, and the checking of values sent for them.
 * Values are stored as JSON (numbers normalised, dates as ISO text) so filters compare them as text.
 */
@ApplicationScoped
public class CustomAttributes {

    @Inject
    TenantData data;

    public List<CustomAttribute> definitions(String entity) {
        return data.em().createQuery("select c from CustomAttribute c where c.entity = :entity order by c.key",
                        CustomAttribute.class)
                .setParameter("entity", entity).getResultList();
    }

    /** Checks {@code values} against the definitions of {@code entity}; returns them normalised. */
    public Map<String, Object> check(String entity, Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (values == null || values.isEmpty()) {
            return result;
        }
        Map<String, CustomAttribute> defs = new LinkedHashMap<>();
        definitions(entity).forEach(d -> defs.put(d.key(), d));
        List<FieldError> errors = new ArrayList<>();
        values.forEach((key, value) -> {
            String field = "custom." + key;
            CustomAttribute def = defs.get(key);
            if (def == null) {
                errors.add(new FieldError(field, defs.isEmpty() ? Messages.get("field.notCustomNone", Messages.kind(entity))
                        : Messages.get("field.notCustomDefined", Messages.kind(entity), String.join(", ", defs.keySet()))));
                return;
            }
            if (value == null) {
                result.put(key, null);
                return;
            }
            try {
                result.put(key, normalise(def, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return result;
    }

    /** The text a filter on {@code key} compares with, or a field error. */
    public String filterValue(String entity, String key, String raw) {
        CustomAttribute def = definitions(entity).stream().filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new DomainException.Invalid("custom." + key,
                        Messages.get("field.notCustom", Messages.kind(entity))));
        try {
            Object value = def.type() != CustomAttribute.Type.BOOLEAN ? raw
                    : "true".equals(raw) ? Boolean.TRUE : "false".equals(raw) ? Boolean.FALSE : raw;
            return String.valueOf(normalise(def, value));
        } catch (IllegalArgumentException e) {
            throw new DomainException.Invalid("custom." + key, e.getMessage());
        }
    }

    /** Narrows {@code query} to records whose custom attributes equal {@code filters} (key to raw value). */
    public <E> Jpql<E> filter(Jpql<E> query, String alias, String entity, Map<String, String> filters) {
        int i = 0;
        for (var entry : filters.entrySet()) {
            String param = "c" + i++;
            query.where("function('jsonb_extract_path_text', " + alias + ".custom, '" + safeKey(entry.getKey()) + "') = :"
                    + param, param, filterValue(entity, entry.getKey(), entry.getValue()));
        }
        return query;
    }

    /** {@code current} with {@code changes} checked and applied; a change to null removes its key. */
    public Map<String, Object> merge(String entity, Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        check(entity, changes).forEach((k, v) -> {
            if (v == null) merged.remove(k); else merged.put(k, v);
        });
        return merged;
    }

    private static String safeKey(String key) {
        if (!key.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new DomainException.Invalid("custom." + key, Messages.get("custom.notKey"));
        }
        return key;
    }

    static Object normalise(CustomAttribute def, Object value) {
        return switch (def.type()) {
            case TEXT -> {
                String text = String.valueOf(value);
                if (text.length() > 2000) {
                    throw new IllegalArgumentException(Messages.get("field.tooLong", "2000"));
                }
                yield text;
            }
            case NUMBER -> {
                try {
                    BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
                            : new BigDecimal(String.valueOf(value).strip());
                    yield number.stripTrailingZeros().toPlainString().contains(".")
                            ? number.stripTrailingZeros() : number.stripTrailingZeros().toBigIntegerExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException(Messages.get("field.customNumber", String.valueOf(value)));
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw new IllegalArgumentException(Messages.get("field.customBoolean", String.valueOf(value)));
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(String.valueOf(value)).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(Messages.get("field.customDate", String.valueOf(value)));
                }
            }
            case CHOICE -> {
                List<?> choices = def.choicesJson() == null ? List.of()
                        : (List<?>) Json.read("{\"c\":" + def.choicesJson() + "}").get("c");
                String text = String.valueOf(value);
                if (!choices.contains(text)) {
                    throw new IllegalArgumentException(Messages.get("field.customChoice", String.valueOf(choices), text));
                }
                yield text;
            }
        };
    }
}
