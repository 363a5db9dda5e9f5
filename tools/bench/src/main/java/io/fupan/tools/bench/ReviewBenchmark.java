package io.fupan.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanStack;
import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Keycloak;
import io.fupan.testkit.stack.Liberty;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The review-dashboards benchmark of issue 6: starts PostgreSQL (embedded), Keycloak and the Fupan
 * server with review-dashboards in its plugin directory, imports the data generator's bench profile
 * (1,000,000 opportunities with their stage history) into tenant acme, enables the plugin and waits
 * for its facts, then measures
 * <ul>
 *   <li>{@code GET funnel?groupBy=owner} and {@code GET heatmap}: p50/p95 of the request as the client
 *       sees it on the same machine (an upper bound of the server's time);</li>
 *   <li>one hand-written SQL query that computes the same funnel by owner directly from the core
 *       tables (opportunity, stage_history, pipeline_stage, app_user) in the same database, and
 *       whether its figures equal the plugin's;</li>
 *   <li>how long a stage change (PATCH through the core API) takes to show in the funnel.</li>
 * </ul>
 * Report: tools/bench/target/review-bench.txt. Options: {@code files} (folder of accounts.csv,
 * opportunities.csv, stage-history.csv), {@code runs} (timed requests per endpoint, 40).
 */
public final class ReviewBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String server;
    private Keycloak keycloak;
    private String token;

    private ReviewBenchmark(String server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("fupan.repo", ".")).toAbsolutePath().normalize();
        Path files = Path.of(System.getProperty("files", repo.resolve("tools/bench/target/import-bench/files").toString()));
        int runs = Integer.getInteger("runs", 40);
        boolean keep = Boolean.getBoolean("keep");
        Path home = repo.resolve("tools/bench/target/review-bench/run");
        if (!keep) {
            Folders.delete(home);
        }
        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins); // review-dashboards itself ships with the server (plugins-builtin)
        List<String> report = new ArrayList<>();
        report.add("Review dashboards benchmark, " + OffsetDateTime.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + (Runtime.getRuntime().maxMemory() >> 20) + " MB driver heap, files in " + files);
        try {
            run(repo, files, runs, keep, home, plugins, report);
        } finally {
            Path out = repo.resolve("tools/bench/target/review-bench.txt");
            Files.writeString(out, String.join("\n", report) + "\n");
            System.out.println(String.join("\n", report));
            System.out.println("report: " + out);
        }
    }

    private static void run(Path repo, Path files, int runs, boolean keep, Path home, Path plugins, List<String> report)
            throws Exception {
        try (Postgres postgres = Postgres.start(home.resolve("pg"), Ports.free(), !keep);
             Keycloak keycloak = Keycloak.start(repo.resolve("tools/run/target/dist/keycloak-quarkus-dist.zip"),
                     home.resolve("keycloak"), repo.resolve("tenant-config/keycloak/fupan-realm.json"), Ports.free(), !keep,
                     "admin", Duration.ofMinutes(10))) {
            Map<String, String> env = new HashMap<>(FupanStack.serverEnvironment(postgres, keycloak,
                    repo.resolve("tenant-config")));
            env.put("JVM_ARGS", "-Xmx1g");
            env.put("FUPAN_IMPORT_DIR", home.resolve("uploads").toString());
            env.put("FUPAN_PLUGINS_DIR", plugins.toString());
            // the first build of the facts reads 1M opportunities and 3.7M entries: more than a job's 60 s
            env.put("FUPAN_PLUGINS_JOB_TIMEOUT_MS", "1800000");
            try (Liberty liberty = Liberty.start(repo.resolve("platform/server/target/liberty/wlp"), Ports.free(), env,
                    home.resolve("liberty"), Duration.ofMinutes(10))) {
                ReviewBenchmark bench = new ReviewBenchmark(liberty.url() + "/api/v1");
                bench.keycloak = keycloak;
                bench.token = keycloak.accessToken("admin@acme.example", FupanStack.DEMO_PASSWORD);
                long opportunities;
                try (Connection db = postgres.superuserConnection(); Statement s = db.createStatement();
                     ResultSet rs = s.executeQuery("select count(*) from opportunity where tenant_id = 'acme'")) {
                    rs.next();
                    opportunities = rs.getLong(1);
                }
                if (opportunities < 1_000_000) {
                    // acme's config enables the plugin: off while importing (no million events), then a build from the records
                    bench.enable(false);
                    for (String kind : List.of("accounts", "opportunities", "stage-history")) {
                        String line = bench.importKind(kind, files.resolve(kind + ".csv"));
                        System.out.println("review-bench: " + line);
                        report.add(line);
                    }
                } else {
                    report.add("(data of an earlier run kept: " + opportunities + " opportunities of acme)");
                }
                long t0 = System.nanoTime();
                bench.enable(true);
                JsonNode before = JSON.readTree(bench.call("GET", "/plugins/review-dashboards/status", null).body());
                if (keep && "ready".equals(before.path("status").asText())
                        && before.path("opportunities").asLong() >= opportunities && opportunities > 0) {
                    report.add("facts of an earlier run kept: " + bench.awaitFacts());
                } else {
                    HttpResponse<String> rebuild = bench.call("POST", "/plugins/review-dashboards/rebuild", "");
                    if (rebuild.statusCode() != 202) {
                        throw new IllegalStateException("rebuild: " + rebuild.statusCode() + " " + rebuild.body());
                    }
                    JsonNode status = bench.awaitFacts();
                    report.add(String.format(Locale.ROOT, "facts built from the records in %.1f s: %s",
                            (System.nanoTime() - t0) / 1e9, status));
                }
                System.out.println("review-bench: " + report.get(report.size() - 1));
                try (Connection db = postgres.superuserConnection()) {
                    try (Statement s = db.createStatement()) {
                        s.execute("vacuum analyze"); // as autovacuum would soon after a bulk load
                    }
                    List<Long> funnel = bench.time("/plugins/review-dashboards/funnel?groupBy=owner", runs);
                    List<Long> heatmap = bench.time("/plugins/review-dashboards/heatmap", runs);
                    List<Long> total = bench.time("/plugins/review-dashboards/funnel", runs);
                    HttpResponse<String> owners = bench.call("GET", "/plugins/review-dashboards/funnel?groupBy=owner", null);
                    if (owners.statusCode() != 200) {
                        throw new IllegalStateException("funnel?groupBy=owner: " + owners.statusCode() + " " + owners.body());
                    }
                    JsonNode byOwner = JSON.readTree(owners.body());
                    report.add(line("funnel?groupBy=owner (HTTP, plugin facts)", funnel));
                    report.add(bench.serverLine("funnel?groupBy=owner", "/plugins/review-dashboards/funnel?groupBy=owner"));
                    report.add(line("heatmap (HTTP, stage x week + stage x owner)", heatmap));
                    report.add(bench.serverLine("heatmap", "/plugins/review-dashboards/heatmap"));
                    report.add(line("funnel, no grouping (HTTP)", total));
                    report.add(bench.serverLine("funnel, no grouping", "/plugins/review-dashboards/funnel"));
                    List<Long> sql = new ArrayList<>();
                    Map<String, long[]> direct = null;
                    for (int i = 0; i < 7; i++) {
                        long s0 = System.nanoTime();
                        direct = directFunnel(db);
                        sql.add((System.nanoTime() - s0) / 1_000_000);
                    }
                    Collections.sort(sql);
                    report.add(line("hand-written SQL funnel by owner on core tables", sql));
                    report.add(String.format(Locale.ROOT, "ratio plugin funnel?groupBy=owner p95 / hand-written SQL p50: %.3f "
                            + "(server time p95: %.3f)", (double) p(funnel, 95) / p(sql, 50),
                            (double) p(bench.serverTotal.get("/plugins/review-dashboards/funnel?groupBy=owner"), 95) / p(sql, 50)));
                    report.add("hand-written SQL and plugin agree on reached/won/lost of every owner: "
                            + agree(byOwner, direct));
                    report.add(bench.stageChanges(db, 5));
                }
            }
        }
    }

    private static long p(List<Long> sorted, int pct) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(pct / 100.0 * sorted.size()) - 1));
    }

    private static String line(String what, List<Long> sorted) {
        return String.format(Locale.ROOT, "%-50s n=%d p50 %d ms p95 %d ms max %d ms", what, sorted.size(), p(sorted, 50),
                p(sorted, 95), sorted.get(sorted.size() - 1));
    }

    /** A call as acme's admin; a new token when the last one expired (a build of the facts outlasts it). */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpResponse<String> r = once(method, path, body);
        if (r.statusCode() == 401) {
            token = keycloak.accessToken("admin@acme.example", FupanStack.DEMO_PASSWORD);
            r = once(method, path, body);
        }
        return r;
    }

    private HttpResponse<String> once(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void enable(boolean on) throws Exception {
        HttpResponse<String> r = call("PUT", "/plugins/review-dashboards", "{\"enabled\":" + on + "}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("enable " + on + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** The server's own times of the calls {@link #time} made, per path (Server-Timing: total, plugin), sorted. */
    private final Map<String, List<Long>> serverTotal = new java.util.HashMap<>();
    private final Map<String, List<Long>> serverPlugin = new java.util.HashMap<>();

    private List<Long> time(String path, int runs) throws Exception {
        for (int i = 0; i < 3; i++) {
            call("GET", path, null); // warm-up
        }
        List<Long> ms = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        List<Long> plugin = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = call("GET", path, null);
            ms.add((System.nanoTime() - t0) / 1_000_000);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            String timing = r.headers().firstValue("Server-Timing").orElse("");
            total.add(Math.round(serverTiming(timing, "total")));
            plugin.add(Math.round(serverTiming(timing, "plugin")));
        }
        Collections.sort(ms);
        Collections.sort(total);
        Collections.sort(plugin);
        serverTotal.put(path, total);
        serverPlugin.put(path, plugin);
        return ms;
    }

    /** One metric's duration (ms) of a Server-Timing header, -1 when it has none. */
    static double serverTiming(String header, String metric) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,\\s*)" + metric + ";dur=([0-9.]+)").matcher(header);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private String serverLine(String what, String path) {
        return line(what + " server total", serverTotal.get(path)) + "\n"
                + line(what + " plugin handler", serverPlugin.get(path));
    }

    private JsonNode awaitFacts() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", "/plugins/review-dashboards/status", null);
            if (r.statusCode() == 200) {
                JsonNode s = JSON.readTree(r.body());
                if ("ready".equals(s.path("status").asText()) && s.has("days")) {
                    return s;
                }
                if ("failed".equals(s.path("status").asText())) {
                    throw new IllegalStateException("the facts job failed: " + r.body());
                }
                if (!r.body().equals(last)) {
                    System.out.println("review-bench: facts " + r.body());
                    last = r.body();
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the facts were not ready within 30 minutes: " + last);
    }

    /** Imports one file asynchronously; returns "kind rows seconds". */
    private String importKind(String kind, Path file) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(server + "/import/" + kind + "?async=true"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(kind + ": " + accepted.statusCode() + " " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).get("id").asText();
        JsonNode job;
        while (true) {
            job = JSON.readTree(call("GET", "/import/jobs/" + id, null).body());
            if (!job.get("finishedAt").isNull()) {
                break;
            }
            Thread.sleep(500);
        }
        if (!"succeeded".equals(job.get("status").asText())) {
            throw new IllegalStateException(kind + " import ended " + job);
        }
        double seconds = Duration.between(OffsetDateTime.parse(job.get("startedAt").asText()),
                OffsetDateTime.parse(job.get("finishedAt").asText())).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "imported %-14s %d rows in %.1f s", kind, job.get("rowsTotal").asLong(), seconds);
    }

    /**
     * The funnel by owner straight from the core tables, as one would write it by hand: the furthest
     * stage of the pipeline's order (open stages by position, then won) in each opportunity's history
     * or current stage, counted per owner for every stage, with won, lost, mean and median cycle.
     * Returns per owner: reached per stage, then won, lost.
     */
    static final String DIRECT_SQL = """
            with ord as (
              select key, row_number() over (order by (kind = 'won'), position) as pos
              from pipeline_stage where tenant_id = 'acme' and kind <> 'lost'),
            furthest as (
              select h.opportunity_id, max(ord.pos) as pos
              from stage_history h join ord on ord.key = h.stage
              where h.tenant_id = 'acme' group by h.opportunity_id),
            opp as (
              select o.owner_id, s.kind, o.created_at, o.closed_at,
                     greatest(coalesce(f.pos, 0), coalesce(cur.pos, 0)) as pos
              from opportunity o
              join pipeline_stage s on s.tenant_id = o.tenant_id and s.key = o.stage
              left join ord cur on cur.key = o.stage
              left join furthest f on f.opportunity_id = o.id
              where o.tenant_id = 'acme')
            select u.username,
                   count(*) filter (where pos >= 1) as r1, count(*) filter (where pos >= 2) as r2,
                   count(*) filter (where pos >= 3) as r3, count(*) filter (where pos >= 4) as r4,
                   count(*) filter (where pos >= 5) as r5, count(*) filter (where pos >= 6) as r6,
                   count(*) filter (where kind = 'won') as won, count(*) filter (where kind = 'lost') as lost,
                   avg(extract(epoch from opp.closed_at - opp.created_at) / 86400) filter (where kind = 'won') as mean_days,
                   percentile_cont(0.5) within group (order by extract(epoch from opp.closed_at - opp.created_at) / 86400)
                     filter (where kind = 'won') as median_days
            from opp left join app_user u on u.tenant_id = 'acme' and u.id = opp.owner_id
            group by u.username
            """;

    static Map<String, long[]> directFunnel(Connection db) throws Exception {
        Map<String, long[]> out = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(DIRECT_SQL)) {
            while (rs.next()) {
                long[] v = new long[8];
                for (int i = 0; i < 8; i++) {
                    v[i] = rs.getLong(2 + i);
                }
                out.put(rs.getString(1), v);
            }
        }
        return out;
    }

    private static boolean agree(JsonNode plugin, Map<String, long[]> direct) {
        if (plugin.get("groups").size() != direct.size()) {
            System.out.println("review-bench: groups " + plugin.get("groups").size() + " vs " + direct.size());
            return false;
        }
        boolean same = true;
        for (JsonNode g : plugin.get("groups")) {
            long[] d = direct.get(g.get("key").isNull() ? null : g.get("key").asText());
            if (d == null) {
                return false;
            }
            for (int k = 0; k < 6; k++) {
                same &= g.get("stages").get(k).get("reached").asLong() == d[k];
            }
            same &= g.get("won").asLong() == d[6] && g.get("lost").asLong() == d[7];
        }
        return same;
    }

    /** Moves open opportunities one stage on through the core API and polls the funnel until it shows. */
    private String stageChanges(Connection db, int moves) throws Exception {
        List<String[]> open = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select o.id, o.stage, o.version "
                + "from opportunity o where o.tenant_id = 'acme' and o.stage = 'contacted' and o.closed_at is null limit " + moves)) {
            while (rs.next()) {
                open.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        List<Long> seen = new ArrayList<>();
        for (String[] o : open) {
            long before = JSON.readTree(call("GET", "/plugins/review-dashboards/funnel", null).body())
                    .get("stages").get(3).get("reached").asLong();
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(server + "/opportunities/" + o[0]))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("If-Match", "\"" + o[2] + "\"").method("PATCH", HttpRequest.BodyPublishers.ofString(
                            "{\"stage\":\"quote\"}")).build(), HttpResponse.BodyHandlers.ofString());
            long committed = System.nanoTime();
            if (moved.statusCode() != 200) {
                throw new IllegalStateException("move: " + moved.statusCode() + " " + moved.body());
            }
            long ms = -1;
            while (System.nanoTime() - committed < 30_000_000_000L) {
                long now = JSON.readTree(call("GET", "/plugins/review-dashboards/funnel", null).body())
                        .get("stages").get(3).get("reached").asLong();
                if (now == before + 1) {
                    ms = (System.nanoTime() - committed) / 1_000_000;
                    break;
                }
            }
            seen.add(ms);
        }
        Collections.sort(seen);
        return "stage change (PATCH contacted -> quote) visible in funnel after, ms: " + seen
                + " (each poll is one funnel request over 1M opportunities)";
    }
}
