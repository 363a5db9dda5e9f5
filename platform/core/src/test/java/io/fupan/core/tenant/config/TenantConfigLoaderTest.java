package io.fupan.core.tenant.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fupan.core.tenant.config.TenantConfigException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link TenantConfigLoader#load}: the repository's tenant-config loads as the demo
 * expects, and each kind of mistake stops it with {@code file:line: reason}, all mistakes at once.
 */
class TenantConfigLoaderTest {

    private static final Path REPOSITORY_CONFIG = Path.of(System.getProperty("fupan.tenant-config.dir"));

    /** A valid plan file, like the repository's, whose lines the cases below may break. */
    private static final String LITE = """
            id: lite
            name: { en: Lite, zh-CN: 轻量版 }
            plugins:
              tiers: []
              include: [review-dashboards]
              editions: { review-dashboards: lite }
            limits: { users: 20, records: 200000, apiRequestsPerMinute: 600, maxRequestBodyBytes: 10485760, storageMb: 2048 }
            """;

    /** A valid tenant file whose lines the cases below break one at a time. */
    private static final String LUMEN = """
            id: lumen
            name: Lumen Studio
            plan: lite
            status: active
            timeZone: Europe/Berlin
            currency: EUR
            locale: en
            plugins:
              - id: review-dashboards
                enabled: true
              - id: lead-scoring
                enabled: false
                version: 1.2.0
                config: { threshold: 70, channels: [web, email] }
            """;

    @TempDir
    Path dir;

