package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.WebUiIT.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * A tenant admin keeps the currency conversion table in the web UI (a bad row gets the server's field
 * errors next to its fields, in the UI's language; a good table is saved as the API shows it), and an
 * opportunity's page shows what enabled plugins judge of it (its signals), once per language, in a real
 * headless Chromium; screenshots go to {@code target/screenshots/settings/<language>/}.
 */
@ExtendWith(FupanServerExtension.class)
class WebSettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void admin_keepsTheConversionTable_andSeesSignalsOnADeal(String language, FupanStack stack) throws Exception {
        JsonNode messages = JSON.readTree(Path.of("src/main/webapp/app/i18n/" + language + ".json").toFile());
        String admin = stack.token("admin@acme.example");
        HttpResponse<String> created = send(stack, "POST", "/opportunities", admin, null,
                "{\"name\":\"Signals " + language + " " + UUID.randomUUID().toString().substring(0, 6) + "\",\"amount\":1000}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String deal = JSON.readTree(created.body()).get("id").asText();
        // As review-dashboards (enabled for acme) would publish it through Changes.putOpportunitySignals.
        try (Connection db = stack.postgres().superuserConnection();
             PreparedStatement put = db.prepareStatement("insert into opportunity_signal (tenant_id, opportunity_id,"
                     + " plugin_id, kind, level, reason, reason_zh) values ('acme', ?::uuid, 'review-dashboards', 'test',"
                     + " 'at-risk', 'No decision maker met', '未接触决策人')")) {
            put.setString(1, deal);
            put.executeUpdate();
        }
        try (WebBrowser b = new WebBrowser(stack.server().url(), language, "settings")) {
            try {
                b.signIn("admin@acme.example", language, false);

                b.open("#/opportunities/" + deal);
                var signal = b.find("#opportunity-signals li[data-level=at-risk]");
                assertThat(signal.getText()).contains(messages.get("signal.at-risk").asText())
                        .contains(language.equals("zh-CN") ? "未接触决策人" : "No decision maker met")
                        .contains("review-dashboards");
                b.shot("opportunity-signals");

                b.open("#/settings");
                b.find("#add-rate").click();
                b.type("#currency-form [name='rates[0].currency']", "XYZ");
                b.type("#currency-form [name='rates[0].rate']", "-1");
                b.find("#currency-form button[type=submit]").click();
                String currencyError = b.find("#currency-form [data-field='rates[0].currency'] .field-error").getText();
                assertThat(currencyError).contains("XYZ");
                assertThat(b.find("#currency-form [data-field='rates[0].rate'] .field-error").getText()).isNotBlank();
                assertThat(b.find("#currency-form .form-alert").getText()).isEqualTo(messages.get("form.invalid").asText());
                b.shot("currency-errors");
                assertThat(api(stack, admin, "/currency-rates").get("items")).isEmpty();

                b.type("#currency-form [name='rates[0].currency']", "usd");
                b.type("#currency-form [name='rates[0].rate']", "7.1");
                b.find("#add-rate").click();
                b.type("#currency-form [name='rates[1].currency']", "EUR");
                b.type("#currency-form [name='rates[1].rate']", "7.75");
                b.find("#currency-form button[type=submit]").click();
                b.until(d -> rates(stack, admin).size() == 2 ? true : null);
                JsonNode saved = api(stack, admin, "/currency-rates");
                assertThat(saved.get("items").get(0).get("currency").asText()).isEqualTo("EUR");
                assertThat(saved.get("items").get(0).get("rate").decimalValue()).isEqualByComparingTo("7.75");
                assertThat(saved.get("items").get(1).get("currency").asText()).isEqualTo("USD");
                assertThat(saved.get("items").get(1).get("rate").decimalValue()).isEqualByComparingTo("7.1");
                b.shot("currency-saved");

                // Removing every row clears the table (and leaves acme as the other tests expect it).
                b.until(d -> d.findElements(By.cssSelector("#currency-rates .remove-rate")).size() == 2 ? true : null);
                b.find("#currency-rates .remove-rate").click();
                b.find("#currency-rates .remove-rate").click();
                b.find("#currency-form button[type=submit]").click();
                b.until(d -> rates(stack, admin).isEmpty() ? true : null);
            } catch (Throwable e) {
                b.failure();
                throw e;
            }
        }
    }

    private static JsonNode rates(FupanStack stack, String token) {
        try {
            return api(stack, token, "/currency-rates").get("items");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
