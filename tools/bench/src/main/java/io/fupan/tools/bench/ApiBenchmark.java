package io.fupan.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Ports;
import io.fupan.tools.run.RunFupan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API load benchmark of issue 3: starts Fupan (fresh data under tools/bench/target), seeds two
 * tenants, then runs N concurrent clients for a fixed time doing a mix of list / get / create /
 * update over accounts, leads and opportunities, and reports requests per second and latency
 * percentiles (after a warm-up that is not counted). Every non-2xx answer counts as an error.
 *
 * <p>Options (system properties): {@code clients} (50), {@code seconds} (60), {@code warmup} (300: on
 * two cores shared with PostgreSQL the server's compiler works for minutes after a start; the same
 * code measured 807 req/s after 60 s, 889 and 995 after 120 s and 1,348 after 300 s), {@code only} (a
 * path such as {@code /me}: every request is a GET of it, to measure the floor of the stack — token
 * check, tenant, one small transaction — without the record work), {@code plugins}
 * (true: the demo tenants keep their plugins enabled, which take in each created or changed record in the
 * background; by default they are disabled, so that the cores serve the API alone), {@code server} (the
 * address of a Fupan already running, such as {@code http://localhost:9080}, with {@code keycloak} its
 * Keycloak's port, 8180: no server is started; its tenant configuration is the operator's, so rate
 * limits and plugins are whatever it runs with).
 */
public final class ApiBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"accounts", "leads", "opportunities"};
    private static final String[] OPS = {"list", "get", "create", "update"};

    private static final String ONLY = System.getProperty("only");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    private ApiBenchmark(String api) {
        this.api = api;
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 50);
        int seconds = Integer.getInteger("seconds", 60);
        int warmup = Integer.getInteger("warmup", 300);
        Path repo = Path.of(System.getProperty("fupan.repo", ".")).toAbsolutePath().normalize();
        String server = System.getProperty("server");
        RunFupan fupan = null;
        String base;
        int keycloak;
        if (server == null) {
            Path home = repo.resolve("tools/bench/target/api-bench");
            Folders.delete(home);
            int http = Ports.free();
            keycloak = Ports.free();
            fupan = new RunFupan(repo, Map.of("FUPAN_HOME", home.toString(), "FUPAN_HTTP_PORT", "" + http,
                    "FUPAN_KEYCLOAK_PORT", "" + keycloak, "FUPAN_PG_PORT", "" + Ports.free(),
                    "FUPAN_TENANT_CONFIG_DIR", tenantConfig(repo, home).toString()));
            fupan.start();
            base = "http://localhost:" + http;
        } else {
            keycloak = Integer.getInteger("keycloak", 8180);
            base = server;
        }
        try {
            ApiBenchmark bench = new ApiBenchmark(base + "/api/v1");
            String acme = bench.token(keycloak, "admin@acme.example");
            String lumen = bench.token(keycloak, "admin@lumen.example");
            System.out.println("bench: seeding both tenants…");
            Map<String, Map<String, List<String>>> ids = Map.of(acme, bench.seed(acme, 300), lumen, bench.seed(lumen, 100));
            System.out.printf("bench: %d clients, %d s warm-up, %d s measured%n", clients, warmup, seconds);
            bench.run(clients, warmup, false, List.of(acme, lumen), ids);
            Result result = bench.run(clients, seconds, true, List.of(acme, lumen), ids);
            String report = result.report(clients, seconds);
            System.out.println(report);
            Files.writeString(repo.resolve("tools/bench/target/api-bench.txt"), report);
        } finally {
            if (fupan != null) {
                fupan.stopAll();
            }
        }
    }

    /**
     * The benchmark measures the server, not the plans: the repository's tenants with their rate limits
     * lifted, and (unless {@code -Dplugins=true}) their plugins off.
     */
    private static Path tenantConfig(Path repo, Path home) throws IOException {
        Path config = home.resolve("tenant-config");
        Folders.copy(repo.resolve("tenant-config"), config);
        try (var plans = Files.list(config.resolve("plans"))) {
            for (Path plan : plans.toList()) {
                Files.writeString(plan, Files.readString(plan)
                        .replaceAll("apiRequestsPerMinute: \\d+", "apiRequestsPerMinute: 100000000"));
            }
        }
        if (!Boolean.getBoolean("plugins")) {
            try (var tenants = Files.list(config.resolve("tenants"))) {
                for (Path tenant : tenants.toList()) {
                    Files.writeString(tenant, Files.readString(tenant).replaceAll("(?m)^(\\s+enabled:) true$", "$1 false"));
                }
            }
        }
        return config;
    }

    private Map<String, List<String>> seed(String token, int perKind) throws Exception {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String kind : KINDS) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < perKind; i++) {
                int n = i;
                created.add(pool.submit(() -> create(token, kind, n).get("id").asText()));
            }
            List<String> kindIds = new ArrayList<>();
            for (Future<String> f : created) {
                kindIds.add(f.get());
            }
            ids.put(kind, kindIds);
        }
        pool.shutdown();
        return ids;
    }

    private JsonNode create(String token, String kind, int n) throws IOException {
        try (KeepAlive http = new KeepAlive(api, token)) {
            KeepAlive.Answer r = http.send("POST", "/" + kind, null, body(kind, n));
            if (r.status() != 201) {
                throw new IllegalStateException("seeding " + kind + " answered " + r.status() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }

    private static String body(String kind, int n) {
        String[] industries = {"manufacturing", "retail", "software", "energy", "logistics"};
        String[] regions = {"east", "north", "south", "west"};
        String industry = industries[n % industries.length];
        String region = regions[n % regions.length];
        return switch (kind) {
            case "accounts" -> "{\"name\":\"Bench account " + n + "\",\"industry\":\"" + industry + "\",\"region\":\""
                    + region + "\",\"employees\":" + (50 + n) + "}";
            case "leads" -> "{\"name\":\"Bench lead " + n + "\",\"company\":\"Co " + n + "\",\"channel\":\"web\",\"industry\":\""
                    + industry + "\",\"region\":\"" + region + "\"}";
            default -> "{\"name\":\"Bench opportunity " + n + "\",\"amount\":" + (10000 + n) + ",\"industry\":\""
                    + industry + "\",\"region\":\"" + region + "\"}";
        };
    }

    private Result run(int clients, int seconds, boolean measure, List<String> tokens,
                       Map<String, Map<String, List<String>>> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Samples>> runs = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            String token = tokens.get(c % 5 == 4 ? 1 : 0); // four in five clients on the big tenant
            runs.add(pool.submit(() -> client(token, ids.get(token), deadline, errors, errorSamples)));
        }
        Samples all = new Samples();
        for (Future<Samples> run : runs) {
            all.add(run.get());
        }
        pool.shutdown();
        if (!errorSamples.isEmpty()) {
            System.out.println("bench: first errors: " + errorSamples.subList(0, Math.min(5, errorSamples.size())));
        }
        return new Result(all, errors.get());
    }

    private Samples client(String token, Map<String, List<String>> ids, long deadline, AtomicLong errors,
                           List<String> errorSamples) throws Exception {
        Samples samples = new Samples();
        Map<String, long[]> mine = new LinkedHashMap<>(); // "kind/id" -> {version}
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (KeepAlive http = new KeepAlive(api, token)) {
            while (System.nanoTime() < deadline) {
                String kind = KINDS[random.nextInt(KINDS.length)];
                int dice = random.nextInt(100);
                int op = dice < 55 ? 0 : dice < 80 ? 1 : dice < 92 || mine.isEmpty() ? 2 : 3;
                long start = System.nanoTime();
                KeepAlive.Answer r;
                if (ONLY != null) {
                    op = 1;
                    r = http.send("GET", ONLY, null, null);
                } else switch (op) {
                    case 0 -> r = http.send("GET", "/" + kind + "?size=20&sort=" + (random.nextBoolean() ? "-createdAt" : "name")
                            + (random.nextInt(4) == 0 ? "&region=east" : ""), null, null);
                    case 1 -> {
                        List<String> pool = ids.get(kind);
                        r = http.send("GET", "/" + kind + "/" + pool.get(random.nextInt(pool.size())), null, null);
                    }
                    case 2 -> {
                        r = http.send("POST", "/" + kind, null, body(kind, random.nextInt(100_000)));
                        if (r.status() == 201) {
                            JsonNode created = JSON.readTree(r.body());
                            mine.put(kind + "/" + created.get("id").asText(), new long[] {created.get("version").asLong()});
                        }
                    }
                    default -> {
                        var entry = new ArrayList<>(mine.entrySet()).get(random.nextInt(mine.size()));
                        r = http.send("PATCH", "/" + entry.getKey(), "\"" + entry.getValue()[0] + "\"",
                                "{\"region\":\"" + (random.nextBoolean() ? "east" : "west") + "\"}");
                        if (r.status() == 200) {
                            entry.getValue()[0] = JSON.readTree(r.body()).get("version").asLong();
                        }
                    }
                }
                long took = System.nanoTime() - start;
                if (r.status() >= 300) {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 20) {
                        errorSamples.add(OPS[op] + " " + kind + " -> " + r.status() + " " + r.body());
                    }
                }
                samples.record(op, took);
            }
        }
        return samples;
    }

    private String token(int keycloakPort, String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + keycloakPort
                        + "/realms/fupan/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=fupan-cli&username="
                        + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + "&password=fupan-demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    /** Latencies in nanoseconds, by operation. */
    private static final class Samples {
        private final long[][] byOp = new long[OPS.length][1024];
        private final int[] counts = new int[OPS.length];

        void record(int op, long nanos) {
            if (counts[op] == byOp[op].length) {
                byOp[op] = Arrays.copyOf(byOp[op], counts[op] * 2);
            }
            byOp[op][counts[op]++] = nanos;
        }

        void add(Samples other) {
            for (int op = 0; op < OPS.length; op++) {
                for (int i = 0; i < other.counts[op]; i++) {
                    record(op, other.byOp[op][i]);
                }
            }
        }

        long[] sorted(int op) {
            long[] s = Arrays.copyOf(byOp[op], counts[op]);
            Arrays.sort(s);
            return s;
        }

        long[] all() {
            long[] s = new long[Arrays.stream(counts).sum()];
            int at = 0;
            for (int op = 0; op < OPS.length; op++) {
                System.arraycopy(byOp[op], 0, s, at, counts[op]);
                at += counts[op];
            }
            Arrays.sort(s);
            return s;
        }
    }

    private record Result(Samples samples, long errors) {
        String report(int clients, int seconds) {
            long[] all = samples.all();
            StringBuilder out = new StringBuilder();
            out.append(String.format("API benchmark: %d clients, %d s, %d requests, %.0f req/s, errors %d%n",
                    clients, seconds, all.length, all.length / (double) seconds, errors));
            out.append(line("all", all));
            for (int op = 0; op < OPS.length; op++) {
                out.append(line(OPS[op], samples.sorted(op)));
            }
            out.append(String.format("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.arch"), System.getProperty("java.version")));
            return out.toString();
        }

        private static String line(String name, long[] sorted) {
            if (sorted.length == 0) {
                return String.format("  %-7s no requests%n", name);
            }
            return String.format("  %-7s n=%-7d p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n", name,
                    sorted.length, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double ms(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }


}
