package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web UI in a real headless Chromium against the running server and Keycloak, once per
 * language: a rep signs in, creates a lead (a bad e-mail shows next to its field first), logs a call
 * on a phone-sized screen, converts the lead and drags the opportunity through two stages on the
 * board, confirming each move; a manager signs in and sees the board; a tenant admin imports a CSV
 * file with one bad line (rejected whole, then partially) and opens the plugins page; a tenant that
 * has not enabled lead-scoring sees no trace of it. Each step leaves a screenshot in
 * {@code target/screenshots/<language>/}, and each change is checked against the API.
 */
@ExtendWith(FupanServerExtension.class)
class WebUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** fupan-web's access tokens live 20 s here, so that every flow outlives its first token and must refresh. */
    static final int TOKEN_SECONDS = 20;

    @BeforeAll
    static void shortTokens(FupanStack stack) throws Exception {
        String admin = stack.keycloak().adminToken();
        String clients = stack.keycloak().url() + "/admin/realms/fupan/clients";
        JsonNode client = JSON.readTree(stack.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=fupan-web"))
                .header("Authorization", "Bearer " + admin).GET().build()).body()).get(0);
        ((ObjectNode) client.get("attributes")).put("access.token.lifespan", String.valueOf(TOKEN_SECONDS));
        HttpResponse<String> updated = stack.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(client.toString())).build());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void repManagerAndAdmin_workTheUi_inTheirLanguage(String language, FupanStack stack) throws Exception {
        String run = language.replace("-", "").toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        try (WebBrowser b = new WebBrowser(stack.server().url(), language)) {
            try {
                String opportunityId = repFlow(b, stack, language, run);
                managerFlow(b, stack, language, opportunityId);
                adminFlow(b, stack, run);
                pluginAdminFlow(b, stack, language, run);
                noTraceOfUnenabledPlugin(b, language);
            } catch (Throwable e) {
                b.failure();
                throw e;
            }
        }
    }

    private String repFlow(WebBrowser b, FupanStack stack, String language, String run) throws Exception {
        String rep = stack.token("rep1@acme.example");
        b.signIn("rep1@acme.example", language, true);
        long signedIn = System.nanoTime();
        // Counts the UI's token refreshes (it announces each new token) for the check at the end.
        b.script("window.refreshes = 0; document.addEventListener('fupan:tokens', () => window.refreshes++)");
        b.find("#lead-count");
        assertThat(b.find("#nav-leads").getText()).isEqualTo(language.equals("en") ? "Leads" : "线索");
        b.shot("leads");

        // A new lead: the API's field error shows next to the e-mail field, then the corrected lead is created.
        b.find("#new-lead").click();
        b.find("#lead-form");
        String name = "UI Lead " + run;
        b.type("#lead-form [name=name]", name);
        b.type("#lead-form [name=company]", "Web Test Co " + run);
        b.type("#lead-form [name=email]", "not-an-address");
        b.type("#lead-form [name=channel]", "web");
        b.find("#lead-form button[type=submit]").click();
        WebElement emailError = b.find("#lead-form [data-field=email] .field-error");
        assertThat(emailError.getText()).isNotBlank();
        assertThat(b.find("#lead-form [name=email]").getAttribute("aria-invalid")).isEqualTo("true");
        b.shot("lead-field-error");
        b.type("#lead-form [name=email]", "buyer@" + run + ".example");
        b.find("#lead-form button[type=submit]").click();
        b.until(d -> d.getCurrentUrl().matches(".*#/leads/[0-9a-f-]{36}$") ? true : null);
        b.settled();
        String leadId = b.driver.getCurrentUrl().replaceAll(".*#/leads/", "");
        assertThat(b.find("h1").getText()).isEqualTo(name);
        JsonNode lead = api(stack, rep, "/leads/" + leadId);
        assertThat(lead.get("email").asText()).isEqualTo("buyer@" + run + ".example");
        b.find("#score-panel");
        b.shot("lead-detail");

        // On the road: a phone-sized screen, a call logged on the lead.
        b.size(WebBrowser.PHONE);
        b.settled();
        b.type("#activity-form [name=subject]", "Call from the road " + run);
        b.find("#activity-form button[type=submit]").click();
        b.until(d -> d.findElements(By.xpath("//*[@id='activity-list']//td[contains(., 'Call from the road " + run + "')]"))
                .isEmpty() ? null : true);
        b.shot("phone-activity-logged");
        JsonNode calls = api(stack, rep, "/activities?leadId=" + leadId);
        assertThat(calls.get("total").asInt()).isEqualTo(1);
        assertThat(calls.at("/items/0/type").asText()).isEqualTo("call");
        b.find("button.menu").click();
        b.find("#nav-leads");
        b.shot("phone-menu");
        b.size(WebBrowser.DESKTOP);
        // acme enabled lead-scoring: the list is by score, with score and grade, in the API's order.
        b.open("#/leads");
        b.find("#lead-table");
        List<String> headers = b.all("#lead-table thead th").stream().map(WebElement::getText).toList();
        assertThat(headers).contains(language.equals("en") ? "Score" : "评分", language.equals("en") ? "Grade" : "等级");
        // Scores move while lead-scoring digests the new lead and its call: compare once they hold still.
        List<String> shown = List.of();
        List<String> byScore = List.of();
        for (int attempt = 0; attempt < 5 && (shown.isEmpty() || !shown.equals(byScore)); attempt++) {
            if (attempt > 0) {
                Thread.sleep(1000);
                b.open(attempt % 2 == 1 ? "#/leads?sort=-score" : "#/leads");
                b.find("#lead-table");
            }
            shown = b.all("#lead-table tbody tr").stream().map(r -> r.findElement(By.cssSelector("th a")).getAttribute("href")
                    .replaceAll(".*#/leads/", "")).toList();
            List<String> api = new ArrayList<>();
            api(stack, rep, "/leads?sort=-score&size=25").get("items").forEach(l -> api.add(l.get("id").asText()));
            byScore = api;
        }
        assertThat(shown).contains(leadId).isEqualTo(byScore);
        b.shot("leads-by-score");
        b.find("#tab-focus").click();
        int focus = -1;
        int rows = -2;
        for (int attempt = 0; attempt < 5 && rows != Math.min(focus, 100); attempt++) {
            if (attempt > 0) {
                Thread.sleep(1000);
                b.open("#/leads?view=focus");
            }
            b.find("#focus-list > p");
            rows = b.all("#focus-list tbody tr").size();
            focus = api(stack, rep, "/plugins/lead-scoring/focus").get("items").size();
        }
        assertThat(rows).isEqualTo(Math.min(focus, 100));
        b.shot("focus-list");
        b.open("#/leads/" + leadId);

        // Convert: account, contact and opportunity in one step; the opportunity opens.
        b.find("#convert-lead").click();
        b.find("#convert-form");
        b.type("#convert-form [name=amount]", "128000");
        b.shot("convert-dialog");
        b.find("dialog button.primary").click();
        b.until(d -> d.getCurrentUrl().matches(".*#/opportunities/[0-9a-f-]{36}$") ? true : null);
        b.settled();
        String opportunityId = b.driver.getCurrentUrl().replaceAll(".*#/opportunities/", "");
        assertThat(api(stack, rep, "/leads/" + leadId).get("status").asText()).isEqualTo("converted");
        JsonNode opportunity = api(stack, rep, "/opportunities/" + opportunityId);
        assertThat(opportunity.get("amount").decimalValue()).isEqualByComparingTo("128000");
        b.shot("opportunity");

        // The board: drag the card to the next stage and the one after, confirming each move.
        List<String> open = openStages(stack, rep);
        String first = opportunity.get("stage").asText();
        assertThat(first).isEqualTo(open.get(0));
        b.open("#/opportunities");
        b.find(".card[data-id='" + opportunityId + "']");
        b.shot("board");
        for (int i = 1; i <= 2; i++) {
            String target = open.get(i);
            drag(b, opportunityId, target);
            b.find("dialog.dialog");
            if (i == 1) {
                b.shot("board-confirm-move");
            }
            b.find("dialog.dialog button.primary").click();
            b.find(".column[data-stage='" + target + "'] .card[data-id='" + opportunityId + "']");
            assertThat(api(stack, rep, "/opportunities/" + opportunityId).get("stage").asText()).isEqualTo(target);
        }
        WebElement amount = b.find(".column[data-stage='" + open.get(2) + "'] .col-amount");
        assertThat(amount.getText()).isNotBlank();
        b.shot("board-moved");

        // The detail: the stage history as a timeline, in the order the API keeps it.
        b.open("#/opportunities/" + opportunityId);
        List<String> timeline = b.all("#stage-history li").stream().map(li -> li.getAttribute("data-stage")).toList();
        List<String> history = new ArrayList<>();
        api(stack, rep, "/opportunities/" + opportunityId + "/history").get("items").forEach(e -> history.add(e.get("stage").asText()));
        assertThat(timeline).isEqualTo(history).containsExactly(open.get(0), open.get(1), open.get(2));
        b.shot("stage-history");
        // Past the first access token's life: the UI has refreshed it, and the API still answers it.
        b.until(d -> ((Number) b.script("return window.refreshes")).intValue() > 0 ? true : null);
        long left = signedIn + (TOKEN_SECONDS + 1) * 1_000_000_000L - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        b.open("#/opportunities/list?q=" + run);
        assertThat(b.find("#opportunity-table a[href='#/opportunities/" + opportunityId + "']").isDisplayed()).isTrue();
        b.signOut();
        b.shot("signed-out");
        return opportunityId;
    }

    /** The manager's review page: the funnel table and chart show the API's figures, stage by stage. */
    private void reviewFlow(WebBrowser b, FupanStack stack) throws Exception {
        String manager = stack.token("manager@acme.example");
        ReviewDashboardsIT.awaitFacts(stack, manager, 120);
        b.find("#nav-review").click();
        b.find("#funnel-table");
        JsonNode funnel = api(stack, manager, "/plugins/review-dashboards/funnel");
        List<WebElement> reached = b.all("#funnel-table .reached");
        assertThat(reached).hasSize(funnel.get("stages").size());
        for (int i = 0; i < reached.size(); i++) {
            JsonNode stage = funnel.get("stages").get(i);
            assertThat(reached.get(i).getAttribute("data-stage")).isEqualTo(stage.get("key").asText());
            assertThat(Long.parseLong(reached.get(i).getAttribute("data-value"))).isEqualTo(stage.get("reached").asLong());
            assertThat(reached.get(i).getText().replaceAll("[^0-9]", "")).isEqualTo(stage.get("reached").asText());
        }
        long bottlenecks = 0;
        for (JsonNode s : funnel.get("stages")) {
            bottlenecks += s.get("bottleneck").asBoolean() ? 1 : 0;
        }
        assertThat(b.all("#funnel-table .badge.bad")).hasSize((int) bottlenecks);
        b.find("#funnel-chart svg");
        b.find("#traits-table, #traits-chart");
        b.script("document.getElementById('funnel-chart').scrollIntoView()");
        b.shot("review-funnel");
        b.script("document.getElementById('reps-chart').scrollIntoView()");
        b.shot("review-reps-heatmap");
    }

    /** Drags the card with pointer input (press, move past the threshold, move over the column, release). */
    private static void drag(WebBrowser b, String opportunityId, String stage) {
        WebElement handle = b.find(".card[data-id='" + opportunityId + "'] .card-amount");
        b.script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", handle);
        WebElement column = b.find(".column[data-stage='" + stage + "']");
        Rectangle from = handle.getRect();
        Rectangle to = column.getRect();
        // Over the target column at the card's height (kept inside the column).
        int y = Math.max(to.y + 20, Math.min(from.y + from.height / 2, to.y + to.height - 20));
        int dy = y - (to.y + to.height / 2);
        new Actions(b.driver).moveToElement(handle).clickAndHold().moveByOffset(12, 12)
                .moveToElement(column, 0, dy).pause(150).release().perform();
    }

    private void managerFlow(WebBrowser b, FupanStack stack, String language, String opportunityId) throws Exception {
        b.signIn("manager@acme.example", language, false);
        b.open("#/opportunities");
        b.find("#board .column");
        String manager = stack.token("manager@acme.example");
        int visible = send(stack, "GET", "/opportunities/" + opportunityId, manager, null, null).statusCode();
        // The board shows the rep's opportunity exactly when the API lets the manager see it.
        assertThat(!b.all(".card[data-id='" + opportunityId + "']").isEmpty()).isEqualTo(visible == 200);
        b.shot("manager-board");
        reviewFlow(b, stack);
        b.signOut();
    }

    private void adminFlow(WebBrowser b, FupanStack stack, String run) throws Exception {
        b.signIn("admin@acme.example", languageOf(b), false);
        b.open("#/import");
        Path csv = Files.createTempFile("web-import-", ".csv");
        Files.writeString(csv, "external_id,name,employees\n"
                + run + "-a1,Import " + run + " One,10\n"
                + run + "-a2,Import " + run + " Two,many\n"
                + run + "-a3,Import " + run + " Three,30\n");
        b.select("#import-form [name=kind]", "accounts");
        b.find("#import-form [name=file]").sendKeys(csv.toAbsolutePath().toString());
        b.find("#import-form button[type=submit]").click();
        b.find("#import-outcome");
        List<WebElement> rows = b.all("#import-errors tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).findElement(By.cssSelector("th")).getText()).isEqualTo("3");
        assertThat(rows.get(0).getText()).contains("employees");
        String admin = stack.token("admin@acme.example");
        assertThat(api(stack, admin, "/accounts?externalId=" + run + "-a1").get("total").asInt()).isZero();
        b.shot("import-rejected");

        b.find("#import-form [name=partial]").click();
        b.find("#import-form [name=file]").sendKeys(csv.toAbsolutePath().toString());
        b.find("#import-form button[type=submit]").click();
        b.until(d -> d.findElement(By.id("import-outcome")).getAttribute("class").contains("ok") ? true : null);
        assertThat(b.all("#import-errors tbody tr")).hasSize(1);
        assertThat(api(stack, admin, "/accounts?externalId=" + run + "-a3").get("total").asInt()).isEqualTo(1);
        b.shot("import-partial");
        Files.delete(csv);

        b.open("#/plugins");
        b.shot("plugins");
        b.signOut();
    }

    /**
     * A new tenant's admin: no review screen while review-dashboards is not enabled; the test plugin
     * echo configured from its JSON Schema, a value over the schema's maximum refused next to its field.
     */
    private void pluginAdminFlow(WebBrowser b, FupanStack stack, String language, String run) throws Exception {
        PluginIT.install(stack);
        String tenant = "webui-" + run;
        String password = "Web-ui-" + run;
        HttpResponse<String> created = send(stack, "POST", "/admin/tenants", stack.token("operator@fupan.example"), null,
                "{\"id\":\"" + tenant + "\",\"name\":\"Web UI " + run + "\",\"plan\":\"enterprise\",\"timeZone\":\"Asia/Shanghai\","
                        + "\"currency\":\"CNY\",\"adminEmail\":\"admin@" + tenant + ".example\",\"adminPassword\":\"" + password + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        b.signIn("admin@" + tenant + ".example", password, language, false);
        assertThat(b.all("#nav-review")).isEmpty();
        b.open("#/review");
        assertThat(b.all("#funnel-table, #review-filters")).isEmpty();

        b.open("#/plugins");
        b.find("#plugin-echo-form");
        WebElement enabled = b.find("#plugin-echo-form [name=enabled]");
        if (!enabled.isSelected()) {
            enabled.click();
        }
        b.type("#plugin-echo-form [name='config.repeat']", "9");
        b.type("#plugin-echo-form [name='config.greeting']", "你好 " + run);
        b.find("#plugin-echo-form button[type=submit]").click();
        WebElement error = b.find("#plugin-echo-form [data-field='config.repeat'] .field-error");
        assertThat(error.getText()).isNotBlank();
        b.shot("plugin-config-error");
        b.type("#plugin-echo-form [name='config.repeat']", "2");
        b.find("#plugin-echo-form button[type=submit]").click();
        String admin = stack.keycloak().accessToken("admin@" + tenant + ".example", password);
        b.until(d -> {
            try {
                JsonNode echo = api(stack, admin, "/plugins/echo");
                return echo.get("enabled").asBoolean() && echo.at("/config/repeat").asInt() == 2 ? true : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(api(stack, admin, "/plugins/echo").at("/config/greeting").asText()).isEqualTo("你好 " + run);
        b.shot("plugin-saved");
        b.signOut();
    }

    /** Lumen has not enabled lead-scoring: no score column, no grade filter, no focus list, no plugin name. */
    private void noTraceOfUnenabledPlugin(WebBrowser b, String language) {
        b.signIn("admin@lumen.example", language, false);
        b.open("#/leads");
        b.find("#lead-filters");
        assertThat(b.all("#lead-filters [name=grade], #lead-filters [name=minScore], #tab-focus")).isEmpty();
        assertThat(b.driver.getPageSource()).doesNotContain("lead-scoring");
        b.open("#/leads?view=focus");
        assertThat(b.all("#focus-list")).isEmpty();
        b.open("#/plugins");
        assertThat(b.all("#plugin-lead-scoring")).isEmpty();
        b.shot("lite-tenant-without-scoring");
        b.signOut();
    }

    private static String languageOf(WebBrowser b) {
        return (String) b.script("return document.documentElement.lang");
    }

    private static List<String> openStages(FupanStack stack, String token) throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode s : api(stack, token, "/pipeline").get("stages")) {
            if (s.get("kind").asText().equals("open")) {
                keys.add(s.get("key").asText());
            }
        }
        return keys;
    }

    static JsonNode api(FupanStack stack, String token, String path) throws Exception {
        HttpResponse<String> r = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + path))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
