package io.fupan.server;

import static io.fupan.server.WebUiIT.api;
import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * An accessibility audit of every screen of the web UI with axe-core, run inside the real headless
 * Chromium: in both languages, on a desktop-sized and a phone-sized window, signed in as a tenant
 * admin (who sees every screen), including the open edit form and an opened dialog. Any violation
 * axe rates serious or critical fails the test, with the rule, the screen and the elements named.
 * Screenshots of each screen go to {@code target/screenshots/a11y/<language>/}.
 */
@ExtendWith(FupanServerExtension.class)
class WebA11yIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAILING = List.of("serious", "critical");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void everyScreen_hasNoSeriousOrCriticalViolations(String language, FupanStack stack) throws Exception {
        String run = language.replace("-", "").toLowerCase() + UUID.randomUUID().toString().substring(0, 6);
        String admin = stack.token("admin@acme.example");
        String accountId = created(send(stack, "POST", "/accounts", admin, null, "{\"name\":\"A11y Account " + run + "\"}"));
        String contactId = created(send(stack, "POST", "/contacts", admin, null,
                "{\"name\":\"A11y Contact " + run + "\",\"accountId\":\"" + accountId + "\",\"email\":\"a11y@" + run + ".example\"}"));
        String leadId = created(send(stack, "POST", "/leads", admin, null,
                "{\"name\":\"A11y Lead " + run + "\",\"company\":\"A11y Co\",\"channel\":\"web\"}"));
        String opportunityId = created(send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"A11y Deal " + run + "\",\"accountId\":\"" + accountId + "\",\"amount\":12000}"));
        assertThat(api(stack, admin, "/me").get("roles").toString()).contains("tenant_admin");

        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("leads", "#/leads");
        screens.put("lead-new", "#/leads/new");
        screens.put("lead-detail", "#/leads/" + leadId);
        screens.put("opportunity-board", "#/opportunities");
        screens.put("opportunity-list", "#/opportunities/list");
        screens.put("opportunity-new", "#/opportunities/new");
        screens.put("opportunity-detail", "#/opportunities/" + opportunityId);
        screens.put("accounts", "#/accounts");
        screens.put("account-new", "#/accounts/new");
        screens.put("account-detail", "#/accounts/" + accountId);
        screens.put("contacts", "#/contacts");
        screens.put("contact-new", "#/contacts/new");
        screens.put("contact-detail", "#/contacts/" + contactId);
        screens.put("review", "#/review");
        screens.put("import", "#/import");
        screens.put("plugins", "#/plugins");
        screens.put("not-found", "#/no-such-screen");

        List<String> violations = new ArrayList<>();
        int audited = 0;
        try (WebBrowser b = new WebBrowser(stack.server().url(), language, "a11y")) {
            try {
                b.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
                for (Dimension size : List.of(WebBrowser.DESKTOP, WebBrowser.PHONE)) {
                    String form = size.equals(WebBrowser.PHONE) ? "phone" : "desktop";
                    b.size(size);
                    // The welcome screen, before signing in.
                    b.driver.get(stack.server().url() + "/");
                    b.find("#sign-in");
                    b.select("#lang-switch", language);
                    b.until(d -> d.findElement(By.tagName("html")).getAttribute("lang").equals(language));
                    violations.addAll(audit(b, "welcome/" + form));
                    audited++;
                    if (size.equals(WebBrowser.DESKTOP)) {
                        // The audit can fail: an unnamed button and an image without text are caught, rated critical.
                        b.script("document.querySelector('main').append(Object.assign(document.createElement('button'), { id: 'a11y-probe' }),"
                                + " Object.assign(document.createElement('img'), { id: 'a11y-probe-img', src: 'app/icon.svg' }))");
                        List<String> probe = audit(b, "probe");
                        assertThat(probe).anyMatch(v -> v.contains("button-name (critical)")).anyMatch(v -> v.contains("image-alt (critical)"));
                        b.script("document.getElementById('a11y-probe').remove(); document.getElementById('a11y-probe-img').remove()");
                    }
                    // Signing in waits for the header's sign-out button, which a phone keeps in the closed menu.
                    b.size(WebBrowser.DESKTOP);
                    b.signIn("admin@acme.example", language, false);
                    b.size(size);
                    for (var screen : screens.entrySet()) {
                        b.open(screen.getValue());
                        b.until(d -> d.findElements(By.cssSelector("main .loading, main [aria-busy=true]")).isEmpty() ? true : null);
                        // Screens draw parts after their first paint (the board's columns, a picker's matches).
                        Thread.sleep(300);
                        violations.addAll(audit(b, screen.getKey() + "/" + form));
                        audited++;
                        b.shot(screen.getKey() + "-" + form);
                    }
                    // The edit form open on a detail screen, with a field error shown.
                    b.open("#/leads/" + leadId);
                    b.find("#edit-record").click();
                    b.find("#edit-form");
                    b.type("#edit-form [name=email]", "not-an-address");
                    b.find("#edit-form button[type=submit]").click();
                    b.find("#edit-form [data-field=email] .field-error");
                    violations.addAll(audit(b, "lead-edit-error/" + form));
                    audited++;
                    b.shot("lead-edit-error-" + form);
                    // A dialog: the stage move of the opportunity's detail.
                    b.open("#/opportunities/" + opportunityId);
                    b.find("#change-stage").click();
                    b.find("dialog.dialog");
                    violations.addAll(audit(b, "move-dialog/" + form));
                    audited++;
                    b.shot("move-dialog-" + form);
                    b.find("dialog.dialog button:not(.primary)").click();
                    if (size.equals(WebBrowser.PHONE)) {
                        b.find("button.menu").click();
                        b.find("#nav-leads");
                        violations.addAll(audit(b, "phone-menu/" + form));
                        audited++;
                        b.shot("phone-menu");
                    }
                    b.size(WebBrowser.DESKTOP);
                    b.signOut();
                }
            } catch (Throwable e) {
                b.failure();
                throw e;
            }
        }
        assertThat(audited).isEqualTo(2 * (screens.size() + 3) + 1);
        assertThat(violations).as("axe-core violations rated serious or critical (%s)", language).isEmpty();
    }

    /** Runs axe-core on the page as it stands; the serious and critical violations, one line per rule and screen. */
    private static List<String> audit(WebBrowser b, String screen) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) b.driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(axeSource());
        }
        Object answer = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] })"
                + "  .then(r => done(JSON.stringify({ violations: r.violations, passed: r.passes.length })),"
                + "        e => done('error: ' + e));");
        String text = String.valueOf(answer);
        assertThat(text).as("axe-core on " + screen).doesNotStartWith("error:");
        JsonNode result = JSON.readTree(text);
        // axe-core really looked at the screen: dozens of its rules apply to any of them.
        assertThat(result.get("passed").asInt()).as("rules passed on " + screen).isGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (JsonNode v : result.get("violations")) {
            if (!FAILING.contains(v.path("impact").asText())) {
                // Minor and moderate findings are reported, not failed on.
                System.out.println("axe (" + v.path("impact").asText() + "): " + screen + ": " + v.get("id").asText() + " "
                        + v.get("nodes").size() + "× " + v.get("nodes").get(0).get("target"));
            }
            if (FAILING.contains(v.path("impact").asText())) {
                List<String> targets = new ArrayList<>();
                v.get("nodes").forEach(n -> targets.add(n.get("target").toString() + " " + n.path("failureSummary").asText()
                        .replaceAll("\\s+", " ")));
                found.add(screen + ": " + v.get("id").asText() + " (" + v.get("impact").asText() + ") " + v.get("help").asText()
                        + " → " + targets);
            }
        }
        // Each screen's findings are printed as they come: a later failure must not hide them.
        found.forEach(f -> System.out.println("axe: " + f));
        return found;
    }

    private static String axeSource;

    /** axe-core's script, from the test class path (the copy Deque ships in its Selenium jar). */
    private static synchronized String axeSource() throws IOException {
        if (axeSource == null) {
            try (InputStream in = WebA11yIT.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                assertThat(in).as("axe.min.js on the test class path").isNotNull();
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axeSource;
    }

    private static String created(java.net.http.HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }
}
