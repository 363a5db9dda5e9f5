package io.fupan.core.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Reads and checks a plugin jar before any of its code loads: the checksum file next to it
 * ({@code <jar>.sha256}, the hex SHA-256 of the jar as {@code sha256sum} writes it), that it is a
 * readable jar, its manifest descriptor, the API range it needs, its config schema and, with trusted
 * keys configured, its signature ({@link TrustedKeys}). Each check
 * that fails is a {@link PluginRefused} with the reason.
 */
final class PluginArchive {

    static final String CHECKSUM_SUFFIX = ".sha256";
    static final Set<String> TIERS = Set.of("first-party", "approved-partner", "partner");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    private static final VersionManager VERSIONS = new DefaultVersionManager();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginArchive() {}

    static PluginDescriptor read(Path jar, String apiVersion) throws PluginRefused {
        return read(jar, apiVersion, TrustedKeys.NONE);
    }

    /**
     * As {@link #read(Path, String)}, and with trusted keys configured: a plugin of tier first-party or
     * approved-partner must be signed by one of them (its tier is a claim the signature backs), and a
     * signature present on any plugin must verify.
     */
    static PluginDescriptor read(Path jar, String apiVersion, TrustedKeys trusted) throws PluginRefused {
        String sha256 = checkChecksum(jar);
        Manifest manifest;
        String schema;
        String migrations;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            manifest = file.getManifest();
            if (manifest == null) {
                throw new PluginRefused("the jar has no META-INF/MANIFEST.MF, so no plugin descriptor");
            }
            String schemaPath = manifest.getMainAttributes().getValue("Fupan-Config-Schema");
            schema = schemaPath == null ? null : entry(file, schemaPath);
            migrations = migrations(file, manifest.getMainAttributes().getValue("Fupan-Migrations"));
            if (file.getEntry("META-INF/extensions.idx") == null) {
                throw new PluginRefused("the jar has no META-INF/extensions.idx: no PluginFactory extension was"
                        + " indexed (build it with the pf4j annotation processor; on JDK 23+ set <proc>full</proc>)");
            }
        } catch (IOException | SecurityException e) {
            throw new PluginRefused("the file is not a readable jar (" + e.getMessage() + ")");
        }
        Attributes main = manifest.getMainAttributes();
        String id = required(main, "Plugin-Id");
        if (!ID.matcher(id).matches()) {
            throw new PluginRefused("Plugin-Id '" + id + "' must be lower-case letters, digits and hyphens, 2-63"
                    + " characters, starting with a letter");
        }
        String version = required(main, "Plugin-Version");
        if (!VERSIONS.checkVersionConstraint(version, "*") || !version.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?")) {
            throw new PluginRefused("Plugin-Version '" + version + "' is not a semantic version such as 1.2.0");
        }
        String requires = required(main, "Plugin-Requires");
        boolean fits;
        try {
            fits = VERSIONS.checkVersionConstraint(apiVersion, requires);
        } catch (RuntimeException e) {
            throw new PluginRefused("Plugin-Requires '" + requires + "' is not a version range (" + e.getMessage() + ")");
        }
        if (!fits) {
            throw new PluginRefused("plugin " + id + " " + version + " requires API " + requires
                    + ", but this server provides API " + apiVersion);
        }
        String tier = required(main, "Fupan-Plan-Tier").toLowerCase(Locale.ROOT);
        if (!TIERS.contains(tier)) {
            throw new PluginRefused("Fupan-Plan-Tier '" + tier + "' is not one of " + String.join(", ", TIERS));
        }
        if (schema != null) {
            try {
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(schema));
            } catch (IOException | RuntimeException e) {
                throw new PluginRefused("its config schema is not a JSON Schema (" + e.getMessage() + ")");
            }
        }
        checkSignature(jar, tier, trusted);
        String name = main.getValue("Fupan-Plugin-Name");
        return new PluginDescriptor(id, version, name == null || name.isBlank() ? id : name.strip(),
                main.getValue("Plugin-Description"), tier, requires,
                dependencies(main.getValue("Plugin-Dependencies")), schema, jar, sha256, migrations,
                callBudgets(main.getValue("Fupan-Call-Budgets")));
    }

    private static void checkSignature(Path jar, String tier, TrustedKeys trusted) throws PluginRefused {
        if (!trusted.any()) {
            return;
        }
        Path sigFile = jar.resolveSibling(jar.getFileName() + TrustedKeys.SIGNATURE_SUFFIX);
        boolean signed = Files.isRegularFile(sigFile);
        if (!signed) {
            if (!"partner".equals(tier)) {
                throw new PluginRefused("it claims tier " + tier + " but has no signature " + sigFile.getFileName()
                        + " (only tier partner may load unsigned)");
            }
            return;
        }
        try {
            if (!trusted.verify(Files.readAllBytes(jar), Files.readString(sigFile, StandardCharsets.US_ASCII))) {
                throw new PluginRefused("its signature " + sigFile.getFileName() + " does not verify with any trusted key ("
                        + trusted.source() + ")");
            }
        } catch (IOException e) {
            throw new PluginRefused("cannot read " + sigFile.getFileName() + ": " + e.getMessage());
        }
    }

    private static String checkChecksum(Path jar) throws PluginRefused {
        Path sumFile = jar.resolveSibling(jar.getFileName() + CHECKSUM_SUFFIX);
        if (!Files.isRegularFile(sumFile)) {
            throw new PluginRefused("no checksum file " + sumFile.getFileName() + " next to the jar (the hex SHA-256"
                    + " of the jar, as `sha256sum` writes it)");
        }
        String stated;
        try {
            String text = Files.readString(sumFile, StandardCharsets.UTF_8).strip();
            stated = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new PluginRefused("cannot read " + sumFile.getFileName() + ": " + e.getMessage());
        }
        String actual = sha256(jar);
        if (!actual.equals(stated)) {
            throw new PluginRefused("checksum mismatch: " + sumFile.getFileName() + " states " + shortHash(stated)
                    + "…, the jar's SHA-256 is " + shortHash(actual) + "… (a corrupted or tampered download?)");
        }
        return actual;
    }

    static String sha256(Path file) throws PluginRefused {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new PluginRefused("cannot read the jar: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static String entry(JarFile file, String path) throws IOException, PluginRefused {
        ZipEntry entry = file.getEntry(path.startsWith("/") ? path.substring(1) : path);
        if (entry == null) {
            throw new PluginRefused("Fupan-Config-Schema names " + path + ", which is not in the jar");
        }
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code model/train=120s, export=30s}: endpoint paths and their budgets, at most {@link PluginDescriptor#MAX_CALL_BUDGET}. */
    static Map<String, java.time.Duration> callBudgets(String value) throws PluginRefused {
        Map<String, java.time.Duration> budgets = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return budgets;
        }
        for (String part : value.split(",")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z0-9._~/-]+)\\s*=\\s*(\\d+)\\s*s\\s*")
                    .matcher(part);
            if (!m.matches()) {
                throw new PluginRefused("Fupan-Call-Budgets has '" + part.strip() + "'; write path=seconds, e.g. model/train=120s");
            }
            java.time.Duration d = java.time.Duration.ofSeconds(Long.parseLong(m.group(2)));
            if (d.isZero() || d.compareTo(PluginDescriptor.MAX_CALL_BUDGET) > 0) {
                throw new PluginRefused("Fupan-Call-Budgets asks " + d.toSeconds() + " s for " + m.group(1)
                        + "; a call may have 1 to " + PluginDescriptor.MAX_CALL_BUDGET.toSeconds() + " s");
            }
            budgets.put(m.group(1).replaceAll("^/+|/+$", ""), d);
        }
        return budgets;
    }

    /** The migrations folder {@code value} names, checked to hold Flyway scripts; null when unnamed. */
    private static String migrations(JarFile file, String value) throws PluginRefused {
        if (value == null || value.isBlank()) {
            return null;
        }
        String folder = value.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        if (folder.isEmpty() || folder.contains("..")) {
            throw new PluginRefused("Fupan-Migrations '" + value + "' is not a folder in the jar");
        }
        boolean any = file.stream().map(ZipEntry::getName)
                .anyMatch(n -> n.startsWith(folder + "/") && n.indexOf('/', folder.length() + 1) < 0
                        && n.matches(".*/V\\d+(_\\d+)*__[^/]+\\.sql"));
        if (!any) {
            throw new PluginRefused("Fupan-Migrations names " + folder + ", which holds no Flyway scripts (V1__what.sql)");
        }
        return folder;
    }

    /** Copies the migration scripts of {@code d} out of its jar into {@code dir} (for Flyway's filesystem location). */
    static void extractMigrations(PluginDescriptor d, Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        try (JarFile file = new JarFile(d.jar().toFile())) {
            for (ZipEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(d.migrations() + "/") && name.endsWith(".sql")
                        && name.indexOf('/', d.migrations().length() + 1) < 0) {
                    try (InputStream in = file.getInputStream(e)) {
                        java.nio.file.Files.copy(in, dir.resolve(name.substring(name.lastIndexOf('/') + 1)),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static String required(Attributes main, String name) throws PluginRefused {
        String value = main.getValue(name);
        if (value == null || value.isBlank()) {
            throw new PluginRefused("the manifest lacks " + name);
        }
        return value.strip();
    }

    /** PF4J's form: {@code other-plugin@>=1.0.0, third}; a dependency without a range accepts any version. */
    private static Map<String, String> dependencies(String value) throws PluginRefused {
        Map<String, String> deps = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return deps;
        }
        for (String part : value.split(",")) {
            String dep = part.strip();
            if (dep.isEmpty()) {
                continue;
            }
            int at = dep.indexOf('@');
            String id = at < 0 ? dep : dep.substring(0, at).strip();
            String range = at < 0 ? "*" : dep.substring(at + 1).strip();
            if (id.endsWith("?")) {
                continue; // optional dependency: nothing to check
            }
            if (!ID.matcher(id).matches()) {
                throw new PluginRefused("Plugin-Dependencies names '" + id + "', which is not a plugin id");
            }
            deps.put(id, range.isEmpty() ? "*" : range);
        }
        return deps;
    }
}
