package io.fupan.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks a plugin jar passes before any of its code loads. */
class PluginArchiveTest {

    @TempDir
    Path dir;

    private Map<String, String> manifest() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Plugin-Id", "demo");
        m.put("Plugin-Version", "1.2.0");
        m.put("Plugin-Requires", ">=0.1.0 & <1.0.0");
        m.put("Fupan-Plan-Tier", "first-party");
        m.put("Fupan-Config-Schema", "schema.json");
        m.put("Plugin-Dependencies", "base@>=1.0.0, extra?");
        return m;
    }

    private Path jar(String name, Map<String, String> entries, String schema, boolean withChecksum) throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        entries.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write("demo.Factory\n".getBytes(StandardCharsets.UTF_8));
            if (schema != null) {
                out.putNextEntry(new JarEntry("schema.json"));
                out.write(schema.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (withChecksum) {
            Files.writeString(dir.resolve(name + ".sha256"), PluginArchive.sha256(jar) + "  " + name + "\n");
        }
        return jar;
    }

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"days\":{\"type\":\"integer\"}}}";

    @Test
    void read_goodJar_givesTheDescriptor() throws Exception {
        PluginDescriptor d = PluginArchive.read(jar("demo.jar", manifest(), SCHEMA, true), "0.1.0");

        assertThat(d.key()).isEqualTo("demo@1.2.0");
        assertThat(d.tier()).isEqualTo("first-party");
        assertThat(d.name()).isEqualTo("demo");
        assertThat(d.dependencies()).containsExactly(Map.entry("base", ">=1.0.0"));
        assertThat(d.configSchema()).isEqualTo(SCHEMA);
        assertThat(d.sha256()).hasSize(64);
    }

    @Test
    void callBudgets_longestMatchingPathWins_andBadOnesAreRefused() throws Exception {
        Map<String, java.time.Duration> budgets = PluginArchive.callBudgets(" model/train=120s, model=30s ,/export/=5s");
        PluginDescriptor d = new PluginDescriptor("demo", "1.0.0", "Demo", null, "first-party", "*", Map.of(), null,
                Path.of("demo.jar"), "00", null, budgets);
        java.time.Duration fallback = java.time.Duration.ofSeconds(2);
        assertThat(d.budgetFor("model/train", fallback)).hasSeconds(120);
        assertThat(d.budgetFor("model/train/status", fallback)).hasSeconds(120);
        assertThat(d.budgetFor("model/versions", fallback)).hasSeconds(30);
        assertThat(d.budgetFor("export", fallback)).hasSeconds(5);
        assertThat(d.budgetFor("models", fallback)).isEqualTo(fallback);
        assertThatThrownBy(() -> PluginArchive.callBudgets("train=2h")).isInstanceOf(PluginRefused.class)
                .hasMessageContaining("path=seconds");
        assertThatThrownBy(() -> PluginArchive.callBudgets("train=601s")).isInstanceOf(PluginRefused.class)
                .hasMessageContaining("1 to 600 s");
    }

    @Test
    void read_apiOutsideTheRange_isRefusedWithBothVersions() throws Exception {
        Path jar = jar("demo.jar", manifest(), SCHEMA, true);

        assertThatThrownBy(() -> PluginArchive.read(jar, "1.0.0")).isInstanceOf(PluginRefused.class)
                .hasMessage("plugin demo 1.2.0 requires API >=0.1.0 & <1.0.0, but this server provides API 1.0.0");
    }

    @Test
    void read_withoutChecksumFile_isRefused() throws Exception {
        Path jar = jar("demo.jar", manifest(), SCHEMA, false);

        assertThatThrownBy(() -> PluginArchive.read(jar, "0.1.0")).isInstanceOf(PluginRefused.class)
                .hasMessageStartingWith("no checksum file demo.jar.sha256 next to the jar");
    }

    @Test
    void read_changedAfterItsChecksum_isRefused() throws Exception {
        Path jar = jar("demo.jar", manifest(), SCHEMA, true);
        Files.write(jar, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> PluginArchive.read(jar, "0.1.0")).isInstanceOf(PluginRefused.class)
                .hasMessageStartingWith("checksum mismatch: demo.jar.sha256 states ");
    }

    @Test
    void read_missingRequires_isRefused() throws Exception {
        Map<String, String> m = manifest();
        m.remove("Plugin-Requires");

        assertThatThrownBy(() -> PluginArchive.read(jar("demo.jar", m, SCHEMA, true), "0.1.0"))
                .isInstanceOf(PluginRefused.class).hasMessage("the manifest lacks Plugin-Requires");
    }

    @Test
    void read_unknownTier_isRefused() throws Exception {
        Map<String, String> m = manifest();
        m.put("Fupan-Plan-Tier", "gold");

        assertThatThrownBy(() -> PluginArchive.read(jar("demo.jar", m, SCHEMA, true), "0.1.0"))
                .isInstanceOf(PluginRefused.class).hasMessageStartingWith("Fupan-Plan-Tier 'gold' is not one of");
    }

    @Test
    void read_versionNotSemver_isRefused() throws Exception {
        Map<String, String> m = manifest();
        m.put("Plugin-Version", "latest");

        assertThatThrownBy(() -> PluginArchive.read(jar("demo.jar", m, SCHEMA, true), "0.1.0"))
                .isInstanceOf(PluginRefused.class)
                .hasMessage("Plugin-Version 'latest' is not a semantic version such as 1.2.0");
    }

    @Test
    void read_schemaNamedButAbsent_isRefused() throws Exception {
        assertThatThrownBy(() -> PluginArchive.read(jar("demo.jar", manifest(), null, true), "0.1.0"))
                .isInstanceOf(PluginRefused.class)
                .hasMessage("Fupan-Config-Schema names schema.json, which is not in the jar");
    }

    @Test
    void read_notAZip_isRefused() throws Exception {
        Path broken = dir.resolve("broken.jar");
        Files.writeString(broken, "not a zip");
        Files.writeString(dir.resolve("broken.jar.sha256"), PluginArchive.sha256(broken));

        assertThatThrownBy(() -> PluginArchive.read(broken, "0.1.0")).isInstanceOf(PluginRefused.class)
                .hasMessageStartingWith("the file is not a readable jar");
    }

    // --- signatures (trusted Ed25519 keys configured)

    private java.security.KeyPair keyPair() throws Exception {
        return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private TrustedKeys trust(java.security.KeyPair pair) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("fupan.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return TrustedKeys.load(keys);
    }

    private void sign(Path jar, java.security.PrivateKey key) throws Exception {
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(Files.readAllBytes(jar));
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sig"),
                java.util.Base64.getEncoder().encodeToString(signer.sign()));
    }

    @Test
    void read_signedByATrustedKey_isAccepted() throws Exception {
        java.security.KeyPair pair = keyPair();
        Path jar = jar("signed.jar", manifest(), SCHEMA, true);
        sign(jar, pair.getPrivate());

        assertThat(PluginArchive.read(jar, "0.1.0", trust(pair)).id()).isEqualTo("demo");
    }

    @Test
    void read_signedByAnUntrustedKey_isRefused() throws Exception {
        Path jar = jar("forged.jar", manifest(), SCHEMA, true);
        sign(jar, keyPair().getPrivate());

        assertThatThrownBy(() -> PluginArchive.read(jar, "0.1.0", trust(keyPair())))
                .isInstanceOf(PluginRefused.class).hasMessageContaining("does not verify with any trusted key");
    }

    @Test
    void read_firstPartyUnsigned_isRefused_partnerUnsigned_isAccepted() throws Exception {
        TrustedKeys trusted = trust(keyPair());
        Path firstParty = jar("unsigned.jar", manifest(), SCHEMA, true);
        Map<String, String> partner = manifest();
        partner.put("Fupan-Plan-Tier", "partner");
        Path partnerJar = jar("partner.jar", partner, SCHEMA, true);

        assertThatThrownBy(() -> PluginArchive.read(firstParty, "0.1.0", trusted))
                .isInstanceOf(PluginRefused.class).hasMessageContaining("claims tier first-party but has no signature");
        assertThat(PluginArchive.read(partnerJar, "0.1.0", trusted).tier()).isEqualTo("partner");
    }

    @Test
    void read_signedJarChangedAfterSigning_isRefused() throws Exception {
        java.security.KeyPair pair = keyPair();
        Path jar = jar("changed.jar", manifest(), SCHEMA, false);
        sign(jar, pair.getPrivate());
        Files.write(jar, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND); // a byte added after signing
        Files.writeString(dir.resolve("changed.jar.sha256"), PluginArchive.sha256(jar) + "  changed.jar\n");

        assertThatThrownBy(() -> PluginArchive.read(jar, "0.1.0", trust(pair)))
                .isInstanceOf(PluginRefused.class).hasMessageContaining("does not verify");
    }
}
