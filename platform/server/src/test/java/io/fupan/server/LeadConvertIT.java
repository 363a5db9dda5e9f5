package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.LeadIT.create;
import static io.fupan.server.LeadIT.etag;
import static io.fupan.server.LeadIT.patch;
import static io.fupan.server.LeadIT.userId;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /leads/{id}/convert}: lead → account + contact + opportunity in one transaction (L2O). */
@ExtendWith(FupanServerExtension.class)
class LeadConvertIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void convert_openLead_createsAndLinksAccountContactAndOpportunity(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        String tag = tag();
        JsonNode lead = create(stack, rep, "{\"name\":\"李娜 Li Na\",\"company\":\"Delta Pumps " + tag + "\","
                + "\"email\":\"li.na@" + tag + ".example\",\"phone\":\"+86 10 5555 0102\",\"channel\":\"webinar\","
                + "\"industry\":\"manufacturing\",\"region\":\"north\",\"employees\":340,\"status\":\"sql\"}");
        String leadId = lead.get("id").asText();

        HttpResponse<String> response = send(stack, "POST", "/leads/" + leadId + "/convert", rep, null,
                "{\"amount\":250000.00,\"currency\":\"USD\",\"closeDate\":\"2026-03-31\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode result = JSON.readTree(response.body());
        JsonNode converted = result.get("lead");
        JsonNode account = result.get("account");
        JsonNode contact = result.get("contact");
        JsonNode opportunity = result.get("opportunity");
        String repId = userId(stack, rep);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/opportunities/" + opportunity.get("id").asText()));

        assertThat(converted.get("id").asText()).isEqualTo(leadId);
        assertThat(converted.get("status").asText()).isEqualTo("converted");
        assertThat(converted.get("convertedAccountId").asText()).isEqualTo(account.get("id").asText());
        assertThat(converted.get("convertedContactId").asText()).isEqualTo(contact.get("id").asText());
        assertThat(converted.get("convertedOpportunityId").asText()).isEqualTo(opportunity.get("id").asText());
        assertThat(converted.get("version").asLong()).isGreaterThan(lead.get("version").asLong());

        assertThat(account.get("name").asText()).isEqualTo("Delta Pumps " + tag);
        assertThat(account.get("industry").asText()).isEqualTo("manufacturing");
        assertThat(account.get("region").asText()).isEqualTo("north");
        assertThat(account.get("employees").asInt()).isEqualTo(340);
        assertThat(account.get("ownerId").asText()).isEqualTo(repId);

        assertThat(contact.get("name").asText()).isEqualTo("李娜 Li Na");
        assertThat(contact.get("email").asText()).isEqualTo("li.na@" + tag + ".example");
        assertThat(contact.get("phone").asText()).isEqualTo("+86 10 5555 0102");
        assertThat(contact.get("accountId").asText()).isEqualTo(account.get("id").asText());
        assertThat(contact.hasNonNull("buyingRole")).isFalse();
        assertThat(contact.get("ownerId").asText()).isEqualTo(repId);

        assertThat(opportunity.get("name").asText()).isEqualTo("Delta Pumps " + tag + " – 李娜 Li Na");
        assertThat(opportunity.get("leadId").asText()).isEqualTo(leadId);
        assertThat(opportunity.get("accountId").asText()).isEqualTo(account.get("id").asText());
        assertThat(opportunity.get("stage").asText()).isEqualTo(firstOpenStage(stack, rep));
        assertThat(opportunity.get("channel").asText()).isEqualTo("webinar");
        assertThat(opportunity.get("industry").asText()).isEqualTo("manufacturing");
        assertThat(opportunity.get("region").asText()).isEqualTo("north");
        assertThat(opportunity.get("amount").decimalValue()).isEqualByComparingTo("250000.00");
        assertThat(opportunity.get("currency").asText()).isEqualTo("USD");
        assertThat(opportunity.get("closeDate").asText()).isEqualTo("2026-03-31");
        assertThat(opportunity.get("ownerId").asText()).isEqualTo(repId);

        // what the response says is what is stored
        JsonNode stored = JSON.readTree(send(stack, "GET", "/leads/" + leadId, rep, null, null).body());
        assertThat(stored.get("status").asText()).isEqualTo("converted");
        assertThat(stored.get("convertedOpportunityId").asText()).isEqualTo(opportunity.get("id").asText());
        assertThat(JSON.readTree(send(stack, "GET", "/contacts/" + contact.get("id").asText(), rep, null, null).body())
                .get("accountId").asText()).isEqualTo(account.get("id").asText());
        assertThat(JSON.readTree(send(stack, "GET", "/opportunities/" + opportunity.get("id").asText(), rep, null,
                null).body()).get("leadId").asText()).isEqualTo(leadId);
    }

    @Test
    void convert_thenHistory_endsWithConvertedByTheCaller(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"History Convert\",\"company\":\"HC " + tag() + "\"}");
        lead = patch(stack, admin, lead, "{\"status\":\"mql\"}");
        String id = lead.get("id").asText();

        JsonNode result = convert(stack, admin, id, "{}");

        JsonNode items = JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items");
        assertThat(items).extracting(e -> e.get("status").asText()).containsExactly("new", "mql", "converted");
        JsonNode last = items.get(2);
        assertThat(last.get("changedById").asText()).isEqualTo(userId(stack, admin));
        assertThat(OffsetDateTime.parse(last.get("changedAt").asText()))
                .isEqualTo(OffsetDateTime.parse(result.at("/lead/statusChangedAt").asText()))
                .isAfter(OffsetDateTime.parse(items.get(1).get("changedAt").asText()));
    }

    @Test
    void convert_secondTime_is409AndCreatesNothingMore(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String company = "Twice " + tag();
        JsonNode lead = create(stack, admin, "{\"name\":\"Twice Lead\",\"company\":\"" + company + "\"}");
        String id = lead.get("id").asText();
        convert(stack, admin, id, "{}");
        long accounts = count(stack, "account"), contacts = count(stack, "contact");
        long opportunities = count(stack, "opportunity");

        JsonNode problem = assertProblem(send(stack, "POST", "/leads/" + id + "/convert", admin, null, "{}"), 409,
                "conflict");

        assertThat(problem.get("detail").asText()).contains("converted");
        assertThat(count(stack, "account")).isEqualTo(accounts);
        assertThat(count(stack, "contact")).isEqualTo(contacts);
        assertThat(count(stack, "opportunity")).isEqualTo(opportunities);
        assertThat(countWhere(stack, "account", "name", company)).isEqualTo(1);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items")).extracting(e -> e.get("status").asText()).containsExactly("new", "converted");
    }

    @Test
    void convert_twiceAtOnce_oneWinsTheOtherIs409(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String company = "Race " + tag();
        String id = create(stack, admin, "{\"name\":\"Race Lead\",\"company\":\"" + company + "\"}").get("id").asText();

        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> send(stack, "POST", "/leads/" + id + "/convert", admin, null, "{}"));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> send(stack, "POST", "/leads/" + id + "/convert", admin, null, "{}"));

        assertThat(java.util.List.of(first.get().statusCode(), second.get().statusCode()))
                .containsExactlyInAnyOrder(201, 409);
        assertThat(countWhere(stack, "account", "name", company)).isEqualTo(1);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items")).extracting(e -> e.get("status").asText()).containsExactly("new", "converted");
    }

    @Test
    void convert_disqualifiedLead_is409(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Dead End\",\"status\":\"disqualified\"}");

        assertProblem(send(stack, "POST", "/leads/" + lead.get("id").asText() + "/convert", admin, null, "{}"), 409,
                "conflict");

        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + lead.get("id").asText(), admin, null, null).body())
                .get("status").asText()).isEqualTo("disqualified");
    }

    @Test
    void update_statusOfConvertedLead_is409(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = create(stack, admin, "{\"name\":\"Final Lead\",\"company\":\"Final " + tag() + "\"}");
        JsonNode converted = convert(stack, admin, lead.get("id").asText(), "{}").get("lead");

        assertProblem(send(stack, "PATCH", "/leads/" + lead.get("id").asText(), admin, etag(converted),
                "{\"status\":\"contacted\"}"), 409, "conflict");
        assertProblem(send(stack, "DELETE", "/leads/" + lead.get("id").asText(), admin, etag(converted), null), 409,
                "conflict");
        // other fields of a converted lead may still be corrected
        JsonNode corrected = patch(stack, admin, converted, "{\"phone\":\"+86 20 5555 0199\"}");
        assertThat(corrected.get("status").asText()).isEqualTo("converted");
        assertThat(corrected.get("phone").asText()).isEqualTo("+86 20 5555 0199");
    }

    @Test
    void convert_withExistingAccountId_linksToItAndCreatesNoAccount(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode existing = JSON.readTree(send(stack, "POST", "/accounts", admin, null,
                "{\"name\":\"Existing Customer " + tag() + "\",\"industry\":\"energy\"}").body());
        JsonNode lead = create(stack, admin, "{\"name\":\"Zhao Lei\",\"company\":\"Some Other Name\"}");
        long accounts = count(stack, "account");

        JsonNode result = convert(stack, admin, lead.get("id").asText(),
                "{\"accountId\":\"" + existing.get("id").asText() + "\",\"opportunityName\":\"Expansion 2026\"}");

        assertThat(count(stack, "account")).isEqualTo(accounts);
        assertThat(result.at("/account/id").asText()).isEqualTo(existing.get("id").asText());
        assertThat(result.at("/account/name").asText()).isEqualTo(existing.get("name").asText());
        assertThat(result.at("/contact/accountId").asText()).isEqualTo(existing.get("id").asText());
        assertThat(result.at("/opportunity/accountId").asText()).isEqualTo(existing.get("id").asText());
        assertThat(result.at("/opportunity/name").asText()).isEqualTo("Expansion 2026");
        assertThat(result.at("/opportunity/industry").asText()).isEqualTo("energy");  // the account's, the lead has none
        assertThat(result.at("/lead/convertedAccountId").asText()).isEqualTo(existing.get("id").asText());
    }

    @Test
    void convert_withAccountTheCallerDoesNotSee_is422OnAccountIdAndWritesNothing(FupanStack stack) throws Exception {
        JsonNode rep2s = JSON.readTree(send(stack, "POST", "/accounts", stack.token("rep2@acme.example"), null,
                "{\"name\":\"Rep2 Private " + tag() + "\"}").body());
        String rep = stack.token("rep1@acme.example");
        JsonNode lead = create(stack, rep, "{\"name\":\"Poacher\",\"status\":\"sql\"}");
        long contacts = count(stack, "contact");

        JsonNode problem = assertProblem(send(stack, "POST", "/leads/" + lead.get("id").asText() + "/convert", rep,
                null, "{\"accountId\":\"" + rep2s.get("id").asText() + "\"}"), 422, "validation");

        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("accountId");
        assertThat(count(stack, "contact")).isEqualTo(contacts);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + lead.get("id").asText(), rep, null, null).body())
                .get("status").asText()).isEqualTo("sql");
    }

    @Test
    void convert_failingAtTheOpportunity_is422AndWritesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String tag = tag();
        String company = "Atomic " + tag;
        String email = "atomic@" + tag + ".example";
        JsonNode lead = create(stack, admin, "{\"name\":\"Atomic Lead\",\"company\":\"" + company + "\",\"email\":\""
                + email + "\",\"status\":\"sql\"}");
        String id = lead.get("id").asText();
        long accounts = count(stack, "account"), contacts = count(stack, "contact");
        long opportunities = count(stack, "opportunity"), audits = count(stack, "audit_event");

        // the account and the contact are written before the opportunity refuses its 300-character name
        JsonNode problem = assertProblem(send(stack, "POST", "/leads/" + id + "/convert", admin, null,
                "{\"opportunityName\":\"" + "o".repeat(300) + "\"}"), 422, "validation");

        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("opportunityName");
        assertThat(count(stack, "account")).isEqualTo(accounts);
        assertThat(count(stack, "contact")).isEqualTo(contacts);
        assertThat(count(stack, "opportunity")).isEqualTo(opportunities);
        assertThat(count(stack, "audit_event")).isEqualTo(audits);
        assertThat(countWhere(stack, "account", "name", company)).isZero();
        assertThat(countWhere(stack, "contact", "email", email)).isZero();
        JsonNode after = JSON.readTree(send(stack, "GET", "/leads/" + id, admin, null, null).body());
        assertThat(after.get("status").asText()).isEqualTo("sql");
        assertThat(after.get("version").asLong()).isEqualTo(lead.get("version").asLong());
        assertThat(after.hasNonNull("convertedAccountId")).isFalse();
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + id + "/history", admin, null, null).body())
                .get("items")).extracting(e -> e.get("status").asText()).containsExactly("sql");

        // nothing was left half-done: the lead converts cleanly afterwards
        JsonNode result = convert(stack, admin, id, "{}");
        assertThat(result.at("/lead/status").asText()).isEqualTo("converted");
        assertThat(countWhere(stack, "account", "name", company)).isEqualTo(1);
        assertThat(countWhere(stack, "contact", "email", email)).isEqualTo(1);
    }

    @Test
    void convert_withoutCompanyOrBody_namesAccountAndOpportunityAfterTheLead(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String name = "Solo Buyer " + tag();
        JsonNode lead = create(stack, admin, "{\"name\":\"" + name + "\"}");

        HttpResponse<String> response = send(stack, "POST", "/leads/" + lead.get("id").asText() + "/convert", admin,
                null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.at("/account/name").asText()).isEqualTo(name);
        assertThat(result.at("/opportunity/name").asText()).isEqualTo(name);
        assertThat(result.at("/contact/name").asText()).isEqualTo(name);
        assertThat(result.at("/opportunity/currency").asText()).isEqualTo("CNY");  // the tenant's
    }

    @Test
    void convert_byMarketing_is403AndWritesNothing(FupanStack stack) throws Exception {
        String marketing = stack.token("marketing@acme.example");
        JsonNode lead = create(stack, marketing, "{\"name\":\"Handover\",\"status\":\"sql\"}");
        long accounts = count(stack, "account");

        assertProblem(send(stack, "POST", "/leads/" + lead.get("id").asText() + "/convert", marketing, null, "{}"),
                403, "forbidden");

        assertThat(count(stack, "account")).isEqualTo(accounts);
    }

    @Test
    void convert_otherTenantsLead_is404AndWritesNothing(FupanStack stack) throws Exception {
        JsonNode lumens = create(stack, stack.token("admin@lumen.example"), "{\"name\":\"Lumen Lead\",\"company\":\"LC\"}");
        long accounts = count(stack, "account");

        assertProblem(send(stack, "POST", "/leads/" + lumens.get("id").asText() + "/convert",
                stack.token("admin@acme.example"), null, "{}"), 404, "not-found");
        assertProblem(send(stack, "POST", "/leads/" + UUID.randomUUID() + "/convert",
                stack.token("admin@acme.example"), null, "{}"), 404, "not-found");

        assertThat(count(stack, "account")).isEqualTo(accounts);
        assertThat(JSON.readTree(send(stack, "GET", "/leads/" + lumens.get("id").asText(),
                stack.token("admin@lumen.example"), null, null).body()).get("status").asText()).isEqualTo("new");
    }

    static JsonNode convert(FupanStack stack, String token, String leadId, String body) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/leads/" + leadId + "/convert", token, null, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static String firstOpenStage(FupanStack stack, String token) throws Exception {
        for (JsonNode stage : JSON.readTree(send(stack, "GET", "/pipeline", token, null, null).body()).get("stages")) {
            if ("open".equals(stage.get("kind").asText())) {
                return stage.get("key").asText();
            }
        }
        throw new AssertionError("no open stage");
    }

    /** All rows of {@code table} in every tenant (the superuser is not held by row-level security). */
    static long count(FupanStack stack, String table) throws Exception {
        try (Connection c = stack.postgres().superuserConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long countWhere(FupanStack stack, String table, String column, String value) throws Exception {
        try (Connection c = stack.postgres().superuserConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from " + table + " where " + column + " = ?")) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
