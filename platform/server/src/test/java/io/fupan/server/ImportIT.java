package io.fupan.server;

import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /import/{kind}}: CSV import per IMPORT.md (fixtures in resources/import, {p} = a prefix per test). */
@ExtendWith(FupanServerExtension.class)
class ImportIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "admin@acme.example";

    @Test
    void accounts_withParentsFurtherDown_importsTheHierarchyAndInactiveOwner(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        JsonNode result = ok(importFile(stack, admin, "accounts", fixture("accounts", p)));

        assertThat(counts(result)).containsExactly(4L, 0L, 0L);
        JsonNode hq = one(stack, admin, "/accounts?externalId=" + p + "-hq");
        JsonNode sub1 = one(stack, admin, "/accounts?externalId=" + p + "-sub1");
        JsonNode sub2 = one(stack, admin, "/accounts?externalId=" + p + "-sub2");
        JsonNode subsub = one(stack, admin, "/accounts?externalId=" + p + "-subsub");
        assertThat(sub1.get("parentId").asText()).isEqualTo(hq.get("id").asText());
        assertThat(sub2.get("parentId").asText()).isEqualTo(hq.get("id").asText());
        assertThat(subsub.get("parentId").asText()).isEqualTo(sub1.get("id").asText());
        assertThat(hq.path("parentId").isNull() || hq.path("parentId").isMissingNode()).isTrue();
        assertThat(sub2.get("name").asText()).isEqualTo(p + " Sub Two, \"Retail\" Ltd");
        assertThat(sub1.get("annualRevenue").decimalValue()).isEqualByComparingTo("1000000.50");
        assertThat(sub1.get("employees").asInt()).isEqualTo(120);
        JsonNode owner = one(stack, admin, "/users?q=" + p + ".owner");
        assertThat(owner.get("username").asText()).isEqualTo(p + ".owner@acme.example");
        assertThat(owner.get("active").asBoolean()).isFalse();
        assertThat(sub1.get("ownerId").asText()).isEqualTo(owner.get("id").asText());
    }

    @Test
    void reimport_sameFile_changesNothing_changedRow_updatesIt(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        String file = fixture("accounts", p);
        ok(importFile(stack, admin, "accounts", file));
        long version = one(stack, admin, "/accounts?externalId=" + p + "-hq").get("version").asLong();

        assertThat(counts(ok(importFile(stack, admin, "accounts", file)))).containsExactly(0L, 0L, 0L);
        assertThat(one(stack, admin, "/accounts?externalId=" + p + "-hq").get("version").asLong()).isEqualTo(version);

        JsonNode changed = ok(importFile(stack, admin, "accounts", file.replace(p + " Holding,manufacturing", p
                + " Holding Group,manufacturing")));
        assertThat(counts(changed)).containsExactly(0L, 1L, 0L);
        JsonNode hq = one(stack, admin, "/accounts?externalId=" + p + "-hq");
        assertThat(hq.get("name").asText()).isEqualTo(p + " Holding Group");
        assertThat(hq.get("version").asLong()).isGreaterThan(version);
        // one audit event per import, not one per record
        JsonNode audit = JSON.readTree(AccountIT.send(stack, "GET", "/audit?entityType=import&size=100", admin, null,
                null).body()).get("items");
        List<String> events = new ArrayList<>();
        audit.forEach(e -> events.add(e.get("actor").asText() + " " + e.get("field").asText() + " "
                + e.get("newValue").asText()));
        assertThat(events).contains("import:admin@acme.example accounts accepted=0 updated=1 rejected=0");
    }

    @Test
    void contacts_referencingAccountsAndEachOther_areLinked(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        ok(importFile(stack, admin, "accounts", fixture("accounts", p)));

        assertThat(counts(ok(importFile(stack, admin, "contacts", fixture("contacts", p))))).containsExactly(2L, 0L, 0L);

        JsonNode hq = one(stack, admin, "/accounts?externalId=" + p + "-hq");
        JsonNode c1 = one(stack, admin, "/contacts?externalId=" + p + "-c1");
        JsonNode c2 = one(stack, admin, "/contacts?externalId=" + p + "-c2");
        assertThat(c2.get("accountId").asText()).isEqualTo(hq.get("id").asText());
        assertThat(c2.get("reportsToId").asText()).isEqualTo(c1.get("id").asText());
        assertThat(c2.get("buyingRole").asText()).isEqualTo("technical_evaluator");
        assertThat(counts(ok(importFile(stack, admin, "contacts", fixture("contacts", p))))).containsExactly(0L, 0L, 0L);
    }

    @Test
    void leads_withUnknownColumns_defineCustomAttributesUsableAsFilters(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        assertThat(counts(ok(importFile(stack, admin, "leads", fixture("leads", p))))).containsExactly(3L, 0L, 0L);

        JsonNode definitions = JSON.readTree(AccountIT.send(stack, "GET", "/custom-attributes?entity=lead", admin, null,
                null).body()).get("items");
        assertThat(definition(definitions, "budget_" + p).get("type").asText()).isEqualTo("number");
        assertThat(definition(definitions, "budget_" + p).get("labelEn").asText()).isEqualTo("Budget " + p);
        assertThat(definition(definitions, "source_detail_" + p).get("type").asText()).isEqualTo("text");
        JsonNode l1 = one(stack, admin, "/leads?custom.budget_" + p + "=5000");
        assertThat(l1.get("externalId").asText()).isEqualTo(p + "-l1");
        assertThat(l1.get("status").asText()).isEqualTo("mql");
        assertThat(l1.get("custom").get("source_detail_" + p).asText()).isEqualTo("trade fair");
        // a bare date is the start of that day in the tenant's zone (acme: Asia/Shanghai)
        assertThat(instant(l1.get("createdAt"))).isEqualTo(OffsetDateTime.parse("2025-02-28T16:00:00Z"));
        assertThat(instant(l1.get("statusChangedAt"))).isEqualTo(OffsetDateTime.parse("2025-03-05T02:00:00Z"));
        JsonNode l2 = one(stack, admin, "/leads?custom.budget_" + p + "=12000.5");
        assertThat(l2.get("status").asText()).isEqualTo("new");
        assertThat(counts(ok(importFile(stack, admin, "leads", fixture("leads", p))))).containsExactly(0L, 0L, 0L);
    }

    @Test
    void opportunities_thenStageHistory_followTheLatestEntry_andReimportChangesNothing(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        ok(importFile(stack, admin, "accounts", fixture("accounts", p)));

        assertThat(counts(ok(importFile(stack, admin, "opportunities", fixture("opportunities", p)))))
                .containsExactly(3L, 0L, 0L);
        JsonNode o2 = one(stack, admin, "/opportunities?externalId=" + p + "-o2");
        assertThat(o2.get("stage").asText()).isEqualTo("won");
        assertThat(o2.get("currency").asText()).isEqualTo("USD");
        assertThat(o2.get("industry").asText()).isEqualTo("manufacturing");
        assertThat(instant(o2.get("createdAt"))).isEqualTo(OffsetDateTime.parse("2025-01-12T02:00:00Z"));
        assertThat(instant(o2.get("closedAt"))).isEqualTo(OffsetDateTime.parse("2025-03-01T02:00:00Z"));
        assertThat(one(stack, admin, "/opportunities?externalId=" + p + "-o1").get("currency").asText()).isEqualTo("CNY");

        // skips (contacted -> solution_demo), a regression (-> needs_confirmed), a win and a loss
        assertThat(counts(ok(importFile(stack, admin, "stage-history", fixture("stage-history", p)))))
                .containsExactly(9L, 0L, 0L);
        JsonNode o1 = one(stack, admin, "/opportunities?externalId=" + p + "-o1");
        assertThat(o1.get("stage").asText()).isEqualTo("negotiation");
        assertThat(instant(o1.get("stageEnteredAt"))).isEqualTo(OffsetDateTime.parse("2025-02-15T02:00:00Z"));
        assertThat(o1.path("closedAt").isNull() || o1.path("closedAt").isMissingNode()).isTrue();
        JsonNode o3 = one(stack, admin, "/opportunities?externalId=" + p + "-o3");
        assertThat(o3.get("stage").asText()).isEqualTo("lost");
        assertThat(instant(o3.get("closedAt"))).isEqualTo(OffsetDateTime.parse("2025-02-20T02:00:00Z"));
        JsonNode history = JSON.readTree(AccountIT.send(stack, "GET", "/opportunities/" + o1.get("id").asText()
                + "/history", admin, null, null).body()).get("items");
        List<String> stages = new ArrayList<>();
        history.forEach(e -> stages.add(e.get("stage").asText()));
        assertThat(stages).containsExactly("contacted", "solution_demo", "needs_confirmed", "negotiation");

        long version = o1.get("version").asLong();
        assertThat(counts(ok(importFile(stack, admin, "stage-history", fixture("stage-history", p)))))
                .containsExactly(0L, 0L, 0L);
        assertThat(counts(ok(importFile(stack, admin, "opportunities", fixture("opportunities", p)))))
                .containsExactly(0L, 0L, 0L);
        assertThat(one(stack, admin, "/opportunities?externalId=" + p + "-o1").get("version").asLong()).isEqualTo(version);
    }

    @Test
    void activities_referencingLeadsAndContacts_areImported(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        ok(importFile(stack, admin, "accounts", fixture("accounts", p)));
        ok(importFile(stack, admin, "contacts", fixture("contacts", p)));
        ok(importFile(stack, admin, "leads", fixture("leads", p)));

        assertThat(counts(ok(importFile(stack, admin, "activities", fixture("activities", p))))).containsExactly(2L, 0L, 0L);

        JsonNode l1 = one(stack, admin, "/leads?externalId=" + p + "-l1");
        JsonNode activity = one(stack, admin, "/activities?leadId=" + l1.get("id").asText());
        assertThat(activity.get("type").asText()).isEqualTo("page_view");
        assertThat(activity.get("subject").asText()).isEqualTo("/pricing");
    }

    @Test
    void import_oneBadLine_is422ListingEveryBadLineAndWritesNothing(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        HttpResponse<String> response = importFile(stack, admin, "accounts", fixture("accounts-bad", p));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("kind").asText()).isEqualTo("accounts");
        assertThat(counts(result)).containsExactly(0L, 0L, 3L);
        assertThat(errors(result)).containsExactly("3 employees", "4 parent", "5 name");
        assertThat(result.get("errors").get(1).get("message").asText()).contains(p + "-nowhere");
        assertThat(total(stack, admin, "/accounts?q=" + p)).isZero();
    }

    @Test
    void import_partial_writesTheGoodLinesAndReportsTheBadOnes(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        JsonNode result = ok(importFile(stack, admin, "accounts?partial=true", fixture("accounts-bad", p)));

        assertThat(counts(result)).containsExactly(2L, 0L, 3L);
        assertThat(errors(result)).containsExactly("3 employees", "4 parent", "5 name");
        assertThat(total(stack, admin, "/accounts?q=" + p)).isEqualTo(2);
        assertThat(one(stack, admin, "/accounts?externalId=" + p + "-a5").get("parentId").asText())
                .isEqualTo(one(stack, admin, "/accounts?externalId=" + p + "-a1").get("id").asText());
    }

    @Test
    void import_unclosedQuote_is422NamingTheLine(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        JsonNode problem = assertProblem(importFile(stack, admin, "accounts",
                "external_id,name\n" + p + "-q1,ok\n" + p + "-q2,\"never closed\n" + p + "-q3,fine\n"), 422, "import-file");

        assertThat(problem.get("detail").asText()).contains("Line 3").contains("unclosed quote");
        assertThat(total(stack, admin, "/accounts?q=" + p)).isZero();
    }

    @Test
    void import_missingRequiredColumn_is422NamingIt(FupanStack stack) throws Exception {
        String p = prefix();

        JsonNode problem = assertProblem(importFile(stack, stack.token(ADMIN), "opportunities",
                "external_id,name,created_at\n" + p + "-m1,M1,2025-01-01\n"), 422, "import-file");

        assertThat(problem.get("detail").asText()).contains("required column stage");
    }

    @Test
    void import_wrongDateFormat_is422OnThatLineAndColumn(FupanStack stack) throws Exception {
        String p = prefix();

        HttpResponse<String> response = importFile(stack, stack.token(ADMIN), "leads",
                "external_id,name,created_at\n" + p + "-d1,D1,2025-03-01\n" + p + "-d2,D2,03/01/2025\n");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode result = JSON.readTree(response.body());
        assertThat(errors(result)).containsExactly("3 created_at");
        assertThat(result.get("errors").get(0).get("message").asText()).contains("ISO-8601").contains("03/01/2025");
    }

    @Test
    void import_referenceToNothing_is422OnThatLine(FupanStack stack) throws Exception {
        String p = prefix();

        HttpResponse<String> response = importFile(stack, stack.token(ADMIN), "contacts",
                "external_id,name,account\n" + p + "-r1,R1," + p + "-none\n");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode result = JSON.readTree(response.body());
        assertThat(errors(result)).containsExactly("2 account");
        assertThat(result.get("errors").get(0).get("message").asText()).contains(p + "-none");
    }

    @Test
    void import_gbkDeclared_readsChinese_butGbkSentAsUtf8_is422(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);
        byte[] gbk = ("external_id,name\n" + p + "-g1,华东重工 " + p + "\n").getBytes(Charset.forName("GBK"));

        assertProblem(send(stack, admin, "accounts", gbk, "text/csv; charset=utf-8"), 422, "import-encoding");
        assertThat(counts(ok(send(stack, admin, "accounts", gbk, "text/csv; charset=gbk")))).containsExactly(1L, 0L, 0L);

        assertThat(one(stack, admin, "/accounts?externalId=" + p + "-g1").get("name").asText()).isEqualTo("华东重工 " + p);
    }

    @Test
    void import_utf8Bom_isAccepted(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        JsonNode result = ok(importFile(stack, admin, "accounts", "\uFEFFExternal_Id,Name\n" + p + "-b1,BOM " + p + "\n"));

        assertThat(counts(result)).containsExactly(1L, 0L, 0L);
        assertThat(one(stack, admin, "/accounts?externalId=" + p + "-b1").get("name").asText()).isEqualTo("BOM " + p);
    }

    @Test
    void import_twoMillionColumns_is422AndTheServerStaysUp(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String header = "external_id,name" + ",x".repeat(2_000_000) + "\n";

        JsonNode problem = assertProblem(importFile(stack, admin, "accounts", header), 422, "import-file");

        assertThat(problem.get("detail").asText()).contains("Line 1").contains("longer than 1 MB");
        assertThat(AccountIT.send(stack, "GET", "/accounts", admin, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void import_unknownKind_is404ListingTheKinds(FupanStack stack) throws Exception {
        JsonNode problem = assertProblem(importFile(stack, stack.token(ADMIN), "deals", "external_id\nq\n"), 404,
                "not-found");

        assertThat(problem.get("detail").asText())
                .contains("accounts, contacts, leads, opportunities, stage-history, activities, quotes");
    }

    @Test
    void import_otherTenantsExternalIds_areNotVisible(FupanStack stack) throws Exception {
        String p = prefix();
        ok(importFile(stack, stack.token(ADMIN), "accounts", fixture("accounts", p)));

        HttpResponse<String> response = importFile(stack, stack.token("admin@lumen.example"), "contacts",
                "external_id,name,account\n" + p + "-lc1,Lumen Contact," + p + "-hq\n");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errors(JSON.readTree(response.body()))).containsExactly("2 account");
    }

    @Test
    void import_asRep_is403(FupanStack stack) throws Exception {
        String p = prefix();
        String admin = stack.token(ADMIN);

        assertProblem(importFile(stack, stack.token("rep1@acme.example"), "accounts",
                "external_id,name\n" + p + "-rep,Rep " + p + "\n"), 403, "forbidden");

        assertThat(total(stack, admin, "/accounts?q=" + p)).isZero();
    }

    // --- helpers

    static String prefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    static String fixture(String name, String prefix) throws IOException {
        try (InputStream in = ImportIT.class.getResourceAsStream("/import/" + name + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{p}", prefix);
        }
    }

    static HttpResponse<String> importFile(FupanStack stack, String token, String kind, String csv) {
        return send(stack, token, kind, csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
    }

    static HttpResponse<String> send(FupanStack stack, String token, String kind, byte[] body, String contentType) {
        return stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/import/" + kind))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static List<Long> counts(JsonNode result) {
        return List.of(result.get("accepted").asLong(), result.get("updated").asLong(), result.get("rejected").asLong());
    }

    static List<String> errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.get("line").asLong() + " " + e.get("column").asText()));
        return errors;
    }

    static JsonNode one(FupanStack stack, String token, String path) throws Exception {
        HttpResponse<String> response = AccountIT.send(stack, "GET", path, token, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(response.body()).get("items");
        assertThat(items).as(path).hasSize(1);
        return items.get(0);
    }

    static long total(FupanStack stack, String token, String path) throws Exception {
        return JSON.readTree(AccountIT.send(stack, "GET", path, token, null, null).body()).get("total").asLong();
    }

    static JsonNode definition(JsonNode items, String key) {
        for (JsonNode item : items) {
            if (item.get("key").asText().equals(key)) {
                return item;
            }
        }
        throw new AssertionError("no custom attribute " + key + " in " + items);
    }

    static OffsetDateTime instant(JsonNode time) {
        return OffsetDateTime.parse(time.asText()).withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
