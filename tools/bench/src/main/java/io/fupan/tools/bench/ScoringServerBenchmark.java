package io.fupan.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanStack;
import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Keycloak;
import io.fupan.testkit.stack.Liberty;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The lead-scoring plugin on a running server (issue 7): starts PostgreSQL (embedded), Keycloak and the
 * Fupan server, and in tenant acme (enterprise)
 * <ol>
 *   <li>imports {@code seed} leads (default 20,000) through {@code POST /import/leads?async=true}: the shared
 *       churn table's rows resampled with ±5 % jitter on their numbers, a share {@code training / leads} of
 *       them closed (converted when the row churned, else disqualified), the rest open; then copies them in
 *       the database (one {@code insert … select}, triggers off) to {@code leads} leads (default 1,000,000:
 *       importing a million leads through the API takes longer than this benchmark's point);</li>
 *   <li>enables lead-scoring (its first instance re-scores every lead once: reported);</li>
 *   <li>{@code POST /plugins/lead-scoring/model/train}: the call's time and status (200 with the model when
 *       within the plugin's declared 120 s budget), then the re-score with the new model;</li>
 *   <li>{@code POST /plugins/lead-scoring/rescore}, once the previous re-score's aftermath is done (its leads
 *       moved to mql one by one, autovacuum): wall time from the call until the job is done, and the number
 *       of leads whose score was stored since (counted in the database);</li>
 *   <li>{@code activities} single activities (default 300, the first fifth not counted) through {@code POST /activities}
 *       for random open leads, one at a time: the plugin's update (event receipt to stored score, from the
 *       plugin's {@code GET stats}) and end to end (the activity's response to the lead's new
 *       {@code scored_at}, polled in the database every 0.5 ms; includes the dispatcher's polling).</li>
 * </ol>
 * Options: {@code -Dleads -Dseed -Dtraining -Dactivities -Dheap=4g -Dwlp=<a Liberty with the server, default
 * platform/server/target/liberty/wlp> -Drescores=1 (timed re-scores, one after the other) -Djfr=<file> (the
 * server's flight recording of the last timed re-score)}. Report: tools/bench/target/scoring-server-bench.txt.
 */
public final class ScoringServerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "acme";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final java.util.function.Supplier<String> signIn;
    private volatile String token;
    private final List<String> report;

    private ScoringServerBenchmark(String api, java.util.function.Supplier<String> signIn, List<String> report) {
        this.api = api;
        this.signIn = signIn;
        this.token = signIn.get();
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("fupan.repo", ".")).toAbsolutePath().normalize();
        int leads = Integer.getInteger("leads", 1_000_000);
        int training = Integer.getInteger("training", 100_000);
        int seed = Math.min(leads, Integer.getInteger("seed", 20_000));
        int activities = Integer.getInteger("activities", 300);
        String heap = System.getProperty("heap", "4g");
        Path home = repo.resolve("tools/bench/target/scoring-server-bench");
        Folders.delete(home);
        Files.createDirectories(home);
        Path churn = Path.of(System.getProperty("churn", repo.resolve("plugins/lead-scoring/src/test/resources/data/mlc_churn.csv")
                .toString()));
        Path csv = home.resolve("leads.csv");
        long t0 = System.nanoTime();
        writeLeads(churn, csv, seed, (int) Math.round((double) seed * training / leads));
        System.out.printf(Locale.ROOT, "scoring-server-bench: wrote %,d leads (%d MB) in %.1f s%n", seed,
                Files.size(csv) >> 20, (System.nanoTime() - t0) / 1e9);
        // The benchmark measures the plugin, not the plans: the tenants with their request limits lifted.
        Path config = home.resolve("tenant-config");
        Folders.copy(repo.resolve("tenant-config"), config);
        // acme has lead-scoring enabled in the demo configuration: here it is enabled after the import (step 2).
        Path acme = config.resolve("tenants/acme.yaml");
        String acmeYaml = Files.readString(acme);
        if (!acmeYaml.contains("  - id: lead-scoring\n    enabled: true")) {
            throw new IllegalStateException("tenant-config/tenants/acme.yaml changed: lead-scoring is not listed as expected");
        }
        Files.writeString(acme, acmeYaml.replace("  - id: lead-scoring\n    enabled: true", "  - id: lead-scoring\n    enabled: false"));
        try (var plans = Files.list(config.resolve("plans"))) {
            for (Path plan : plans.toList()) {
                Files.writeString(plan, Files.readString(plan)
                        .replaceAll("apiRequestsPerMinute: \\d+", "apiRequestsPerMinute: 100000000"));
            }
        }
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "Lead-scoring server benchmark, %s, %d cores, server heap -Xmx%s, load average"
                + " at start %s", OffsetDateTime.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), heap, load()));
        try (Postgres postgres = Postgres.start(home.resolve("pg"), Ports.free(), true);
             Keycloak keycloak = Keycloak.start(repo.resolve("tools/run/target/dist/keycloak-quarkus-dist.zip"),
                     home.resolve("keycloak"), repo.resolve("tenant-config/keycloak/fupan-realm.json"), Ports.free(), true,
                     "admin", Duration.ofMinutes(4))) {
            Map<String, String> env = new HashMap<>(FupanStack.serverEnvironment(postgres, keycloak, config));
            env.put("JVM_ARGS", "-Xmx" + heap);
            env.put("FUPAN_IMPORT_DIR", home.resolve("uploads").toString());
            Path wlp = Path.of(System.getProperty("wlp", repo.resolve("platform/server/target/liberty/wlp").toString()));
            try (Liberty liberty = Liberty.start(wlp, Ports.free(), env,
                    home.resolve("liberty"), Duration.ofMinutes(3));
                 Connection db = postgres.superuserConnection()) {
                ScoringServerBenchmark bench = new ScoringServerBenchmark(liberty.url() + "/api/v1",
                        () -> keycloak.accessToken("admin@" + TENANT + ".example", FupanStack.DEMO_PASSWORD), report);
                bench.run(db, csv, leads, activities, Integer.getInteger("rescores", 1), liberty.pid(),
                        System.getProperty("jfr"));
            }
        } finally {
            report.add("load average at end: " + load());
            Path out = repo.resolve("tools/bench/target/scoring-server-bench.txt");
            Files.writeString(out, String.join("\n", report) + "\n");
            System.out.println(String.join("\n", report));
            System.out.println("report: " + out);
        }
    }

    private void run(Connection db, Path csv, int leads, int activities, int rescores, long serverPid, String jfr)
            throws Exception {
        // 1. Import, with the plugin not yet enabled; then wait until the dispatcher fanned out the import's events
        //    (to no plugin), so that enabling it does not deliver a million lead.created.
        long t0 = System.nanoTime();
        HttpResponse<String> accepted = send("POST", "/import/leads?async=true", "text/csv; charset=utf-8",
                HttpRequest.BodyPublishers.ofFile(csv));
        check(accepted, 202);
        String importJob = JSON.readTree(accepted.body()).get("id").asText();
        JsonNode job;
        do {
            Thread.sleep(500);
            job = JSON.readTree(send("GET", "/import/jobs/" + importJob, null, null).body());
        } while (job.get("finishedAt").isNull());
        if (!"succeeded".equals(job.get("status").asText())) {
            throw new IllegalStateException("the import ended " + job);
        }
        long seeded = job.get("result").get("accepted").asLong();
        say(String.format(Locale.ROOT, "import: %,d leads accepted in %.1f s (load %s)", seeded, (System.nanoTime() - t0) / 1e9,
                load()));
        if (leads > seeded) {
            t0 = System.nanoTime();
            long copies = (leads + seeded - 1) / seeded;
            try (var st = db.createStatement()) {
                st.execute("set session_replication_role = replica");
                st.executeUpdate("insert into lead (tenant_id, id, external_id, name, company, email, phone, channel, industry,"
                        + " region, employees, status, status_changed_at, owner_id, shared, custom, created_at, updated_at, version)"
                        + " select l.tenant_id, gen_random_uuid(), l.external_id || '-' || k, l.name, l.company, l.email, l.phone,"
                        + " l.channel, l.industry, l.region, l.employees, l.status, l.status_changed_at, l.owner_id, l.shared, l.custom,"
                        + " l.created_at, l.updated_at, 0 from lead l cross join generate_series(1, " + (copies - 1) + ") k"
                        + " where l.tenant_id = '" + TENANT + "' and l.external_id like 'bench-%' limit " + (leads - seeded));
                st.execute("set session_replication_role = origin");
                st.execute("analyze lead");
            }
            say(String.format(Locale.ROOT, "copied in the database to %,d leads in %.1f s",
                    count(db, "select count(*) from lead where tenant_id = ?"), (System.nanoTime() - t0) / 1e9));
        }
        long pending;
        do {
            Thread.sleep(1000);
            pending = count(db, "select count(*) from event_outbox where tenant_id = ? and not fanned_out");
        } while (pending > 0);

        // 2. Enable: the first instance re-scores every lead once (a new configuration).
        t0 = System.nanoTime();
        // No scheduled training (retrainEveryHours 0): with no model and enough closed leads, the hourly check would
        // start one at once, beside this re-score; here training is step 3's call alone.
        check(send("PUT", "/plugins/lead-scoring", "application/json",
                body("{\"enabled\":true,\"config\":{\"model\":{\"retrainEveryHours\":0}}}")), 200);
        JsonNode first = awaitJobs(1, Duration.ofMinutes(20));
        say(String.format(Locale.ROOT, "enable + first re-score (no model; every lead read, scored, stored): %.1f s wall;"
                + " jobs %s (load %s)", (System.nanoTime() - t0) / 1e9, jobTimes(first), load()));

        // 3. Train through the contract's endpoint.
        t0 = System.nanoTime();
        HttpResponse<String> trained = send("POST", "/plugins/lead-scoring/model/train", "application/json", body(""));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        JsonNode model = JSON.readTree(trained.body());
        say(String.format(Locale.ROOT, "POST model/train: %d in %.1f s (target <= 120 s): algorithm %s, trainedOn %s,"
                        + " positives %s, validation %s (load %s)", trained.statusCode(), trainSeconds, model.path("algorithm").asText(),
                model.path("trainedOn").asText(), model.path("positives").asText(), model.path("validation"), load()));
        if (trained.statusCode() == 202) {   // beyond the call's budget: the job's result
            model = awaitJobs(2, Duration.ofMinutes(30));
        }
        JsonNode after = awaitJobs(3, Duration.ofMinutes(30));
        say("re-score after training (with the model): jobs " + jobTimes(after));

        // 4. Re-score every lead on request, wall time until the job is done; the stored scores counted.
        for (int round = 0; round < rescores; round++) {
            timedRescore(db, leads, round == rescores - 1 ? jfr : null, serverPid);
        }

        // 5. Score update after one activity.
        activityUpdates(db, activities);
    }

    /**
     * {@code POST rescore}, timed until its job is done. First the work the last re-score left behind is let
     * finish, so that it is not counted in this one: the leads it moved past the MQL threshold going to mql one
     * by one, and autovacuum of its old versions. With {@code jfr} a file, the server's flight recording of
     * the re-score goes there.
     */
    private void timedRescore(Connection db, int leads, String jfr, long serverPid) throws Exception {
        long quiet = System.nanoTime();
        int mql = JSON.readTree(send("GET", "/plugins/lead-scoring/stats", null, null).body()).path("pendingMql").asInt();
        int left = mql;
        int vacuums = 0;
        while (System.nanoTime() - quiet < Duration.ofMinutes(15).toNanos()) {
            left = JSON.readTree(send("GET", "/plugins/lead-scoring/stats", null, null).body()).path("pendingMql").asInt();
            try (var st = db.createStatement(); ResultSet r = st.executeQuery(
                    "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
                r.next();
                vacuums = r.getInt(1);
            }
            if (left == 0 && vacuums == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        say(String.format(Locale.ROOT, "before the re-score: %,d leads moved to mql and autovacuum done in %.0f s"
                + " (still pending: %,d, vacuums running: %d; load %s)", mql - left,
                (System.nanoTime() - quiet) / 1e9, left, vacuums, load()));
        Timestamp since;
        try (var st = db.createStatement(); ResultSet r = st.executeQuery("select now()")) {
            r.next();
            since = r.getTimestamp(1);
        }
        if (jfr != null) {
            jcmd(serverPid, "JFR.configure", "stackdepth=256");
            jcmd(serverPid, "JFR.start", "name=rescore", "settings=profile", "filename=" + Path.of(jfr).toAbsolutePath());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> rescore = send("POST", "/plugins/lead-scoring/rescore", "application/json", body(""));
        check(rescore, 202);
        String id = JSON.readTree(rescore.body()).get("jobId").asText();
        JsonNode done;
        while (true) {
            Thread.sleep(100);
            HttpResponse<String> r = send("GET", "/plugins/lead-scoring/jobs/" + id, null, null);
            check(r, 200);
            done = JSON.readTree(r.body());
            if (!"running".equals(done.get("status").asText())) {
                break;
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (jfr != null) {
            jcmd(serverPid, "JFR.stop", "name=rescore");
        }
        long stored;
        try (PreparedStatement ps = db.prepareStatement("select count(*) from lead_scores where tenant_id = ? and scored_at >= ?")) {
            ps.setString(1, TENANT);
            ps.setTimestamp(2, since);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                stored = r.getLong(1);
            }
        }
        say(String.format(Locale.ROOT, "POST rescore: %s, %,d of %,d leads' scores stored, %.1f s wall from the call to the"
                + " job done (target <= 30 s); job %s; step \"%s\" (load %s)", done.get("status").asText(), stored, leads, wall,
                jobTimes(done), done.path("step").asText(), load()));
    }

    private static void jcmd(long pid, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
        }
    }

    private void activityUpdates(Connection db, int n) throws Exception {
        int warmup = Math.min(100, n / 5);
        List<UUID> open = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("select id from lead where tenant_id = ? and status = 'new' limit 20000")) {
            ps.setString(1, TENANT);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    open.add((UUID) r.getObject(1));
                }
            }
        }
        Random random = new Random(9);
        long[] e2e = new long[n - warmup];
        long[] call = new long[n - warmup];
        int missed = 0;
        try (PreparedStatement ps = db.prepareStatement("select scored_at from lead_scores where tenant_id = ? and lead_id = ?")) {
            ps.setString(1, TENANT);
            for (int i = 0; i < n; i++) {
                if (i == warmup) {
                    check(send("POST", "/plugins/lead-scoring/stats/reset", "application/json", body("")), 200);
                }
                UUID lead = open.get(random.nextInt(open.size()));
                ps.setObject(2, lead);
                Timestamp before = scoredAt(ps);
                String activity = String.format(Locale.ROOT, "{\"type\":\"%s\",\"subject\":\"%s\",\"occurredAt\":\"%s\","
                                + "\"leadId\":\"%s\"}", i % 2 == 0 ? "page_view" : "email_click", i % 2 == 0 ? "/pricing" : "offer",
                        OffsetDateTime.now(ZoneOffset.UTC), lead);
                long sent = System.nanoTime();
                check(send("POST", "/activities", "application/json", body(activity)), 201);
                long answered = System.nanoTime();
                long deadline = answered + 10_000_000_000L;
                Timestamp now = before;
                while ((now == null || now.equals(before)) && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                    now = scoredAt(ps);
                }
                long seen = System.nanoTime();
                if (now == null || now.equals(before)) {
                    missed++;
                }
                if (i >= warmup) {
                    e2e[i - warmup] = seen - answered;
                    call[i - warmup] = answered - sent;
                }
            }
        }
        JsonNode stats = JSON.readTree(send("GET", "/plugins/lead-scoring/stats", null, null).body());
        JsonNode u = stats.get("updates");
        say(String.format(Locale.ROOT, "score update after one activity, the plugin's update (activity.recorded received ->"
                        + " score stored in the core; the plugin's own clock, GET stats): p50 %s ms, p90 %s ms, p99 %s ms, max %s ms"
                        + " over %s updates after %d warm-up (target p99 <= 20 ms) (load %s)", u.path("p50Ms"), u.path("p90Ms"),
                u.path("p99Ms"), u.path("maxMs"), u.path("count"), warmup, load()));
        say("end to end (POST /activities answered -> the lead's scored_at changed, polled every 0.5 ms; includes the"
                + " event dispatcher's polling): " + percentiles(e2e) + (missed > 0 ? "; " + missed + " not updated within 10 s" : ""));
        say("POST /activities itself: " + percentiles(call));
    }

    private static Timestamp scoredAt(PreparedStatement ps) throws Exception {
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getTimestamp(1) : null;
        }
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d", at(s, 0.5), at(s, 0.9),
                at(s, 0.99), s[s.length - 1] / 1e6, s.length);
    }

    private static double at(long[] sorted, double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    /** Waits until no job of the plugin runs and at least {@code least} exist; the latest jobs. */
    private JsonNode awaitJobs(int least, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode jobs;
        while (true) {
            Thread.sleep(500);
            HttpResponse<String> r = send("GET", "/plugins/lead-scoring/jobs", null, null);
            if (r.statusCode() == 200) {
                jobs = JSON.readTree(r.body()).get("items");
                boolean running = false;
                for (JsonNode j : jobs) {
                    running |= "running".equals(j.get("status").asText());
                }
                if (jobs.size() >= least && !running) {
                    return jobs;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the plugin's jobs did not end: " + r.body());
            }
        }
    }

    /** "kind status seconds" of a job or of the jobs in a list (server-side start to finish). */
    private static String jobTimes(JsonNode jobs) {
        List<String> out = new ArrayList<>();
        for (JsonNode j : jobs.isArray() ? jobs : JSON.createArrayNode().add(jobs)) {
            double s = j.hasNonNull("finishedAt") ? Duration.between(OffsetDateTime.parse(j.get("startedAt").asText()),
                    OffsetDateTime.parse(j.get("finishedAt").asText())).toMillis() / 1000.0 : Double.NaN;
            out.add(String.format(Locale.ROOT, "%s %s %.1f s%s", j.get("kind").asText(), j.get("status").asText(), s,
                    j.has("result") ? " " + j.get("result") : ""));
        }
        return String.join("; ", out);
    }

    private long count(Connection db, String sql) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, TENANT);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String type, HttpRequest.BodyPublisher body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofMinutes(5));
            if (type != null) {
                b.header("Content-Type", type);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt < 2) {
                token = signIn.get();   // the access token expired (a long run): sign in again
                continue;
            }
            if (r.statusCode() != 503 || attempt == 120) {
                return r;   // 503 plugin-busy: tried again for at most a minute
            }
            Thread.sleep(500);
        }
    }

    private static HttpRequest.BodyPublisher body(String s) {
        return HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8);
    }

    private static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
    }

    private void say(String line) {
        System.out.println("scoring-server-bench: " + line);
        report.add(line);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The churn table's rows resampled to {@code n} leads (numbers jittered ±5 %), the first {@code closed} closed. */
    static void writeLeads(Path churn, Path out, int n, int closed) throws Exception {
        List<String> lines = Files.readAllLines(churn, StandardCharsets.UTF_8);
        String[] header = lines.get(0).replace("\"", "").split(",");
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).replace("\"", "").split(",", -1));
        }
        Random random = new Random(42);
        String[] industries = {"manufacturing", "retail", "software", "energy", "logistics"};
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("external_id,name,company,email,channel,industry,created_at,status,status_changed_at,region");
            for (String h : header) {
                if (!h.equals("state") && !h.equals("churn")) {
                    w.write(',');
                    w.write(h);
                }
            }
            w.write('\n');
            StringBuilder line = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                String[] v = rows.get(random.nextInt(rows.size()));
                line.setLength(0);
                boolean churned = false;
                String state = "";
                StringBuilder custom = new StringBuilder();
                for (int c = 0; c < header.length; c++) {
                    switch (header[c]) {
                        case "state" -> state = v[c];
                        case "churn" -> churned = v[c].equals("yes");
                        default -> {
                            custom.append(',');
                            String x = v[c];
                            if (!x.isEmpty() && (Character.isDigit(x.charAt(0)) || x.charAt(0) == '.')) {
                                try {
                                    double d = Double.parseDouble(x) * (0.95 + 0.1 * random.nextDouble());
                                    x = String.format(Locale.ROOT, "%.2f", d);
                                } catch (NumberFormatException e) {
                                    // not a number: as it is
                                }
                            }
                            custom.append(x);
                        }
                    }
                }
                boolean isClosed = i < closed;
                line.append("bench-").append(i).append(",Lead ").append(i).append(",Company ").append(i % 5000).append(",lead")
                        .append(i).append(i % 3 == 0 ? "@gmail.com" : "@corp" + (i % 700) + ".example").append(",web,")
                        .append(industries[i % industries.length]).append(",2025-06-01T00:00:00Z,")
                        .append(isClosed ? (churned ? "converted" : "disqualified") + ",2025-06-21T00:00:00Z" : "new,")
                        .append(',').append(state).append(custom).append('\n');
                w.write(line.toString());
            }
        }
    }
}
