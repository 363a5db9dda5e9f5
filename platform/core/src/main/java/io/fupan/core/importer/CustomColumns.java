package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.custom.CustomAttribute;
import io.fupan.core.record.Json;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a file that are not fields of the kind: custom attributes of the record. A column
 * the tenant already defines is checked against its type; a new one is defined at the end of the
 * import (label = the column's name), as a number when every non-empty value was one, else as text.
 * Until then its values are kept as text and, for a number, converted in one statement.
 */
final class CustomColumns {

    private final String entity;
    private final String table;
    private final Map<String, String> keys = new LinkedHashMap<>();      // column -> key
    private final Map<String, String> labels = new LinkedHashMap<>();    // key -> column as the header spells it
    private final Map<String, CustomAttribute> defined = new LinkedHashMap<>();
    private final Map<String, Boolean> numeric = new LinkedHashMap<>(); // new key -> all values numbers so far

    /** {@code columns}: the unknown columns (lower-cased) and their names as the header spells them. */
    CustomColumns(String entity, String table, Map<String, String> columns, List<CustomAttribute> definitions) {
        this.entity = entity;
        this.table = table;
        definitions.forEach(d -> defined.put(d.key(), d));
        for (String column : columns.keySet()) {
            String key = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (!key.isEmpty() && !Character.isLetter(key.charAt(0))) {
                key = "c_" + key;
            }
            if (!key.matches("[a-z][a-z0-9_]{0,62}")) {
                throw ImportFileException.invalid(Messages.get("import.customName", column));
            }
            if (keys.containsValue(key)) {
                throw ImportFileException.invalid(Messages.get("import.customTwice", column, key));
            }
            keys.put(column, key);
            labels.put(key, columns.get(column));
            if (!defined.containsKey(key)) {
                numeric.put(key, Boolean.TRUE);
            }
        }
    }

    boolean any() {
        return !keys.isEmpty();
    }

    /** The row's custom values as JSON (null when it has none); a value the definition refuses is a line error. */
    String values(Row row) {
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        keys.forEach((column, key) -> {
            String raw = row.raw(column);
            if (raw == null) {
                return;
            }
            if (raw.indexOf('\0') >= 0) {
                row.error(column, Messages.get("import.row.nul"));
                return;
            }
            CustomAttribute def = defined.get(key);
            if (def == null) {
                if (raw.length() > 2000) {
                    row.error(column, Messages.get("import.row.tooLong", "2000"));
                    return;
                }
                if (number(raw) == null) {
                    numeric.put(key, Boolean.FALSE);
                }
                values.put(key, raw);
                return;
            }
            Object value = typed(def, raw);
            if (value == null) {
                row.error(column, Messages.get("import.row.customType", Messages.get("import.type." + def.type().name().toLowerCase(Locale.ROOT)), key, raw));
            } else {
                values.put(key, value);
            }
        });
        return values.isEmpty() ? null : Json.write(values);
    }

    /** Defines the new attributes; converts the values of the numeric ones to JSON numbers. */
    void finish(ImportSession session) throws SQLException {
        for (Map.Entry<String, Boolean> entry : numeric.entrySet()) {
            String key = entry.getKey();
            boolean isNumber = entry.getValue();
            String label = labels.get(key);
            session.update("insert into custom_attribute (tenant_id, entity, key, type, label_zh, label_en) "
                    + "values (" + ImportSession.TENANT + ", ?, ?, ?, ?, ?)", entity, key, isNumber ? "number" : "text",
                    label, label);
            if (isNumber) {
                session.update("update " + table + " set custom = jsonb_set(custom, '{" + key + "}', "
                        + "to_jsonb(trim_scale(cast(custom ->> '" + key + "' as numeric)))) "
                        + "where tenant_id = " + ImportSession.TENANT + " and jsonb_typeof(custom -> '" + key
                        + "') = 'string'");
            }
        }
    }

    /** Numbers as the API keeps them: integers as integers, decimals without trailing zeros. */
    static Object number(String raw) {
        if (!raw.matches("-?\\d{1,30}(\\.\\d{1,15})?")) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(raw).stripTrailingZeros();
            return number.scale() > 0 ? number : number.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Object typed(CustomAttribute def, String raw) {
        switch (def.type()) {
            case TEXT:
                return raw.length() > 2000 ? null : raw;
            case NUMBER:
                return number(raw);
            case BOOLEAN:
                return "true".equalsIgnoreCase(raw) ? Boolean.TRUE : "false".equalsIgnoreCase(raw) ? Boolean.FALSE : null;
            case DATE:
                try {
                    return LocalDate.parse(raw).toString();
                } catch (DateTimeParseException e) {
                    return null;
                }
            default:
                String choices = def.choicesJson() == null ? "[]" : def.choicesJson();
                List<?> allowed = (List<?>) Json.read("{\"c\":" + choices + "}").get("c");
                return allowed.contains(raw) ? raw : null;
        }
    }
}