    /** A copy of the repository's plans and tenants, so that each case breaks one file of a good set. */
    @BeforeEach
    void copyRepositoryConfig() throws IOException {
        for (String folder : List.of("plans", "tenants")) {
            Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(REPOSITORY_CONFIG.resolve(folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        write("plans/lite.yaml", LITE);
        write("tenants/lumen.yaml", LUMEN);
    }

    @Test
    void load_repositoryConfig_givesDemoPlansAndTenants() {
        TenantConfig config = TenantConfigLoader.load(REPOSITORY_CONFIG);

        assertThat(config.plans()).extracting(PlanDefinition::id).containsExactly("enterprise", "lite");
        PlanDefinition lite = config.plan("lite").orElseThrow();
        assertThat(lite.name(Locale.SIMPLIFIED_CHINESE)).isEqualTo("轻量版");
        assertThat(lite.name(Locale.GERMAN)).isEqualTo("Lite");
        assertThat(lite.plugins().tiers()).isEmpty();
        assertThat(lite.plugins().allows("review-dashboards", "first-party")).isTrue();
        assertThat(lite.plugins().allows("lead-scoring", "first-party")).isFalse();
        assertThat(lite.plugins().edition("review-dashboards")).contains("lite");
        assertThat(lite.limits()).isEqualTo(new PlanDefinition.Limits(20, 200_000, 3000, 10_485_760, 2048));
        PlanDefinition enterprise = config.plan("enterprise").orElseThrow();
        assertThat(enterprise.plugins().tiers()).containsExactly("first-party", "approved-partner");
        assertThat(enterprise.plugins().editions()).isEmpty();

        assertThat(config.tenants()).extracting(TenantDefinition::id).containsExactly("acme", "lumen");
        TenantDefinition acme = config.tenant("acme").orElseThrow();
        assertThat(acme.plan()).isEqualTo("enterprise");
        assertThat(acme.status()).isEqualTo(TenantDefinition.Status.ACTIVE);
        assertThat(acme.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(acme.currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(acme.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(acme.plugins()).allMatch(TenantPluginSetting::enabled).extracting(TenantPluginSetting::id)
                .containsExactly("review-dashboards", "lead-scoring", "c139-health", "relationship-map", "cpq");
        TenantDefinition lumen = config.tenant("lumen").orElseThrow();
        assertThat(config.planOf(lumen)).isEqualTo(lite);
        assertThat(lumen.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(lumen.plugin("review-dashboards")).hasValueSatisfying(p -> assertThat(p.enabled()).isTrue());
    }

    @Test
    void load_pluginWithVersionAndConfig_keepsThem() {
        TenantPluginSetting scoring = TenantConfigLoader.load(dir).tenant("lumen").orElseThrow()
                .plugin("lead-scoring").orElseThrow();

        assertThat(scoring.enabled()).isFalse();
        assertThat(scoring.version()).isEqualTo("1.2.0");
        assertThat(scoring.config()).containsEntry("threshold", 70).containsEntry("channels", List.of("web", "email"));
    }

    @Test
    void load_timeZoneNotText_reportsExpectedType() {
        write("tenants/lumen.yaml", LUMEN.replace("timeZone: Europe/Berlin", "timeZone: 5"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:5: timeZone: expected a string, found an integer (5)");
    }

    @Test
    void load_planMissing_reportsOnLineOfEnclosingMapping() {
        write("tenants/lumen.yaml", "# Lumen\n" + LUMEN.replace("plan: lite\n", ""));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:2: plan: is required but missing");
    }

    @Test
    void load_nestedFieldMissing_reportsOnLineOfListItem() {
        write("tenants/lumen.yaml", LUMEN.replace("    enabled: true\n", ""));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:9: plugins[0].enabled: is required but missing");
    }

    @Test
    void load_unknownPlan_reportsKnownPlans() {
        write("tenants/lumen.yaml", LUMEN.replace("plan: lite", "plan: gold"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:3: plan: \"gold\" is not a plan (known: enterprise, lite)");
    }

    @Test
    void load_unknownStatus_reportsAllowedValues() {
        write("tenants/lumen.yaml", LUMEN.replace("status: active", "status: paused"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:4: status: \"paused\" is not one of active, suspended");
    }

    @Test
    void load_unknownTimeZone_reportsZone() {
        write("tenants/lumen.yaml", LUMEN.replace("Europe/Berlin", "Europe/Atlantis"));

        assertThat(problems()).containsExactly(
                "tenants/lumen.yaml:5: timeZone: \"Europe/Atlantis\" is not a time zone (use an IANA name such as Asia/Shanghai)");
    }

    @Test
    void load_unknownCurrency_reportsCurrency() {
        write("tenants/lumen.yaml", LUMEN.replace("currency: EUR", "currency: XYZ"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:6: currency: \"XYZ\" is not an ISO 4217 currency code");
    }

    @Test
    void load_idNotFileName_reportsFileName() {
        write("tenants/lumen.yaml", LUMEN.replace("id: lumen", "id: lumen-studio"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:1: id: \"lumen-studio\" does not match the file name lumen.yaml");
    }

    @Test
    void load_yamlSyntaxError_reportsLine() {
        write("tenants/lumen.yaml", LUMEN.replace("name: Lumen Studio", "name: Lumen: Studio"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:2: not valid YAML: mapping values are not allowed here");
    }

    @Test
    void load_unknownField_reportsKnownFields() {
        write("tenants/lumen.yaml", LUMEN.replace("locale: en", "locale: en\ncolour: teal"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:8: colour: is not a known field"
                + " (known: currency, id, locale, name, plan, plugins, status, timeZone)");
    }

    @Test
    void load_duplicatePluginId_reportsBothLines() {
        write("tenants/lumen.yaml", LUMEN.replace("id: lead-scoring", "id: review-dashboards"));

        assertThat(problems()).containsExactly(
                "tenants/lumen.yaml:11: plugins[1].id: \"review-dashboards\" is listed twice (first at line 9)");
    }

    @Test
    void load_duplicateKey_reportsSecondKey() {
        write("tenants/lumen.yaml", LUMEN.replace("locale: en", "locale: en\nlocale: zh-CN"));

        assertThat(problems()).containsExactly("tenants/lumen.yaml:8: locale: appears twice (first at line 7)");
    }

    @Test
    void load_twoBrokenFiles_reportsAllProblemsInOneException() {
        write("plans/lite.yaml", LITE.replace("users: 20", "users: 0"));
        write("tenants/lumen.yaml", LUMEN.replace("plan: lite", "plan: gold").replace("timeZone: Europe/Berlin", "timeZone: 5"));

        TenantConfigException e = assertThrows(TenantConfigException.class, () -> TenantConfigLoader.load(dir));

        assertThat(e.getMessage()).isEqualTo("3 problems in " + dir + ":\n"
                + "plans/lite.yaml:7: limits.users: must be at least 1, not 0\n"
                + "tenants/lumen.yaml:3: plan: \"gold\" is not a plan (known: enterprise, lite)\n"
                + "tenants/lumen.yaml:5: timeZone: expected a string, found an integer (5)");
        assertThat(e.problems()).first().isEqualTo(new Problem(Path.of("plans/lite.yaml"), 7, "limits.users: must be at least 1, not 0"));
    }

    private List<String> problems() {
        TenantConfigException e = assertThrows(TenantConfigException.class, () -> TenantConfigLoader.load(dir));
        return e.problems().stream().map(Problem::toString).toList();
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
