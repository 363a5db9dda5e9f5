package io.fupan.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanStack;
import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Keycloak;
import io.fupan.testkit.stack.Liberty;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The import benchmark of issue 4: starts PostgreSQL (embedded), Keycloak and the Fupan server with
 * a capped heap, imports the CSV files of a folder (one per kind, {@code <kind>.csv}, e.g. the data
 * generator's bench profile: 1,000,000 opportunities and their stage history) into tenant acme with
 * {@code ?async=true}, and reports per kind the rows, the server-side time (job start to end), rows/s
 * and the peak heap seen while it ran (sampled from /metrics every 200 ms, that one metric only: the
 * sampling should not cost the server what it measures). Then, as the floor, it
 * loads the same files with plain PostgreSQL {@code COPY} into unindexed text tables.
 *
 * <p>Options (system properties): {@code files} (the folder), {@code heap} (the server's -Xmx, 512m),
 * {@code plugins} (true: acme keeps its plugins enabled), {@code pause} (true: wait for a file before stopping).
 */
public final class ImportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("accounts", "contacts", "leads", "opportunities", "stage-history",
            "activities", "quotes");
    private static final Pattern HEAP = Pattern.compile("(?m)^memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("fupan.repo", ".")).toAbsolutePath().normalize();
        Path files = Path.of(System.getProperty("files", repo.resolve("tools/bench/target/import-bench/files").toString()));
        String heap = System.getProperty("heap", "512m");
        Path home = repo.resolve("tools/bench/target/import-bench/run");
        Folders.delete(home);
        List<String> kinds = KINDS.stream().filter(k -> Files.isRegularFile(files.resolve(k + ".csv"))).toList();
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no <kind>.csv in " + files);
        }
        boolean plugins = Boolean.getBoolean("plugins");
        List<String> report = new ArrayList<>();
        report.add("Import benchmark, " + OffsetDateTime.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, server heap -Xmx" + heap + ", files in " + files + ", acme's plugins "
                + (plugins ? "enabled (they take in the imported history while the next file imports)" : "disabled"));
        try (Postgres postgres = Postgres.start(home.resolve("pg"), Ports.free(), true);
             Keycloak keycloak = Keycloak.start(repo.resolve("tools/run/target/dist/keycloak-quarkus-dist.zip"),
                     home.resolve("keycloak"), repo.resolve("tenant-config/keycloak/fupan-realm.json"), Ports.free(), true,
                     "admin", Duration.ofMinutes(4))) {
            Map<String, String> env = new HashMap<>(FupanStack.serverEnvironment(postgres, keycloak,
                    tenantConfig(repo, home, plugins)));
            env.put("JVM_ARGS", "-Xmx" + heap);
            env.put("FUPAN_IMPORT_DIR", home.resolve("uploads").toString());
            try (Liberty liberty = Liberty.start(repo.resolve("platform/server/target/liberty/wlp"), Ports.free(), env,
                    home.resolve("liberty"), Duration.ofMinutes(3))) {
                ImportBenchmark bench = new ImportBenchmark();
                String token = keycloak.accessToken("admin@acme.example", FupanStack.DEMO_PASSWORD);
                long rows = 0;
                double seconds = 0;
                for (String kind : kinds) {
                    String line = bench.importKind(liberty.url(), token, kind, files.resolve(kind + ".csv"));
                    System.out.println("import-bench: " + line);
                    report.add(line);
                    if (kind.equals("opportunities") || kind.equals("stage-history")) {
                        String[] parts = line.split("\\s+");
                        rows += Long.parseLong(parts[1]);
                        seconds += Double.parseDouble(parts[3]);
                    }
                }
                if (seconds > 0) {
                    report.add(String.format(Locale.ROOT, "opportunities + stage-history: %,d rows in %.1f s = %,.0f rows/s",
                            rows, seconds, rows / seconds));
                }
            }
            if (Boolean.getBoolean("pause")) { // -Dpause=true: look at the database before it goes
                Path resume = home.resolve("resume");
                System.out.println("import-bench: paused; psql -h localhost -p " + postgres.port()
                        + " -U postgres fupan; touch " + resume + " to go on");
                while (!Files.exists(resume)) {
                    Thread.sleep(1000);
                }
            }
            report.add("Floor: PostgreSQL COPY (csv) of the same files into unindexed text tables:");
            try (Connection db = postgres.superuserConnection()) {
                for (String kind : kinds) {
                    String line = floor(db, kind, files.resolve(kind + ".csv"));
                    System.out.println("import-bench: " + line);
                    report.add(line);
                }
            }
        }
        Path out = repo.resolve("tools/bench/target/import-bench.txt");
        Files.writeString(out, String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
        System.out.println("report: " + out);
    }

    /**
     * The tenant configuration the server reads: the repository's, or (by default) a copy in which
     * acme enables no plugin, so that the cores run the import alone rather than the import beside
     * the plugins taking in the history it just wrote ({@code -Dplugins=true} measures that).
     */
    private static Path tenantConfig(Path repo, Path home, boolean plugins) throws java.io.IOException {
        Path config = repo.resolve("tenant-config");
        if (plugins) {
            return config;
        }
        Path copy = home.resolve("tenant-config");
        io.fupan.testkit.stack.Folders.copy(config, copy);
        Path acme = copy.resolve("tenants/acme.yaml");
        Files.writeString(acme, Files.readString(acme).replaceAll("(?m)^(\\s+enabled:) true$", "$1 false"));
        return copy;
    }

    /** Imports one file asynchronously; returns "kind rows rows seconds s rows/s peak-heap". */
    private String importKind(String server, String token, String kind, Path file) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/import/" + kind
                        + "?async=true")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv; charset=utf-8").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(kind + ": " + accepted.statusCode() + " " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("id").asText();
        AtomicLong peak = new AtomicLong();
        JsonNode job;
        while (true) {
            peak.accumulateAndGet(heapUsed(server), Math::max);
            job = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/import/jobs/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (!job.get("finishedAt").isNull()) {
                break;
            }
            Thread.sleep(200);
        }
        if (!"succeeded".equals(job.get("status").asText())) {
            throw new IllegalStateException(kind + " import ended " + job);
        }
        double seconds = Duration.between(OffsetDateTime.parse(job.get("startedAt").asText()),
                OffsetDateTime.parse(job.get("finishedAt").asText())).toMillis() / 1000.0;
        long rows = job.get("rowsTotal").asLong();
        JsonNode result = job.get("result");
        return String.format(Locale.ROOT, "%-14s %,d rows %.1f s %,.0f rows/s peak-heap %d MB (accepted %d, updated %d, "
                        + "rejected %d)", kind, rows, seconds, rows / seconds, peak.get() >> 20,
                result.get("accepted").asLong(), result.get("updated").asLong(), result.get("rejected").asLong())
                .replace(",", "").replaceFirst("\\(accepted", "(accepted");
    }

    private long heapUsed(String server) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(server + "/metrics?scope=base&name=memory.usedHeap")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = HEAP.matcher(metrics);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** COPY of the file into a text table with its header's columns; returns "kind rows seconds rows/s". */
    private static String floor(Connection db, String kind, Path file) throws Exception {
        String header;
        try (var lines = Files.lines(file)) {
            header = lines.findFirst().orElseThrow().replace("\uFEFF", "");
        }
        String table = "floor_" + kind.replace('-', '_');
        StringBuilder columns = new StringBuilder();
        for (String column : header.split(",")) {
            columns.append(columns.length() == 0 ? "" : ", ").append('"').append(column.strip()).append("\" text");
        }
        try (Statement s = db.createStatement()) {
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " (" + columns + ")");
        }
        long t0 = System.nanoTime();
        long rows;
        try (InputStream in = Files.newInputStream(file)) {
            rows = db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table
                    + " from stdin with (format csv, header true)", in);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, "%-14s %d rows %.1f s %.0f rows/s (COPY)", kind, rows, seconds, rows / seconds);
    }
}
