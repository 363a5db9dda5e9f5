package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static io.fupan.server.OpportunityIT.created;
import static io.fupan.server.OpportunityIT.etag;
import static io.fupan.server.OpportunityIT.ids;
import static io.fupan.server.OpportunityIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /custom-attributes}: definitions by tenant admins, and records that accept, filter and refuse values. */
@ExtendWith(FupanServerExtension.class)
class CustomAttributeIT {

    @Test
    void define_byAdmin_is201AndListedForEveryRole(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");

        HttpResponse<String> response = send(stack, "POST", "/custom-attributes", admin, null,
                "{\"entity\":\"lead\",\"key\":\"segment\",\"type\":\"choice\",\"labelZh\":\"细分\",\"labelEn\":\"Segment\","
                        + "\"choices\":[\"smb\",\"enterprise\"]}");

        JsonNode defined = created(response);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/custom-attributes/lead/segment"));
        assertThat(defined.get("type").asText()).isEqualTo("choice");
        assertThat(defined.get("choices")).extracting(JsonNode::asText).containsExactly("smb", "enterprise");
        for (String user : List.of("admin@acme.example", "rep1@acme.example", "marketing@acme.example")) {
            JsonNode items = ok(send(stack, "GET", "/custom-attributes?entity=lead", stack.token(user), null, null))
                    .get("items");
            assertThat(items).as(user).anySatisfy(a -> {
                assertThat(a.get("key").asText()).isEqualTo("segment");
                assertThat(a.get("labelZh").asText()).isEqualTo("细分");
                assertThat(a.get("labelEn").asText()).isEqualTo("Segment");
            });
            assertThat(items).as(user).allSatisfy(a -> assertThat(a.get("entity").asText()).isEqualTo("lead"));
        }
        JsonNode lumens = ok(send(stack, "GET", "/custom-attributes", stack.token("admin@lumen.example"), null, null));
        assertThat(lumens.get("items")).noneSatisfy(a -> assertThat(a.get("key").asText()).isEqualTo("segment"));
    }

