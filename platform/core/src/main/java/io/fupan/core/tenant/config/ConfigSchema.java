package io.fupan.core.tenant.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One of the JSON Schemas of tenant-config (draft 2020-12), as shipped in this package under
 * {@code schema/}, and the plain-English wording of what it finds wrong.
 */
final class ConfigSchema {

    static final String PLAN = "plan.schema.json";
    static final String TENANT = "tenant.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode source;
    private final JsonSchema schema;

    private ConfigSchema(JsonNode source, JsonSchema schema) {
        this.source = source;
        this.schema = schema;
    }

    static ConfigSchema fromClasspath(String name) {
        try (InputStream in = ConfigSchema.class.getResourceAsStream("schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("io/fupan/core/tenant/config/schema/" + name + " is not on the classpath");
            }
            JsonNode source = JSON.readTree(in);
            var config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH)
                    .build();
            return new ConfigSchema(source, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(source, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates the document and reports each error on the line of the node it is about. */
    void check(YamlDocument doc) {
        for (ValidationMessage error : schema.validate(doc.json())) {
            List<Object> at = elements(error.getInstanceLocation());
            switch (error.getType()) {
                // The validator reports both at the mapping; a missing field has no line of its own.
                case "required" -> doc.report(at, YamlDocument.append(at, error.getProperty()), "is required but missing");
                case "additionalProperties" -> {
                    List<Object> field = YamlDocument.append(at, error.getProperty());
                    doc.report(field, "is not a known field" + knownFields(error));
                }
                default -> doc.report(at, reason(error));
            }
        }
    }

    private static String reason(ValidationMessage error) {
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        return switch (error.getType()) {
            case "type" -> "expected " + kind(error.getArguments()[1]) + ", found "
                    + (value.isBoolean() ? "a boolean" : kind(error.getArguments()[0]))
                    + (value.isValueNode() && !value.isNull() ? " (" + value + ")" : "");
            case "enum" -> shown(value) + " is not one of "
                    + StreamSupport.stream(rule.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
            case "pattern" -> shown(value) + " does not match the pattern " + rule.asText();
            case "minimum" -> "must be at least " + rule + ", not " + value;
            case "maximum" -> "must be at most " + rule + ", not " + value;
            case "minLength" -> rule.asInt() == 1 ? "must not be empty" : "must have at least " + rule + " characters";
            case "maxLength" -> "must have at most " + rule + " characters";
            case "uniqueItems" -> "lists the same value more than once";
            case "propertyNames" -> "key \"" + error.getProperty() + "\" " + error.getArguments()[1];
            // Keywords the schemas do not use today: the validator's own words, without its path prefix.
            default -> error.getMessage().substring(error.getMessage().indexOf(": ") + 2);
        };
    }

    private static String shown(JsonNode value) {
        return value.isNull() ? "an empty value" : value.toString();
    }

    /** The YAML words for JSON Schema's types. */
    private static String kind(Object jsonType) {
        return switch (String.valueOf(jsonType)) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "null" -> "an empty value";
            default -> String.valueOf(jsonType);
        };
    }

    /** " (known: a, b, c)" from the {@code properties} next to the failing {@code additionalProperties}. */
    private String knownFields(ValidationMessage error) {
        List<Object> location = elements(error.getSchemaLocation().getFragment());
        JsonNode properties = source;
        for (Object element : location.subList(0, location.size() - 1)) {
            properties = element instanceof Integer index ? properties.path(index) : properties.path(element.toString());
        }
        List<String> names = new ArrayList<>();
        properties.path("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "" : " (known: " + names.stream().sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static List<Object> elements(JsonNodePath path) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return List.copyOf(elements);
    }
}
