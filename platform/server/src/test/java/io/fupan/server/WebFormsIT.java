package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.WebUiIT.api;
import static io.fupan.server.WebUiIT.openStages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Creating and editing records in the web UI, once per language, in a real headless Chromium: a rep
 * creates an account, a contact at it (a bad e-mail first: the server's message shows next to the
 * field in the UI's language) and an opportunity with account, stage and owner picked; edits an
 * opportunity's amount and a lead's company and custom attribute (on a phone-sized screen); and
 * meets a stale edit: someone else saved first, the form says so and reloads the record without
 * writing over the other change. Every change is checked against the API; screenshots go to
 * {@code target/screenshots/forms/<language>/}.
 */
@ExtendWith(FupanServerExtension.class)
class WebFormsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void rep_createsAndEditsRecords_inTheirLanguage(String language, FupanStack stack) throws Exception {
        String run = language.replace("-", "").toLowerCase() + UUID.randomUUID().toString().substring(0, 6);
        JsonNode messages = JSON.readTree(Path.of("src/main/webapp/app/i18n/" + language + ".json").toFile());
        String rep = stack.token("rep1@acme.example");
        String admin = stack.token("admin@acme.example");
        String choiceKey = "source_" + run;
        assertThat(send(stack, "POST", "/custom-attributes", admin, null, "{\"entity\":\"lead\",\"key\":\"" + choiceKey
                + "\",\"type\":\"choice\",\"labelZh\":\"来源细分\",\"labelEn\":\"Source detail\",\"choices\":[\"expo\",\"webinar\"]}")
                .statusCode()).isEqualTo(201);
        try (WebBrowser b = new WebBrowser(stack.server().url(), language, "forms")) {
            try {
                b.signIn("rep1@acme.example", language, false);

                // A new account.
                b.open("#/accounts");
                b.find("#new-account").click();
                b.find("#account-form");
                String accountName = "Forms Account " + run;
                b.type("#account-form [name=name]", accountName);
                b.type("#account-form [name=industry]", "logistics");
                b.type("#account-form [name=employees]", "240");
                b.shot("account-new");
                b.find("#account-form button[type=submit]").click();
                String accountId = idAfter(b, "accounts");
                JsonNode account = api(stack, rep, "/accounts/" + accountId);
                assertThat(account.get("name").asText()).isEqualTo(accountName);
                assertThat(account.get("employees").asInt()).isEqualTo(240);

                // A new contact from the contact list, at that account (picked), with a bad e-mail first.
                b.open("#/contacts");
                b.find("#new-contact").click();
                b.find("#contact-form");
                b.type("#contact-form [name=name]", "Forms Contact " + run);
                b.type("#contact-form [name=email]", "not-an-address");
                pick(b, "#contact-form", "accountId", accountName, accountId);
                b.find("#contact-form button[type=submit]").click();
                String emailError = b.find("#contact-form [data-field=email] .field-error").getText();
                // The server's own message, in the UI's language (the UI sends Accept-Language).
                assertThat(emailError).isEqualTo(language.equals("zh-CN") ? "必须是有效的电子邮件地址" : "must be an e-mail address");
                assertThat(b.find("#contact-form [name=email]").getAttribute("aria-invalid")).isEqualTo("true");
                assertThat(b.find("#contact-form .form-alert").getText()).isEqualTo(messages.get("form.invalid").asText());
                b.shot("contact-field-error");
                b.type("#contact-form [name=email]", "buyer@" + run + ".example");
                b.find("#contact-form button[type=submit]").click();
                String contactId = idAfter(b, "contacts");
                JsonNode contact = api(stack, rep, "/contacts/" + contactId);
                assertThat(contact.get("accountId").asText()).isEqualTo(accountId);
                assertThat(contact.get("email").asText()).isEqualTo("buyer@" + run + ".example");

                // A new opportunity from the account's page: the account is already picked; stage and owner are chosen.
                List<String> open = openStages(stack, rep);
                b.open("#/accounts/" + accountId);
                b.find("#new-opportunity").click();
                // Once the picker's first list is drawn (it redraws the options), the preselected account stands.
                b.find("#opportunity-form select[name=accountId][data-query='']");
                assertThat(new Select(b.find("#opportunity-form select[name=accountId]")).getFirstSelectedOption()
                        .getAttribute("value")).isEqualTo(accountId);
                b.type("#opportunity-form [name=name]", "Forms Deal " + run);
                b.type("#opportunity-form [name=amount]", "56000");
                b.select("#opportunity-form select[name=stage]", open.get(1));
                String repId = userId(stack, rep, "rep1@acme.example");
                // The owner picker starts at the signed-in rep; choosing it explicitly works the picker all the same.
                assertThat(new Select(b.find("#opportunity-form select[name=ownerId]")).getFirstSelectedOption()
                        .getAttribute("value")).isEqualTo(repId);
                b.select("#opportunity-form select[name=ownerId]", repId);
                b.shot("opportunity-new");
                b.find("#opportunity-form button[type=submit]").click();
                String opportunityId = idAfter(b, "opportunities");
                JsonNode opportunity = api(stack, rep, "/opportunities/" + opportunityId);
                assertThat(opportunity.get("accountId").asText()).isEqualTo(accountId);
                assertThat(opportunity.get("stage").asText()).isEqualTo(open.get(1));
                assertThat(opportunity.get("amount").decimalValue()).isEqualByComparingTo("56000");
                assertThat(opportunity.get("ownerId").asText()).isEqualTo(repId);

                // Edit the opportunity's amount: only that field is sent, with the version shown.
                b.find("#edit-record").click();
                b.find("#edit-form");
                b.type("#edit-form [name=amount]", "61000");
                b.shot("opportunity-edit");
                b.find("#edit-form button[type=submit]").click();
                b.until(d -> d.findElements(By.id("edit-form")).isEmpty() ? true : null);
                b.settled();
                JsonNode edited = api(stack, rep, "/opportunities/" + opportunityId);
                assertThat(edited.get("amount").decimalValue()).isEqualByComparingTo("61000");
                assertThat(edited.get("version").asLong()).isGreaterThan(opportunity.get("version").asLong());
                assertThat(edited.get("stage").asText()).isEqualTo(open.get(1));

                // A stale edit: someone else saves while the form is open; the UI says so and reloads.
                b.find("#edit-record").click();
                b.find("#edit-form");
                b.type("#edit-form [name=amount]", "70000");
                HttpResponse<String> other = send(stack, "PATCH", "/opportunities/" + opportunityId, rep,
                        "\"" + edited.get("version").asLong() + "\"", "{\"channel\":\"changed-elsewhere\"}");
                assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
                b.find("#edit-form button[type=submit]").click();
                b.find("#reload-record");
                assertThat(b.find("#edit-form .form-alert").getText()).contains(messages.get("edit.stale").asText());
                b.shot("opportunity-stale");
                b.find("#reload-record").click();
                b.until(d -> d.findElements(By.id("edit-form")).isEmpty() ? true : null);
                b.settled();
                assertThat(b.find("main .facts").getText()).contains("changed-elsewhere");
                JsonNode after = api(stack, rep, "/opportunities/" + opportunityId);
                assertThat(after.get("amount").decimalValue()).isEqualByComparingTo("61000");
                assertThat(after.get("channel").asText()).isEqualTo("changed-elsewhere");

                // Edit a lead on a phone-sized screen: its company, and a custom attribute as a choice.
                JsonNode lead = JSON.readTree(send(stack, "POST", "/leads", rep, null,
                        "{\"name\":\"Forms Lead " + run + "\",\"company\":\"Old Co\"}").body());
                b.size(WebBrowser.PHONE);
                b.open("#/leads/" + lead.get("id").asText());
                b.find("#edit-record").click();
                b.find("#edit-form");
                b.type("#edit-form [name=company]", "New Co " + run);
                b.select("#edit-form select[name='custom." + choiceKey + "']", "webinar");
                b.shot("phone-lead-edit");
                b.find("#edit-form button[type=submit]").click();
                b.until(d -> d.findElements(By.id("edit-form")).isEmpty() ? true : null);
                b.settled();
                JsonNode changed = api(stack, rep, "/leads/" + lead.get("id").asText());
                assertThat(changed.get("company").asText()).isEqualTo("New Co " + run);
                assertThat(changed.at("/custom/" + choiceKey).asText()).isEqualTo("webinar");
                assertThat(changed.get("name").asText()).isEqualTo("Forms Lead " + run);
                assertThat(b.find("main .facts").getText()).contains("New Co " + run, "webinar");
                b.shot("phone-lead-edited");
                b.size(WebBrowser.DESKTOP);
            } catch (Throwable e) {
                b.failure();
                throw e;
            }
        } finally {
            send(stack, "DELETE", "/custom-attributes/lead/" + choiceKey, admin, null, null);
        }
    }

    /** Chooses a record in a picker: types its name into the search box, then selects it among the matches. */
    static void pick(WebBrowser b, String form, String name, String text, String id) {
        b.type(form + " [data-field=" + name + "] input.picker-search", text);
        // The list is redrawn for what was typed: wait for that answer, not an earlier one that listed the record too.
        b.until(d -> d.findElements(By.cssSelector(form + " select[name=" + name + "][data-query='" + text + "'] option[value='" + id + "']"))
                .isEmpty() ? null : true);
        b.select(form + " select[name=" + name + "]", id);
    }

    private static String idAfter(WebBrowser b, String kind) {
        b.until(d -> d.getCurrentUrl().matches(".*#/" + kind + "/[0-9a-f-]{36}$") ? true : null);
        b.settled();
        return b.driver.getCurrentUrl().replaceAll(".*#/" + kind + "/", "");
    }

    /** The tenant's id of a user (GET /users), which /me does not give (it names the identity provider's id). */
    static String userId(FupanStack stack, String token, String username) throws Exception {
        for (JsonNode u : api(stack, token, "/users?size=500").get("items")) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asText();
            }
        }
        throw new AssertionError("no user " + username);
    }
}
