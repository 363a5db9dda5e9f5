package io.fupan.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders the chart assembled by the build in {@code target/chart/fupan} (chart
 * sources + the repository's tenant-config) through helm-java: no helm binary involved.
 */
class ChartTest {

  private static final String RELEASE = "fupan";
  private static final String NAMESPACE = "fupan";
  /**
   * helm-java's embedded Helm reports Kubernetes v1.20.0 unless told otherwise, below the chart's
   * kubeVersion (autoscaling/v2 needs 1.23): render for a current cluster.
   */
  private static final String KUBE_VERSION = "v1.31.0";
  private static final List<String> TENANT_CONFIG_FOLDERS = List.of("plans", "tenants", "schema");

  private static Path chartDir;
  private static Path tenantConfigDir;

  @BeforeAll
  static void locateChart() {
    chartDir = Paths.get(System.getProperty("fupan.chartDir", "target/chart/fupan")).toAbsolutePath();
    tenantConfigDir = Paths.get(System.getProperty("fupan.tenantConfigDir", "../tenant-config")).toAbsolutePath();
    assertThat(chartDir.resolve("Chart.yaml"))
        .as("chart assembled by the build (mvn generate-test-resources)")
        .isRegularFile();
  }

  // ---------------------------------------------------------------- lint

  @Test
  void lint_strict_passes() {
    LintResult result = new Helm(chartDir).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void lint_valuesWithWrongType_failsNamingTheKey(@TempDir Path tmp) throws IOException {
    Path brokenChart = copyChart(tmp.resolve("fupan"));
    Path values = brokenChart.resolve("values.yaml");
    Files.writeString(values, Files.readString(values).replaceFirst("(?m)^replicaCount: .*$", "replicaCount: \"many\""));

    LintResult result = new Helm(brokenChart).lint().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
  }

  // ---------------------------------------------------------------- template, default values

  @Test
  void template_defaultValues_rendersProbesOnHealth() {
    Map<String, Object> container = fupanContainer(render());

    assertThat(at(container, "startupProbe.httpGet.path")).isEqualTo("/health/started");
    assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/health/live");
    assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/health/ready");
    assertThat(at(container, "startupProbe.httpGet.port")).isEqualTo("http");
    assertThat(at(container, "livenessProbe.httpGet.port")).isEqualTo("http");
    assertThat(at(container, "readinessProbe.httpGet.port")).isEqualTo("http");
  }

  @Test
  void template_defaultValues_exposesHttpPort9080() {
    Map<String, Object> container = fupanContainer(render());

    assertThat(list(container, "ports"))
        .singleElement()
        .satisfies(port -> {
          assertThat(port.get("name")).isEqualTo("http");
          assertThat(port.get("containerPort")).isEqualTo(9080);
        });
  }

  @Test
  void template_defaultValues_setsEnvWithSecretRefs() {
    Map<String, Map<String, Object>> env = list(fupanContainer(render()), "env").stream()
        .collect(Collectors.toMap(e -> (String) e.get("name"), Function.identity()));

    assertThat(env).containsKeys(
        "FUPAN_DB_URL", "FUPAN_DB_USER", "FUPAN_DB_PASSWORD",
        "FUPAN_KEYCLOAK_URL", "FUPAN_KEYCLOAK_REALM", "FUPAN_KEYCLOAK_ADMIN_CLIENT_SECRET",
        "FUPAN_TENANT_CONFIG_DIR", "FUPAN_PLUGINS_DIR");
    assertThat(at(env.get("FUPAN_DB_URL"), "value")).isEqualTo("jdbc:postgresql://postgresql:5432/fupan");
    assertSecretRef(env.get("FUPAN_DB_USER"), "fupan-database", "username");
    assertSecretRef(env.get("FUPAN_DB_PASSWORD"), "fupan-database", "password");
    assertSecretRef(env.get("FUPAN_DB_APP_USER"), "fupan-database", "app-username");
    assertSecretRef(env.get("FUPAN_DB_APP_PASSWORD"), "fupan-database", "app-password");
    assertThat(env).doesNotContainKey("FUPAN_KEYCLOAK_INTERNAL_URL");
    assertThat(at(env.get("FUPAN_KEYCLOAK_URL"), "value")).isEqualTo("http://keycloak:8080");
    assertThat(at(env.get("FUPAN_KEYCLOAK_REALM"), "value")).isEqualTo("fupan");
    assertSecretRef(env.get("FUPAN_KEYCLOAK_ADMIN_CLIENT_SECRET"), "fupan-keycloak", "admin-client-secret");
    assertThat(at(env.get("FUPAN_TENANT_CONFIG_DIR"), "value")).isEqualTo("/config/tenant-config");
    assertThat(at(env.get("FUPAN_PLUGINS_DIR"), "value")).isEqualTo("/plugins");
  }

  @Test
  void template_secretValues_renderIntoSecretRefs() {
    List<Map<String, Object>> docs = parse(template()
        .set("database.existingSecret", "pg-creds")
        .set("database.userKey", "user")
        .set("database.passwordKey", "pass")
        .set("keycloak.existingSecret", "kc-creds")
        .set("keycloak.adminClientSecretKey", "secret")
        .call());
    Map<String, Map<String, Object>> env = list(fupanContainer(docs), "env").stream()
        .collect(Collectors.toMap(e -> (String) e.get("name"), Function.identity()));

    assertSecretRef(env.get("FUPAN_DB_USER"), "pg-creds", "user");
    assertSecretRef(env.get("FUPAN_DB_PASSWORD"), "pg-creds", "pass");
    assertSecretRef(env.get("FUPAN_KEYCLOAK_ADMIN_CLIENT_SECRET"), "kc-creds", "secret");
  }

  @Test
  void template_defaultValues_mountsTenantConfigAndWritableDirs() {
    List<Map<String, Object>> docs = render();
    Map<String, String> mounts = list(fupanContainer(docs), "volumeMounts").stream()
        .collect(Collectors.toMap(m -> (String) m.get("mountPath"), m -> (String) m.get("name")));

    assertThat(mounts).containsEntry("/config/tenant-config", "tenant-config")
        .containsEntry("/plugins", "plugins")
        .containsEntry("/opt/ol/wlp/output", "liberty-output")
        .containsEntry("/logs", "liberty-logs");
    assertThat(at(fupanContainer(docs), "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(at(podSpec(docs), "securityContext.runAsNonRoot")).isEqualTo(true);
    Map<String, Map<String, Object>> volumes = list(podSpec(docs), "volumes").stream()
        .collect(Collectors.toMap(v -> (String) v.get("name"), Function.identity()));
    assertThat(at(volumes.get("tenant-config"), "configMap.name")).isEqualTo("fupan-tenant-config");
    assertThat(volumes.get("plugins")).containsKey("emptyDir");
    assertThat(volumes.get("liberty-output")).containsKey("emptyDir");
    assertThat(volumes.get("liberty-logs")).containsKey("emptyDir");
  }

  @Test
  void template_pluginsClaim_mountsTheClaimReadOnly() {
    Map<String, Map<String, Object>> volumes = list(podSpec(parse(template()
        .set("plugins.persistentVolumeClaim", "fupan-plugins").call())), "volumes").stream()
        .collect(Collectors.toMap(v -> (String) v.get("name"), Function.identity()));

    assertThat(at(volumes.get("plugins"), "persistentVolumeClaim.claimName")).isEqualTo("fupan-plugins");
    assertThat(at(volumes.get("plugins"), "persistentVolumeClaim.readOnly")).isEqualTo(true);
  }

  @Test
  void template_trustedKeys_mountsTheKeysAndTurnsSignatureChecksOn() {
    Map<String, Object> pod = podSpec(parse(template().set("plugins.trustedKeysConfigMap", "fupan-plugin-keys").call()));
    Map<String, Object> container = list(pod, "containers").get(0);
    Map<String, Map<String, Object>> env = list(container, "env").stream()
        .collect(Collectors.toMap(e -> (String) e.get("name"), Function.identity()));
    assertThat(at(env.get("FUPAN_PLUGINS_TRUSTED_KEYS"), "value")).isEqualTo("/config/trusted-keys");
    assertThat(list(container, "volumeMounts")).anySatisfy(m -> {
      assertThat(m.get("name")).isEqualTo("trusted-keys");
      assertThat(m.get("mountPath")).isEqualTo("/config/trusted-keys");
    });
    assertThat(list(pod, "volumes")).anySatisfy(v -> assertThat(at(v, "configMap.name")).isEqualTo("fupan-plugin-keys"));

    Map<String, Object> plain = list(podSpec(render()), "containers").get(0);
    assertThat(list(plain, "env")).noneSatisfy(e -> assertThat(e.get("name")).isEqualTo("FUPAN_PLUGINS_TRUSTED_KEYS"));
  }

  @Test
  void template_defaultValues_prefersSpreadingPodsAcrossNodes() {
    List<Map<String, Object>> terms = list(podSpec(render()),
        "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution");

    assertThat(terms).singleElement()
        .satisfies(t -> assertThat(at(t, "podAffinityTerm.topologyKey")).isEqualTo("kubernetes.io/hostname"));
  }

  @Test
  void template_defaultValues_servicePort80ToHttp() {
    Map<String, Object> service = one(render(), "Service");

    assertThat(at(service, "spec.type")).isEqualTo("ClusterIP");
    assertThat(list(service, "spec.ports")).singleElement().satisfies(port -> {
      assertThat(port.get("port")).isEqualTo(80);
      assertThat(port.get("targetPort")).isEqualTo("http");
    });
  }

  @Test
  void template_defaultValues_rendersHpaFrom2To10AtCpu70() {
    List<Map<String, Object>> docs = render();
    Map<String, Object> hpa = one(docs, "HorizontalPodAutoscaler");

    assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
    assertThat(at(hpa, "spec.minReplicas")).isEqualTo(2);
    assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(10);
    assertThat(at(hpa, "spec.scaleTargetRef.name")).isEqualTo("fupan");
    assertThat(list(hpa, "spec.metrics")).singleElement().satisfies(m -> {
      assertThat(at(m, "resource.name")).isEqualTo("cpu");
      assertThat(at(m, "resource.target.averageUtilization")).isEqualTo(70);
    });
    assertThat(mapAt(one(docs, "Deployment"), "spec")).doesNotContainKey("replicas");
  }

  @Test
  void template_defaultValues_rendersPdbServiceAccountAndNoIngress() {
    List<Map<String, Object>> docs = render();

    assertThat(at(one(docs, "PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(1);
    assertThat(at(one(docs, "ServiceAccount"), "metadata.name")).isEqualTo("fupan");
    assertThat(at(podSpec(docs), "serviceAccountName")).isEqualTo("fupan");
    assertThat(kinds(docs)).doesNotContain("Ingress");
  }

  @Test
  void template_defaultValues_setsStandardLabels() {
    Map<String, Object> labels = mapAt(one(render(), "Deployment"), "metadata.labels");

    assertThat(labels).containsEntry("app.kubernetes.io/name", "fupan")
        .containsEntry("app.kubernetes.io/instance", RELEASE)
        .containsEntry("app.kubernetes.io/version", "0.1.0")
        .containsEntry("app.kubernetes.io/managed-by", "Helm")
        .containsKey("helm.sh/chart");
    assertThat(fupanContainer(render()).get("image")).isEqualTo("ghcr.io/fupan/fupan-server:0.1.0");
  }

  @Test
  void template_defaultValues_configMapHoldsEveryTenantConfigFile() {
    List<Map<String, Object>> docs = render();
    Map<String, String> expected = tenantConfigFiles();
    Map<String, Object> configMap = one(docs, "ConfigMap");
    Map<String, Object> data = at(configMap, "data") == null ? Map.of() : mapAt(configMap, "data");

    assertThat(new TreeMap<>(data)).isEqualTo(new TreeMap<>(expected.entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().replace('/', '_'), Map.Entry::getValue))));
    assertThat(data.keySet()).as("the Keycloak realm stays out of the chart").noneMatch(k -> k.startsWith("keycloak"));
    if (!expected.isEmpty()) {
      Map<String, Object> volume = list(podSpec(docs), "volumes").stream()
          .filter(v -> "tenant-config".equals(v.get("name"))).findFirst().orElseThrow();
      Map<String, String> items = list(volume, "configMap.items").stream()
          .collect(Collectors.toMap(i -> (String) i.get("key"), i -> (String) i.get("path")));
      assertThat(items).hasSize(expected.size());
      expected.keySet().forEach(path -> assertThat(items).containsEntry(path.replace('/', '_'), path));
    }
  }

  @Test
  void template_defaultValues_annotatesPodsWithConfigChecksum() {
    Map<String, Object> annotations = mapAt(one(render(), "Deployment"), "spec.template.metadata.annotations");

    assertThat(annotations).containsKey("checksum/tenant-config");
    assertThat((String) annotations.get("checksum/tenant-config")).matches("[0-9a-f]{64}");
  }

  // ---------------------------------------------------------------- template, other values

  @Test
  void template_autoscalingDisabled_rendersNoHpaAndSetsReplicas() {
    List<Map<String, Object>> docs = parse(template()
        .set("autoscaling.enabled", "false")
        .set("replicaCount", "3")
        .call());

    assertThat(kinds(docs)).doesNotContain("HorizontalPodAutoscaler");
    assertThat(at(one(docs, "Deployment"), "spec.replicas")).isEqualTo(3);
  }

  @Test
  void template_ingressEnabled_routesHostToService() {
    Map<String, Object> ingress = one(parse(template()
        .set("ingress.enabled", "true")
        .set("ingress.className", "nginx")
        .call()), "Ingress");

    assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
    Map<String, Object> rule = list(ingress, "spec.rules").get(0);
    assertThat(rule.get("host")).isEqualTo("fupan.example.com");
    assertThat(at(list(rule, "http.paths").get(0), "backend.service.name")).isEqualTo("fupan");
  }

  @Test
  void template_valuesWithWrongType_failsNamingTheKey(@TempDir Path tmp) throws IOException {
    Path values = Files.writeString(tmp.resolve("bad-values.yaml"), "replicaCount: \"many\"\n");

    assertThatThrownBy(() -> template().withValuesFile(values).call())
        .hasMessageContaining("replicaCount");
  }

  @Test
  void template_unknownKey_failsNamingTheKey(@TempDir Path tmp) throws IOException {
    Path values = Files.writeString(tmp.resolve("typo-values.yaml"), "replicaCont: 3\n");

    assertThatThrownBy(() -> template().withValuesFile(values).call())
        .hasMessageContaining("replicaCont");
  }

  // ---------------------------------------------------------------- helpers

  private static TemplateCommand template() {
    return new Helm(chartDir).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
  }

  private static List<Map<String, Object>> render() {
    return parse(template().call());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String manifests) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(manifests)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    assertThat(docs).as("rendered manifests").isNotEmpty();
    return docs;
  }

  private static List<String> kinds(List<Map<String, Object>> docs) {
    return docs.stream().map(d -> (String) d.get("kind")).toList();
  }

  private static Map<String, Object> one(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> matching = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertThat(matching).as("%s documents in %s", kind, kinds(docs)).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, Object> podSpec(List<Map<String, Object>> docs) {
    return mapAt(one(docs, "Deployment"), "spec.template.spec");
  }

  private static Map<String, Object> fupanContainer(List<Map<String, Object>> docs) {
    return list(podSpec(docs), "containers").stream()
        .filter(c -> "fupan".equals(c.get("name"))).findFirst().orElseThrow();
  }

  /** The value at a dotted path of nested maps, or null when a step is missing. */
  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> map, String dottedPath) {
    Object current = map;
    for (String step : dottedPath.split("\\.")) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(step);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> map, String dottedPath) {
    Object value = at(map, dottedPath);
    assertThat(value).as(dottedPath).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> map, String dottedPath) {
    Object value = at(map, dottedPath);
    assertThat(value).as(dottedPath).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }

  private static void assertSecretRef(Map<String, Object> envVar, String secret, String key) {
    assertThat(envVar).as("env var").isNotNull().doesNotContainKey("value");
    assertThat(at(envVar, "valueFrom.secretKeyRef.name")).as("%s secret", envVar.get("name")).isEqualTo(secret);
    assertThat(at(envVar, "valueFrom.secretKeyRef.key")).as("%s key", envVar.get("name")).isEqualTo(key);
  }

  /** Every (non-hidden) file under tenant-config/{plans,tenants,schema}: relative path to content. */
  private static Map<String, String> tenantConfigFiles() {
    Map<String, String> files = new TreeMap<>();
    for (String folder : TENANT_CONFIG_FOLDERS) {
      Path dir = tenantConfigDir.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> stream(tenantConfigDir.relativize(p)).noneMatch(s -> s.startsWith(".")))
            .forEach(p -> files.put(stream(tenantConfigDir.relativize(p)).collect(Collectors.joining("/")), read(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static Stream<String> stream(Path relative) {
    List<String> names = new ArrayList<>();
    relative.forEach(n -> names.add(n.toString()));
    return names.stream();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyChart(Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(chartDir)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path dest = target.resolve(chartDir.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest);
        }
      }
    }
    return target;
  }
}
