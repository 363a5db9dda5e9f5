package io.fupan.server;

import static io.fupan.server.ImportIT.JSON;
import static io.fupan.server.ImportIT.counts;
import static io.fupan.server.ImportIT.errors;
import static io.fupan.server.ImportIT.importFile;
import static io.fupan.server.ImportIT.ok;
import static io.fupan.server.ImportIT.prefix;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quotes, asynchronous import jobs, a lost database connection, and a file of realistic size. */
@ExtendWith(FupanServerExtension.class)
class ImportJobIT {

    static final String ADMIN = "admin@acme.example";
    static final List<String> OPEN = List.of("contacted", "needs_confirmed", "solution_demo", "quote", "negotiation");

    @Test
    void quotes_referencingOpportunities_areImported_reimportChangesNothing_changedTotalUpdates(FupanStack stack)
            throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        ok(importFile(stack, admin, "opportunities", "external_id,name,created_at,stage\n"
                + p + "-o1,Deal one,2025-02-01,quote\n"));
        String quotes = "external_id,opportunity,version,issued_at,list_total,net_total,currency\n"
                + p + "-q1," + p + "-o1,1,2025-03-01T10:00:00+08:00,1000.00,900.00,CNY\n"
                + p + "-q2," + p + "-o1,2,2025-03-08,1000.00,850.50,\n";

        assertThat(counts(ok(importFile(stack, admin, "quotes", quotes)))).containsExactly(2L, 0L, 0L);
        assertThat(counts(ok(importFile(stack, admin, "quotes", quotes)))).containsExactly(0L, 0L, 0L);
        assertThat(counts(ok(importFile(stack, admin, "quotes", quotes.replace("850.50", "800.00")))))
                .containsExactly(0L, 1L, 0L);

