package io.fupan.server.rest;

import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.i18n.Messages;
import io.fupan.core.record.Patch;
import io.fupan.server.problem.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a JSON request body into an input record, naming every field that does not fit: malformed
 * JSON is a 400 with line and column; a wrong type, an unknown field or an over-long string is a
 * 422 with one error per field. The result says which fields were sent, for partial updates.
 */
public final class JsonInput {

    /** No single string of the API is longer; Bean Validation sets the real limit per field. */
    private static final int MAX_STRING = 100_000;

    private JsonInput() {}

    /**
     * Reads each object of a list in a body ({@code stages}, {@code rates}) as a {@code type}, each error
     * named by its place ({@code stages[2].key}); all of them at once, or nothing.
     */
    public static <T extends Record> List<T> readEach(String listField, List<java.util.Map<String, Object>> raw, Class<T> type) {
        List<T> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = listField + "[" + i + "]";
            java.util.Map<String, Object> item = raw.get(i);
            if (item == null) {
                errors.add(new FieldError(at, Messages.get("field.object")));
                continue;
            }
            try {
                out.add(read(io.fupan.core.record.Json.write(item), type).values());
            } catch (DomainException.Invalid e) {
                e.errors().forEach(f -> errors.add(new FieldError(at + "." + f.field(), f.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return out;
    }

    public static <T extends Record> Patch<T> read(String body, Class<T> type) {
        JsonObject object = parse(body);
        Shape shape = SHAPES.get(type);
        Map<String, RecordComponent> byName = shape.byName;
        List<FieldError> errors = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (var entry : object.entrySet()) {
            RecordComponent component = byName.get(entry.getKey());
            if (component == null) {
                errors.add(new FieldError(entry.getKey(), Messages.get("field.unknown", String.join(", ", byName.keySet()))));
                continue;
            }
            present.add(entry.getKey());
            try {
                values.put(entry.getKey(), convert(entry.getValue(), component.getGenericType(), entry.getKey()));
            } catch (FieldProblem p) {
                errors.add(new FieldError(p.field, p.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        Object[] args = shape.byName.keySet().stream().map(values::get).toArray();
        try {
            return new Patch<>(type.cast(shape.constructor.newInstance(args)), present);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    /** An input record's fields in order, and its canonical constructor: looked up once per type. */
    private record Shape(Map<String, RecordComponent> byName, Constructor<?> constructor) {}

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                byName.put(c.getName(), c);
            }
            try {
                return new Shape(java.util.Collections.unmodifiableMap(byName), type.getDeclaredConstructor(
                        byName.values().stream().map(RecordComponent::getType).toArray(Class<?>[]::new)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type.getSimpleName(), e);
            }
        }
    };

    /** Looked up once: {@code Json.createReader} looks for the JSON provider on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw badRequest(Messages.get("problem.noBody"));
        }
        try (JsonReader reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw badRequest(Messages.get("problem.notObject", value.getValueType().name().toLowerCase(java.util.Locale.ROOT)));
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw badRequest(at == null ? Messages.get("problem.malformed", e.getMessage())
                    : Messages.get("problem.malformedAt", String.valueOf(at.getLineNumber()), String.valueOf(at.getColumnNumber()),
                            e.getMessage()));
        } catch (jakarta.json.JsonException e) {
            throw badRequest(Messages.get("problem.malformed", e.getMessage()));
        }
    }

    private static WebApplicationException badRequest(String detail) {
        return new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "malformed-body", detail).toResponse());
    }

    private static Object convert(JsonValue value, Type type, String field) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            String s = string(value, field, "string");
            if (s.length() > MAX_STRING) {
                throw new FieldProblem(field, Messages.get("field.tooLong", String.valueOf(MAX_STRING)));
            }
            return s;
        }
        if (raw == Integer.class || raw == Long.class) {
            if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                throw new FieldProblem(field, Messages.get("field.wholeNumber"));
            }
            try {
                long l = n.bigDecimalValue().longValueExact();
                if (raw == Integer.class && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
                    throw new ArithmeticException();
                }
                if (raw == Integer.class) {
                    return Integer.valueOf((int) l); // not a ternary: it would box both arms as Long
                }
                return Long.valueOf(l);
            } catch (ArithmeticException e) {
                throw new FieldProblem(field, Messages.get("field.outOfRange"));
            }
        }
        if (raw == BigDecimal.class) {
            if (!(value instanceof JsonNumber n)) {
                throw new FieldProblem(field, Messages.get("field.number"));
            }
            return n.bigDecimalValue();
        }
        if (raw == Boolean.class) {
            if (value.getValueType() == JsonValue.ValueType.TRUE) return Boolean.TRUE;
            if (value.getValueType() == JsonValue.ValueType.FALSE) return Boolean.FALSE;
            throw new FieldProblem(field, Messages.get("field.boolean"));
        }
        if (raw == UUID.class) {
            String s = string(value, field, "id");
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new FieldProblem(field, Messages.get("field.uuid", abbreviate(s)));
            }
        }
        if (raw == OffsetDateTime.class) {
            String s = string(value, field, "time");
            try {
                return OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                throw new FieldProblem(field, Messages.get("field.time", abbreviate(s)));
            }
        }
        if (raw == LocalDate.class) {
            String s = string(value, field, "date");
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw new FieldProblem(field, Messages.get("field.date", abbreviate(s)));
            }
        }
        if (raw == Map.class) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new FieldProblem(field, Messages.get("field.object"));
            }
            return plain(value);
        }
        if (raw == List.class) {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new FieldProblem(field, Messages.get("field.array"));
            }
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> list = new ArrayList<>();
            JsonArray array = value.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                list.add(element == Object.class ? plain(array.get(i)) : convert(array.get(i), element, field + "[" + i + "]"));
            }
            return list;
        }
        throw new IllegalStateException("unsupported input type " + type + " of " + field);
    }

    private static String string(JsonValue value, String field, String what) {
        if (!(value instanceof JsonString s)) {
            throw new FieldProblem(field, Messages.get("field.string", Messages.get("field.what." + what)));
        }
        return s.getString();
    }

    /** A JSON value as plain Java: maps, lists, strings, BigDecimal, Boolean, null. */
    static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> value.asJsonArray().stream().map(JsonInput::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static final class FieldProblem extends RuntimeException {
        final String field;

        FieldProblem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
