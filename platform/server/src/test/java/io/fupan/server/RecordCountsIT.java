package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.core.query.RecordCounts;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A list without conditions reads its total from the counts PostgreSQL keeps (V25, {@link RecordCounts});
 * whatever writes the records, that total is the number of the tenant's rows.
 */
@ExtendWith(FupanServerExtension.class)
class RecordCountsIT {

    private static final Map<String, String> LISTS = Map.of("lead", "/leads", "account", "/accounts",
            "contact", "/contacts", "opportunity", "/opportunities", "activity", "/activities");

    @Test
    void unfilteredTotals_areTheTenantsRows_throughCreatesDeletesImportsConversionsAndCascades(FupanStack stack)
            throws Exception {
        String acme = stack.token("admin@acme.example");
        String lumen = stack.token("admin@lumen.example");
        String tag = ImportIT.prefix();
        assertTotalsAreRows(stack, "acme", acme);

        // concurrent creates in both tenants
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String token = i % 3 == 0 ? lumen : acme;
            String body = "{\"name\":\"" + tag + " account " + i + "\"}";
            created.add(pool.submit(() -> created(send(stack, "POST", "/accounts", token, null, body))));
        }
        List<JsonNode> acmeAccounts = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            JsonNode account = created.get(i).get();
            if (i % 3 != 0) {
                acmeAccounts.add(account);
            }
        }
        pool.shutdown();
        assertTotalsAreRows(stack, "acme", acme);
        assertTotalsAreRows(stack, "lumen", lumen);

        // deletes
        for (JsonNode account : acmeAccounts.subList(0, 5)) {
            assertThat(send(stack, "DELETE", "/accounts/" + account.get("id").asText(), acme, OpportunityIT.etag(account),
                    null).statusCode()).isEqualTo(204);
        }
        // a conversion (account, contact and opportunity in one transaction); an opportunity with an activity
        JsonNode lead = created(send(stack, "POST", "/leads", acme, null, "{\"name\":\"" + tag + " lead\",\"company\":\""
                + tag + " Co\",\"status\":\"sql\"}"));
        created(send(stack, "POST", "/leads/" + lead.get("id").asText() + "/convert", acme, null, "{\"amount\":1000}"));
        JsonNode opportunity = created(send(stack, "POST", "/opportunities", acme, null, "{\"name\":\"" + tag
                + " opportunity\",\"amount\":500}"));
        created(send(stack, "POST", "/activities", acme, null, "{\"type\":\"demo\",\"occurredAt\":\"2026-03-03T08:00:00Z\","
                + "\"opportunityId\":\"" + opportunity.get("id").asText() + "\"}"));
        assertTotalsAreRows(stack, "acme", acme);

        // deleting the opportunity deletes its activity too (a cascade inside PostgreSQL)
        long activities = total(stack, acme, "/activities");
        assertThat(send(stack, "DELETE", "/opportunities/" + opportunity.get("id").asText(), acme,
                OpportunityIT.etag(opportunity), null).statusCode()).isEqualTo(204);
        assertThat(total(stack, acme, "/activities")).isEqualTo(activities - 1);

        // an import counts by statement: a file with a bad line writes and counts nothing, the same file
        // imported partially its good lines, a file imported again updates its records and adds none
        long accounts = total(stack, acme, "/accounts");
        HttpResponse<String> refused = ImportIT.importFile(stack, acme, "accounts", ImportIT.fixture("accounts-bad", tag));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(total(stack, acme, "/accounts")).isEqualTo(accounts);
        JsonNode partial = ImportIT.ok(ImportIT.importFile(stack, acme, "accounts?partial=true",
                ImportIT.fixture("accounts-bad", tag)));
        JsonNode imported = ImportIT.ok(ImportIT.importFile(stack, acme, "accounts", ImportIT.fixture("accounts", tag)));
        long added = ImportIT.counts(partial).get(0) + ImportIT.counts(imported).get(0);
        assertThat(ImportIT.counts(partial).get(0)).isEqualTo(2);
        assertThat(ImportIT.counts(imported).get(0)).isPositive();
        assertThat(total(stack, acme, "/accounts")).isEqualTo(accounts + added);
        ImportIT.ok(ImportIT.importFile(stack, acme, "accounts", ImportIT.fixture("accounts", tag)));
        assertThat(total(stack, acme, "/accounts")).isEqualTo(accounts + added);

        assertTotalsAreRows(stack, "acme", acme);
        assertTotalsAreRows(stack, "lumen", lumen);

        // a count stays a few rows: one write in eight folds the others in (at random, so the bound is loose:
        // 500 writes leave more than 100 rows about once in 600,000 runs)
        try (Connection owner = stack.postgres().superuserConnection()) {
            owner.createStatement().execute("insert into account (tenant_id, id, name) select 'acme', gen_random_uuid(), '"
                    + tag + " bulk ' || g from generate_series(1, 500) g");
            try (ResultSet rs = owner.createStatement().executeQuery(
                    "select count(*) from record_count where tenant_id = 'acme' and kind = 'account'")) {
                rs.next();
                assertThat(rs.getLong(1)).isBetween(1L, 100L);
            }
        }
        assertTotalsAreRows(stack, "acme", acme);
    }

    @Test
    void theTablesCountedInPostgreSQL_areTheOnesListsReadCountsOf(FupanStack stack) throws Exception {
        Set<String> triggered = new HashSet<>();
        try (Connection owner = stack.postgres().superuserConnection();
             ResultSet rs = owner.createStatement().executeQuery(
                     "select tgrelid::regclass::text from pg_trigger where tgname = 'counted'")) {
            while (rs.next()) {
                triggered.add(rs.getString(1));
            }
        }
        assertThat(triggered).isEqualTo(RecordCounts.TABLES).isEqualTo(LISTS.keySet());
    }

    /** Each counted list's total (a page of one, so that the page's length does not give it) is the tenant's rows. */
    private static void assertTotalsAreRows(FupanStack stack, String tenant, String token) throws Exception {
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection owner = stack.postgres().superuserConnection()) {
            for (var list : LISTS.entrySet()) {
                totals.put(list.getKey(), total(stack, token, list.getValue()));
                rows.put(list.getKey(), rows(owner, list.getKey(), tenant));
            }
        }
        assertThat(totals).as(tenant).isEqualTo(rows);
    }

    private static long rows(Connection owner, String table, String tenant) throws SQLException {
        try (PreparedStatement s = owner.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long total(FupanStack stack, String token, String path) throws Exception {
        HttpResponse<String> response = send(stack, "GET", path + "?size=1", token, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("total").asLong();
    }

    private static JsonNode created(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }
}