        try (Connection db = stack.postgres().superuserConnection();
             PreparedStatement q = db.prepareStatement("select q.quote_version, q.issued_at, q.list_total, q.net_total, "
                     + "q.currency, o.external_id from quote q join opportunity o on o.tenant_id = q.tenant_id "
                     + "and o.id = q.opportunity_id where q.tenant_id = 'acme' and q.external_id like ? "
                     + "order by q.quote_version")) {
            q.setString(1, p + "-%");
            try (ResultSet rows = q.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getObject(2, OffsetDateTime.class).toInstant())
                        .isEqualTo(OffsetDateTime.parse("2025-03-01T02:00:00Z").toInstant());
                assertThat(rows.getBigDecimal(4)).isEqualByComparingTo("900.00");
                assertThat(rows.getString(5)).isEqualTo("CNY");
                assertThat(rows.getString(6)).isEqualTo(p + "-o1");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
                assertThat(rows.getObject(2, OffsetDateTime.class).toInstant()) // a bare date: midnight in Asia/Shanghai
                        .isEqualTo(OffsetDateTime.parse("2025-03-07T16:00:00Z").toInstant());
                assertThat(rows.getBigDecimal(4)).isEqualByComparingTo("800.00");
                assertThat(rows.getString(5)).isEqualTo("CNY"); // the tenant's currency
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void quotes_badValuesAndUnknownOpportunity_are422OnTheirLines(FupanStack stack) throws Exception {
        String p = prefix();
        HttpResponse<String> response = importFile(stack, stack.token(ADMIN), "quotes",
                "external_id,opportunity,version,issued_at,list_total,net_total\n"
                        + p + "-q1," + p + "-nothing,1,2025-03-01,10,9\n"
                        + p + "-q2," + p + "-nothing,0,2025-03-01,10,9\n"
                        + p + "-q3," + p + "-nothing,1,2025-03-01,ten,9\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(errors(JSON.readTree(response.body()))).containsExactly("2 opportunity", "3 version", "4 list_total");
    }

    @Test
    void asyncImport_answers202_jobShowsProgressAndResult_andIsTheTenantAdminsOnly(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        StringBuilder csv = new StringBuilder("external_id,name,created_at,stage,amount\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(p).append("-a").append(i).append(',').append(p).append(" deal ").append(i)
                    .append(",2025-01-01,contacted,").append(i).append('\n');
        }

        HttpResponse<String> accepted = importFile(stack, admin, "opportunities?async=true", csv.toString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = JSON.readTree(accepted.body());
        assertThat(accepted.headers().firstValue("Location")).hasValue(stack.api() + "/import/jobs/" + job.get("id").asText());
        assertThat(job.get("kind").asText()).isEqualTo("opportunities");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(5000);
        JsonNode done = awaitFinished(stack, admin, job.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("rowsDone").asLong()).isEqualTo(5000);
        assertThat(counts(done.get("result"))).containsExactly(5000L, 0L, 0L);
        assertThat(ImportIT.total(stack, admin, "/opportunities?q=" + p)).isEqualTo(5000);

        HttpResponse<String> list = stack.get("/api/v1/import/jobs?size=500", admin);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(job.get("id").asText());
        assertProblem(stack.get("/api/v1/import/jobs/" + job.get("id").asText(), stack.token("admin@lumen.example")), 404,
                "not-found");
        assertProblem(stack.get("/api/v1/import/jobs/" + job.get("id").asText(), stack.token("rep1@acme.example")), 403,
                "forbidden");
    }

    @Test
    void asyncImport_withABadLine_isRejectedListingIt_andWritesNothing(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        String csv = "external_id,name,created_at,stage\n" + p + "-1," + p + " one,2025-01-01,contacted\n" + p + "-2," + p
                + " two,01/02/2025,contacted\n";

        JsonNode job = JSON.readTree(importFile(stack, admin, "opportunities?async=true", csv).body());
        JsonNode done = awaitFinished(stack, admin, job.get("id").asText());

        assertThat(done.get("status").asText()).isEqualTo("rejected");
        assertThat(errors(done.get("result"))).containsExactly("3 created_at");
        assertThat(ImportIT.total(stack, admin, "/opportunities?q=" + p)).isZero();
    }

    @Test
    void asyncImport_brokenFile_failsWithTheProblem(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);

        JsonNode job = JSON.readTree(importFile(stack, admin, "opportunities?async=true",
                "external_id,name,created_at\nx,\"unclosed,2025-01-01\n").body());
        JsonNode done = awaitFinished(stack, admin, job.get("id").asText());

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("problem").get("status").asInt()).isEqualTo(422);
        assertThat(done.get("problem").get("type").asText()).endsWith("/import-file");
    }

    @Test
    void import_databaseConnectionKilledMidway_writesNothing_andTheJobSaysSo(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        StringBuilder csv = new StringBuilder("external_id,name,created_at,stage,amount,channel,region\n");
        for (int i = 0; i < 400_000; i++) {
            csv.append(p).append('-').append(i).append(",Deal number ").append(i)
                    .append(",2025-01-01T10:00:00Z,contacted,").append(i % 1000).append(".50,web,east\n");
        }

        JsonNode job = JSON.readTree(importFile(stack, admin, "opportunities?async=true", csv.toString()).body());
        int killed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Connection db = stack.postgres().superuserConnection(); Statement s = db.createStatement()) {
            while (killed == 0 && System.nanoTime() < deadline) {
                JsonNode state = JSON.readTree(stack.get("/api/v1/import/jobs/" + job.get("id").asText(), admin).body());
                assertThat(state.get("finishedAt").isNull()).as("the import ended before it could be killed").isTrue();
                if (state.get("rowsDone").asLong() > 50_000) {
                    try (ResultSet r = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                            + "where application_name = 'fupan-import'")) {
                        r.next();
                        killed = r.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        assertThat(killed).isEqualTo(1);

        JsonNode done = awaitFinished(stack, admin, job.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("problem").get("status").asInt()).isEqualTo(503);
        assertThat(done.get("problem").get("detail").asText()).contains("nothing was written");
        try (Connection db = stack.postgres().superuserConnection();
             PreparedStatement q = db.prepareStatement("select count(*) from opportunity where external_id like ?")) {
            q.setString(1, p + "-%");
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isZero();
            }
        }
        // the server keeps serving imports
        assertThat(counts(ok(importFile(stack, admin, "opportunities", "external_id,name,created_at,stage\n"
                + p + "-after,After,2025-01-01,contacted\n")))).containsExactly(1L, 0L, 0L);
    }

    /**
     * 20,000 opportunities and their ~70,000 stage entries, generated here with the expected final
     * state computed alongside (not by the server): imported, they give exactly those records; imported
     * again, nothing changes.
     */
    @Test
    void opportunitiesThenStageHistory_20kWith70kEntries_giveExactlyTheFiles_andAgainChangeNothing(FupanStack stack)
            throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        Random random = new Random(42);
        StringBuilder opportunities = new StringBuilder("external_id,name,created_at,stage,closed_at,amount\n");
        StringBuilder history = new StringBuilder("opportunity,stage,entered_at\n");
        Map<String, Integer> finalStages = new LinkedHashMap<>();
        int entries = 0;
        OffsetDateTime start = OffsetDateTime.of(2025, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 20_000; i++) {
            String id = p + "-" + i;
            OffsetDateTime at = start.plusMinutes(i * 7L);
            OffsetDateTime created = at;
            int reach = random.nextInt(OPEN.size());
            String stage = OPEN.get(0);
            for (int s = 0; s <= reach; s++) {
                stage = OPEN.get(s);
                history.append(id).append(',').append(stage).append(',').append(at).append('\n');
                entries++;
                at = at.plusHours(1 + random.nextInt(200));
            }
            int end = random.nextInt(3); // 0: open, 1: won, 2: lost
            String closedAt = "";
            if (end > 0) {
                stage = end == 1 ? "won" : "lost";
                history.append(id).append(',').append(stage).append(',').append(at).append('\n');
                entries++;
                closedAt = at.toString();
            }
            finalStages.merge(stage, 1, Integer::sum);
            opportunities.append(id).append(",Deal ").append(i).append(',').append(created).append(',').append(stage)
                    .append(',').append(closedAt).append(',').append(1000 + i).append('\n');
        }

        assertThat(counts(ok(importFile(stack, admin, "opportunities", opportunities.toString()))))
                .containsExactly(20_000L, 0L, 0L);
        assertThat(counts(ok(importFile(stack, admin, "stage-history", history.toString()))))
                .containsExactly((long) entries, 0L, 0L);
        assertThat(entries).isBetween(60_000, 90_000);

        Map<String, Integer> stored = new LinkedHashMap<>();
        try (Connection db = stack.postgres().superuserConnection();
             PreparedStatement q = db.prepareStatement("select stage, count(*) from opportunity where tenant_id = 'acme' "
                     + "and external_id like ? group by stage");
             PreparedStatement h = db.prepareStatement("select count(*), count(distinct o.id) from stage_history s "
                     + "join opportunity o on o.tenant_id = s.tenant_id and o.id = s.opportunity_id "
                     + "where o.tenant_id = 'acme' and o.external_id like ?")) {
            q.setString(1, p + "-%");
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getInt(2));
                }
            }
            h.setString(1, p + "-%");
            try (ResultSet r = h.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(entries);
                assertThat(r.getLong(2)).isEqualTo(20_000);
            }
        }
        assertThat(stored).isEqualTo(finalStages);

        assertThat(counts(ok(importFile(stack, admin, "opportunities", opportunities.toString()))))
                .containsExactly(0L, 0L, 0L);
        assertThat(counts(ok(importFile(stack, admin, "stage-history", history.toString()))))
                .containsExactly(0L, 0L, 0L);
    }

    static JsonNode awaitFinished(FupanStack stack, String token, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = stack.get("/api/v1/import/jobs/" + id, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode job = JSON.readTree(response.body());
            if (!job.get("finishedAt").isNull()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import job " + id + " did not finish within 180 s");
    }
}