    @Test
    void accountAndOpportunity_acceptAndFilterByADefinedAttribute(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        ensureBudget(stack, "account");
        ensureBudget(stack, "opportunity");

        String fits = created(send(stack, "POST", "/accounts", admin, null,
                "{\"name\":\"Budget 5000 Co\",\"custom\":{\"budget\":5000}}")).get("id").asText();
        String other = created(send(stack, "POST", "/accounts", admin, null,
                "{\"name\":\"Budget 7000 Co\",\"custom\":{\"budget\":7000}}")).get("id").asText();
        JsonNode accounts = ok(send(stack, "GET", "/accounts?size=500&q=budget%20&custom.budget=5000", admin, null, null));
        assertThat(accounts.get("items")).extracting(a -> a.get("id").asText()).contains(fits).doesNotContain(other);
        assertThat(accounts.get("items")).allSatisfy(a -> assertThat(a.at("/custom/budget").asInt()).isEqualTo(5000));

        JsonNode deal = created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Budgeted deal\",\"accountId\":\"" + fits + "\",\"custom\":{\"budget\":5000.0}}"));
        assertThat(deal.at("/custom/budget").asInt()).isEqualTo(5000);
        created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Other deal\",\"accountId\":\"" + fits + "\",\"custom\":{\"budget\":7000}}"));
        created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"No budget deal\",\"accountId\":\"" + fits + "\"}"));
        assertThat(ids(stack, admin, "/opportunities?accountId=" + fits + "&custom.budget=5000"))
                .containsExactly(deal.get("id").asText());

        assertThat(assertProblem(send(stack, "GET", "/opportunities?custom.budget=lots", admin, null, null),
                422, "validation").at("/errors/0/field").asText()).isEqualTo("custom.budget");
        assertThat(assertProblem(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Bad budget\",\"custom\":{\"budget\":\"lots\"}}"), 422, "validation")
                .at("/errors/0/field").asText()).isEqualTo("custom.budget");
    }

    @Test
    void accountAndOpportunity_undefinedAttribute_is422NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");

        for (String path : List.of("/accounts", "/opportunities")) {
            JsonNode problem = assertProblem(send(stack, "POST", path, admin, null,
                    "{\"name\":\"Undefined attr\",\"custom\":{\"x\":1}}"), 422, "validation");
            assertThat(problem.get("errors")).as(path).extracting(e -> e.get("field").asText()).containsExactly("custom.x");
            assertThat(assertProblem(send(stack, "GET", path + "?custom.x=1", admin, null, null), 422, "validation")
                    .at("/errors/0/field").asText()).as(path).isEqualTo("custom.x");
        }
        assertThat(ok(send(stack, "GET", "/opportunities?q=undefined%20attr", admin, null, null)).get("items")).isEmpty();
    }

    @Test
    void define_sameKeyTwice_is409(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String body = "{\"entity\":\"opportunity\",\"key\":\"twice\",\"type\":\"text\",\"labelZh\":\"两次\",\"labelEn\":\"Twice\"}";
        created(send(stack, "POST", "/custom-attributes", admin, null, body));

        assertProblem(send(stack, "POST", "/custom-attributes", admin, null, body), 409, "conflict");
        created(send(stack, "POST", "/custom-attributes", admin, null, body.replace("opportunity", "account")));
        created(send(stack, "POST", "/custom-attributes", stack.token("admin@lumen.example"), null, body));
    }

    @Test
    void defineOrDelete_byNonAdmin_is403(FupanStack stack) throws Exception {
        String body = "{\"entity\":\"account\",\"key\":\"rep_made\",\"type\":\"text\",\"labelZh\":\"代表\",\"labelEn\":\"Rep\"}";
        for (String user : List.of("rep1@acme.example", "manager@acme.example", "marketing@acme.example")) {
            assertProblem(send(stack, "POST", "/custom-attributes", stack.token(user), null, body), 403, "forbidden");
        }
        ensureBudget(stack, "account");
        assertProblem(send(stack, "DELETE", "/custom-attributes/account/budget", stack.token("rep1@acme.example"), null,
                null), 403, "forbidden");

        JsonNode items = ok(send(stack, "GET", "/custom-attributes?entity=account", stack.token("admin@acme.example"),
                null, null)).get("items");
        assertThat(items).extracting(a -> a.get("key").asText()).contains("budget").doesNotContain("rep_made");
    }

    @Test
    void define_badInput_is422NamingTheField(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");

        assertFields(stack, admin, "{\"entity\":\"contact\",\"key\":\"Bad Key\",\"type\":\"colour\",\"labelZh\":\"\","
                + "\"labelEn\":\"X\"}", "entity", "key", "type", "labelZh");
        assertFields(stack, admin, "{\"entity\":\"lead\",\"key\":\"tier_pick\",\"type\":\"choice\",\"labelZh\":\"选\","
                + "\"labelEn\":\"Pick\"}", "choices");
        assertFields(stack, admin, "{\"entity\":\"lead\",\"key\":\"tier_pick\",\"type\":\"choice\",\"labelZh\":\"选\","
                + "\"labelEn\":\"Pick\",\"choices\":[\"a\",\"a\"]}", "choices");
        assertFields(stack, admin, "{\"entity\":\"lead\",\"key\":\"plain\",\"type\":\"text\",\"labelZh\":\"文\","
                + "\"labelEn\":\"Text\",\"choices\":[\"a\"]}", "choices");
        assertFields(stack, admin, "{\"entity\":\"lead\",\"key\":\"" + "k".repeat(70) + "\",\"type\":\"text\","
                + "\"labelZh\":\"文\",\"labelEn\":\"Text\"}", "key");
        assertThat(assertProblem(send(stack, "GET", "/custom-attributes?entity=contact", admin, null, null), 422,
                "validation").at("/errors/0/field").asText()).isEqualTo("entity");
    }

    @Test
    void delete_whileARecordHasAValue_is409_andOnceClearedIs204(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        created(send(stack, "POST", "/custom-attributes", admin, null,
                "{\"entity\":\"opportunity\",\"key\":\"po_number\",\"type\":\"text\",\"labelZh\":\"订单号\","
                        + "\"labelEn\":\"PO number\"}"));
        JsonNode deal = created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"PO deal\",\"custom\":{\"po_number\":\"PO-7\"}}"));

        JsonNode problem = assertProblem(send(stack, "DELETE", "/custom-attributes/opportunity/po_number", admin, null,
                null), 409, "conflict");
        assertThat(problem.get("detail").asText()).startsWith("1 opportunity record(s)");

        JsonNode cleared = ok(send(stack, "PATCH", "/opportunities/" + deal.get("id").asText(), admin, etag(deal),
                "{\"custom\":{\"po_number\":null}}"));
        assertThat(cleared.get("custom").has("po_number")).isFalse();
        assertThat(send(stack, "DELETE", "/custom-attributes/opportunity/po_number", admin, null, null).statusCode())
                .isEqualTo(204);
        assertThat(ok(send(stack, "GET", "/custom-attributes?entity=opportunity", admin, null, null)).get("items"))
                .noneSatisfy(a -> assertThat(a.get("key").asText()).isEqualTo("po_number"));
        assertProblem(send(stack, "DELETE", "/custom-attributes/opportunity/po_number", admin, null, null),
                404, "not-found");
        assertProblem(send(stack, "DELETE", "/custom-attributes/contact/po_number", admin, null, null), 404, "not-found");
    }

    /** The number attribute {@code budget} of {@code entity} in acme, defined by whichever test comes first. */
    private static void ensureBudget(FupanStack stack, String entity) throws Exception {
        int status = send(stack, "POST", "/custom-attributes", stack.token("admin@acme.example"), null,
                "{\"entity\":\"" + entity + "\",\"key\":\"budget\",\"type\":\"number\",\"labelZh\":\"预算\","
                        + "\"labelEn\":\"Budget\"}").statusCode();
        assertThat(status).isIn(201, 409);
    }

    private static void assertFields(FupanStack stack, String token, String body, String... fields) throws Exception {
        JsonNode problem = assertProblem(send(stack, "POST", "/custom-attributes", token, null, body), 422, "validation");
        // containsOnly: a field may break two rules (an over-long key is too long and off the pattern)
        assertThat(problem.get("errors")).as(problem.toString()).extracting(e -> e.get("field").asText())
                .containsOnly(fields);
    }
}
