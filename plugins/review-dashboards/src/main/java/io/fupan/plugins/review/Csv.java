package io.fupan.plugins.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any table of an answer as RFC 4180 CSV: a list of rows (maps); a row's scalar fields are columns,
 * a nested object's scalars become {@code object.field} columns, and a nested list of rows (a
 * funnel's stages, a rep's stages) repeats the row once per element with {@code list.field} columns.
 */
final class Csv {

    private Csv() {}

    /** The table of {@code body}: its {@code table} field, else its groups / items, else the body as one row. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> table(Map<String, Object> body, String table) {
        Object rows = table != null ? body.get(table) : body.containsKey("groups") ? body.get("groups")
                : body.containsKey("items") ? body.get("items") : List.of(body);
        if (!(rows instanceof List<?> list) || list.stream().anyMatch(r -> !(r instanceof Map))) {
            List<String> names = new ArrayList<>();
            body.forEach((k, v) -> {
                if (v instanceof List<?> l && l.stream().allMatch(r -> r instanceof Map)) {
                    names.add(k);
                }
            });
            throw new BadRequest("table", "must name a table of this answer: " + String.join(", ", names));
        }
        return (List<Map<String, Object>>) rows;
    }

    static String write(List<Map<String, Object>> rows) {
        List<Map<String, Object>> flat = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> base = new LinkedHashMap<>();
            String nestedName = null;
            List<?> nested = null;
            for (Map.Entry<String, Object> e : row.entrySet()) {
                Object v = e.getValue();
                if (v instanceof Map<?, ?> m) {
                    m.forEach((k, x) -> {
                        if (!(x instanceof Map) && !(x instanceof List)) {
                            base.put(e.getKey() + "." + k, x);
                        }
                    });
                } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map && nested == null) {
                    nestedName = e.getKey();
                    nested = l;
                } else if (v instanceof List<?> l) {
                    base.put(e.getKey(), String.join("|", l.stream().map(String::valueOf).toList()));
                } else {
                    base.put(e.getKey(), v);
                }
            }
            if (nested == null) {
                flat.add(base);
            } else {
                for (Object n : nested) {
                    Map<String, Object> r = new LinkedHashMap<>(base);
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) n).entrySet()) {
                        Object v = e.getValue();
                        r.put(nestedName + "." + e.getKey(), v instanceof List<?> l
                                ? String.join("|", l.stream().map(String::valueOf).toList()) : v);
                    }
                    flat.add(r);
                }
            }
        }
        Set<String> columns = new LinkedHashSet<>();
        flat.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", columns.stream().map(Csv::cell).toList())).append("\r\n");
        for (Map<String, Object> r : flat) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(c);
                cells.add(v == null ? "" : cell(String.valueOf(v)));
            }
            b.append(String.join(",", cells)).append("\r\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
