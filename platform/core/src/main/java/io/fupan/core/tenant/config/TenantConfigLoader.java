package io.fupan.core.tenant.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.core.tenant.config.PlanDefinition.Limits;
import io.fupan.core.tenant.config.PlanDefinition.PluginAllowance;
import io.fupan.core.tenant.config.TenantConfigException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the tenant-config folder ({@code plans/*.yaml}, {@code tenants/*.yaml}) at start-up.
 * Each file is checked against its JSON Schema, then against the others; only when no file has a
 * problem are the records built. Otherwise every problem of every file is thrown at once, each
 * with its file and line, so one failed start tells the operator everything to fix.
 */
public final class TenantConfigLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YAML = ".yaml";

    private TenantConfigLoader() {}

    /**
     * @param tenantConfigDir the folder holding {@code plans/} and {@code tenants/}
     * @return the plans and tenants, each list in file-name order
     * @throws TenantConfigException listing every problem found, if any
     */
    public static TenantConfig load(Path tenantConfigDir) {
        List<Problem> problems = new ArrayList<>();
        List<Path> planFiles = yamlFiles(tenantConfigDir, "plans", problems);
        List<Path> tenantFiles = yamlFiles(tenantConfigDir, "tenants", problems);
        if (planFiles.isEmpty()) {
            problems.add(new Problem(Path.of("plans"), 0, "no plan files (*.yaml) found"));
        }
        List<YamlDocument> plans = read(tenantConfigDir, planFiles, ConfigSchema.fromClasspath(ConfigSchema.PLAN), problems);
        List<YamlDocument> tenants = read(tenantConfigDir, tenantFiles, ConfigSchema.fromClasspath(ConfigSchema.TENANT), problems);

        // A plan's id must be its file name, so the file names are the known plans: a plan file
        // that is broken itself is reported once, not again by every tenant on that plan. The same
        // rule makes ids unique, as no folder holds two files of one name.
        List<String> planIds = planFiles.stream().map(TenantConfigLoader::stem).toList();
        plans.forEach(TenantConfigLoader::checkId);
        tenants.forEach(tenant -> checkTenant(tenant, planIds));

        if (!problems.isEmpty()) {
            // Stable: problems of one line keep the order in which they were found.
            problems.sort(Comparator.comparing((Problem p) -> p.file().toString()).thenComparingInt(Problem::line));
            throw new TenantConfigException(tenantConfigDir, problems);
        }
        return new TenantConfig(
                plans.stream().map(doc -> plan(doc.json())).toList(),
                tenants.stream().map(doc -> tenant(doc.json())).toList());
    }

    private static List<Path> yamlFiles(Path dir, String folder, List<Problem> problems) {
        if (!Files.isDirectory(dir.resolve(folder))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            return files.filter(file -> file.getFileName().toString().endsWith(YAML) && Files.isRegularFile(file))
                    .map(file -> Path.of(folder, file.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new Problem(Path.of(folder), 0, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    private static List<YamlDocument> read(Path dir, List<Path> files, ConfigSchema schema, List<Problem> problems) {
        List<YamlDocument> documents = new ArrayList<>();
        for (Path file : files) {
            YamlDocument document = YamlDocument.read(dir, file, problems);
            if (document != null) {
                schema.check(document);
                documents.add(document);
            }
        }
        return documents;
    }

    private static void checkId(YamlDocument doc) {
        text(doc, List.of("id"))
                .filter(id -> !id.equals(stem(doc.file())))
                .ifPresent(id -> doc.report(List.of("id"), quoted(id) + " does not match the file name " + doc.file().getFileName()));
    }

    private static void checkTenant(YamlDocument doc, List<String> planIds) {
        checkId(doc);
        text(doc, List.of("plan"))
                .filter(plan -> !planIds.contains(plan))
                .ifPresent(plan -> doc.report(List.of("plan"),
                        quoted(plan) + " is not a plan (known: " + String.join(", ", planIds) + ")"));
        text(doc, List.of("timeZone")).ifPresent(zone -> {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                doc.report(List.of("timeZone"), quoted(zone) + " is not a time zone (use an IANA name such as Asia/Shanghai)");
            }
        });
        text(doc, List.of("currency")).ifPresent(code -> {
            try {
                Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                doc.report(List.of("currency"), quoted(code) + " is not an ISO 4217 currency code");
            }
        });
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < doc.json().path("plugins").size(); i++) {
            List<Object> path = List.of("plugins", i, "id");
            int index = i;
            text(doc, path).ifPresent(id -> {
                Integer first = firstIndex.putIfAbsent(id, index);
                if (first != null) {
                    doc.report(path, quoted(id) + " is listed twice (first at line "
                            + doc.lineOf(List.of("plugins", first, "id")) + ")");
                }
            });
        }
    }

    /** The text at {@code path}, if it is text and the schema found nothing wrong with it. */
    private static Optional<String> text(YamlDocument doc, List<Object> path) {
        JsonNode value = doc.at(path);
        return value.isTextual() && doc.isClean(path) ? Optional.of(value.asText()) : Optional.empty();
    }

    // The builders below run only on documents without problems: the schema has vouched for
    // presence and type of every field they read.

    private static PlanDefinition plan(JsonNode json) {
        Map<Locale, String> names = new LinkedHashMap<>();
        json.get("name").properties().forEach(name -> names.put(Locale.forLanguageTag(name.getKey()), name.getValue().asText()));
        JsonNode plugins = json.get("plugins");
        Map<String, String> editions = new LinkedHashMap<>();
        plugins.path("editions").properties().forEach(edition -> editions.put(edition.getKey(), edition.getValue().asText()));
        JsonNode limits = json.get("limits");
        return new PlanDefinition(
                json.get("id").asText(),
                names,
                new PluginAllowance(texts(plugins.path("tiers")), texts(plugins.path("include")), editions),
                new Limits(
                        limits.get("users").asInt(),
                        limits.get("records").asLong(),
                        limits.get("apiRequestsPerMinute").asInt(),
                        limits.get("maxRequestBodyBytes").asLong(),
                        limits.get("storageMb").asLong()));
    }

    private static TenantDefinition tenant(JsonNode json) {
        List<TenantPluginSetting> plugins = new ArrayList<>();
        for (JsonNode plugin : json.path("plugins")) {
            plugins.add(new TenantPluginSetting(
                    plugin.get("id").asText(),
                    plugin.get("enabled").asBoolean(),
                    plugin.hasNonNull("version") ? plugin.get("version").asText() : null,
                    JSON.convertValue(plugin.path("config").isObject() ? plugin.get("config") : JSON.createObjectNode(),
                            new TypeReference<Map<String, Object>>() {})));
        }
        return new TenantDefinition(
                json.get("id").asText(),
                json.get("name").asText(),
                json.get("plan").asText(),
                TenantDefinition.Status.valueOf(json.get("status").asText().toUpperCase(Locale.ROOT)),
                ZoneId.of(json.get("timeZone").asText()),
                Currency.getInstance(json.get("currency").asText()),
                Locale.forLanguageTag(json.get("locale").asText()),
                plugins);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - YAML.length());
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }
}
