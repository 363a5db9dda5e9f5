package io.fupan.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Export at volume, run on demand: {@code -Dit.test=ExportBenchIT -Dfupan.export.benchRows=1000000}. Writes
 * that many opportunities (one in 100 without an external id, as the API makes them) with three
 * stage-history entries each straight into the database, exports both kinds, and prints rows/s and
 * the server's heap (sampled with jstat: the old generation must not grow with the file).
 */
@ExtendWith(FupanServerExtension.class)
@EnabledIfSystemProperty(named = "fupan.export.benchRows", matches = "\\d+")
class ExportBenchIT {

    @Test
    void export_aMillionOpportunities_streamsInConstantMemory(FupanStack stack) throws Exception {
        int rows = Integer.parseInt(System.getProperty("fupan.export.benchRows"));
        ExportIT.Tenant x = ExportIT.Tenant.create(stack);
        long started = System.nanoTime();
        try (Connection db = stack.postgres().superuserConnection()) {
            try (PreparedStatement insert = db.prepareStatement("insert into opportunity (tenant_id, id, external_id, "
                    + "name, amount, currency, channel, industry, region, stage, stage_entered_at, created_at) "
                    + "select ?, gen_random_uuid(), case when i % 100 = 0 then null else 'opp-' || lpad(i::text, 8, '0') end, "
                    + "'Opportunity ' || i || ', \"bench\"', i * 10.25, 'CNY', 'web', 'manufacturing', 'east', 'negotiation', "
                    + "timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute', "
                    + "timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute' from generate_series(1, ?) i")) {
                insert.setString(1, x.id());
                insert.setInt(2, rows);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into stage_history (tenant_id, id, opportunity_id, "
                    + "stage, entered_at) select o.tenant_id, gen_random_uuid(), o.id, s.stage, o.created_at + s.n * "
                    + "interval '1 day' from opportunity o, unnest(array['contacted', 'solution_demo', 'negotiation']) "
                    + "with ordinality s (stage, n) where o.tenant_id = ?")) {
                insert.setString(1, x.id());
                insert.executeUpdate();
            }
            db.createStatement().execute("analyze opportunity; analyze stage_history");
        }
        System.out.printf("[export-bench] wrote %,d opportunities + %,d history rows in %.1f s%n", rows, 3L * rows,
                (System.nanoTime() - started) / 1e9);

        explain(stack, x.id());
        measure(stack, x, "opportunities", rows);
        measure(stack, x, "stage-history", 3L * rows);
    }

    /** The plans of one page of the opportunities' export, as the exporter asks them (diagnostics for the report). */
    private static void explain(FupanStack stack, String tenant) throws Exception {
        try (Connection db = stack.postgres().superuserConnection()) {
            String ids;
            try (PreparedStatement q = db.prepareStatement("select string_agg(cast(id as text), ',') from (select id "
                    + "from opportunity where tenant_id = ? and external_id is not null order by external_id limit 1000) p")) {
                q.setString(1, tenant);
                var rs = q.executeQuery();
                rs.next();
                ids = rs.getString(1);
            }
            for (String sql : java.util.List.of(
                    "explain analyze select cast(id as text), k, e from ((select id, external_id as k, true as e from "
                            + "opportunity where tenant_id = ? and external_id is not null and external_id > 'opp-00100000' "
                            + "order by external_id limit 1000) union all select cast(x as uuid), x, false from "
                            + "unnest(string_to_array(?, ',')) x) page order by k limit 1000",
                    "explain analyze select coalesce(r.external_id, cast(r.id as text)), r.name, coalesce(a.external_id, "
                            + "cast(a.id as text)), u.username, cast(r.amount as text), trim(r.currency), r.channel, "
                            + "r.industry, r.region, r.created_at, r.closed_at, r.stage from unnest(cast(string_to_array(?, "
                            + "',') as uuid[])) with ordinality as page (id, n) join opportunity r on r.tenant_id = ? and "
                            + "r.id = page.id left join account a on a.tenant_id = r.tenant_id and a.id = r.account_id "
                            + "left join app_user u on u.tenant_id = r.tenant_id and u.id = r.owner_id order by page.n")) {
                try (PreparedStatement q = db.prepareStatement(sql)) {
                    if (sql.contains("union all")) {
                        q.setString(1, tenant);
                        q.setString(2, "");
                    } else {
                        q.setString(1, ids);
                        q.setString(2, tenant);
                    }
                    var rs = q.executeQuery();
                    StringBuilder plan = new StringBuilder();
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                    System.out.println("[export-bench] plan:\n" + plan);
                }
            }
        }
    }

    private static void measure(FupanStack stack, ExportIT.Tenant x, String kind, long expected) throws Exception {
        long pid = stack.server().pid();
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true).start().waitFor();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peakUsed = new AtomicLong();
        AtomicLong peakOld = new AtomicLong();
        AtomicLong firstOld = new AtomicLong(-1);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).start();
                    String[] lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                            .strip().split("\n");
                    String[] names = lines[0].trim().split("\\s+");
                    String[] values = lines[1].trim().split("\\s+");
                    double used = 0;
                    double old = 0;
                    for (int i = 0; i < names.length; i++) {
                        if (names[i].equals("S0U") || names[i].equals("S1U") || names[i].equals("EU")
                                || names[i].equals("OU")) {
                            used += Double.parseDouble(values[i]);
                        }
                        if (names[i].equals("OU")) {
                            old = Double.parseDouble(values[i]);
                        }
                    }
                    peakUsed.accumulateAndGet((long) used, Math::max);
                    peakOld.accumulateAndGet((long) old, Math::max);
                    firstOld.compareAndSet(-1, (long) old);
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = ExportIT.HTTP.send(HttpRequest.newBuilder(URI.create(stack.api()
                + "/export/" + kind)).header("Authorization", "Bearer " + x.token()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long chars = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                chars += line.length() + 2;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).isEqualTo(expected + 1);
        System.out.printf("[export-bench] %s: %,d rows, %,d MB in %.1f s = %,.0f rows/s; server heap used peak %,d MB, "
                        + "old generation %,d MB at start, %,d MB peak (-Xmx768m, SerialGC)%n", kind, lines - 1,
                chars >> 20, seconds, (lines - 1) / seconds, peakUsed.get() >> 10, firstOld.get() >> 10, peakOld.get() >> 10);
    }
}
