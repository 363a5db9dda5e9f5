package io.fupan.plugins.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.testkit.plugin.PluginHarness;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Amounts across currencies (METRICS.md: totals use the tenant's conversion table and say so): every
 * third open deal of the fixture is re-priced in USD; the heatmap's open amounts per (owner, stage) are
 * then the CNY deals' plus the USD deals' at the table's rate, the answer names the table, a currency
 * without a rate counts in no sum, and a new rate rebuilds the facts with it.
 */
class CurrencyTest {

    @Test
    void openAmounts_convertOtherCurrencies_withTheTenantsTable_andAChangedTableRebuilds() throws Exception {
        Fixture fixture = Fixture.load();
        int i = 0;
        for (Map.Entry<String, OpportunityRecord> e : fixture.opportunities.entrySet()) {
            OpportunityRecord o = e.getValue();
            if (o.closedAt() == null && o.amount() != null && i++ % 3 == 0) {
                e.setValue(new OpportunityRecord(o.id(), o.externalId(), o.name(), o.accountId(), o.ownerId(), o.amount(),
                        "USD", o.channel(), o.industry(), o.region(), o.stage(), o.stageEnteredAt(), o.closeDate(),
                        o.closedAt(), o.leadId(), o.custom(), o.createdAt(), o.updatedAt()));
            }
        }
        assertThat(i).isGreaterThan(3);
        PluginHarness h = FunnelTest.harness(fixture, null).currencyRates(Map.of("USD", new BigDecimal("7.2")));
        h.start();
        h.runJob("facts");

        JsonNode heatmap = Expected.JSON.valueToTree(h.get("heatmap").body());
        assertThat(heatmap.get("amounts").get("currency").asText()).isEqualTo("CNY");
        assertThat(heatmap.get("amounts").get("convertedWith").get("USD").decimalValue()).isEqualByComparingTo("7.2");
        assertThat(openAmounts(heatmap)).isEqualTo(expected(fixture, new BigDecimal("7.2")));

        // no rate for USD: those deals count in no sum; a rate again: the facts are rebuilt with it
        h.currencyRates(Map.of());
        h.runJob("facts");
        assertThat(openAmounts(Expected.JSON.valueToTree(h.get("heatmap").body()))).isEqualTo(expected(fixture, null));
        h.currencyRates(Map.of("USD", new BigDecimal("6.5")));
        h.runJob("facts");
        assertThat(openAmounts(Expected.JSON.valueToTree(h.get("heatmap").body()))).isEqualTo(expected(fixture, new BigDecimal("6.5")));
    }

    /** The open amount per owner id and stage, as the test computes it from the records. */
    private static Map<String, BigDecimal> expected(Fixture fixture, BigDecimal usd) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (OpportunityRecord o : fixture.opportunities.values()) {
            if (o.closedAt() != null) {
                continue;
            }
            String owner = fixture.users.values().stream().filter(u -> u.id().equals(o.ownerId())).findFirst()
                    .map(u -> u.username()).orElse(String.valueOf(o.ownerId()));
            BigDecimal amount = o.amount() == null ? BigDecimal.ZERO
                    : "USD".equals(o.currency()) ? (usd == null ? BigDecimal.ZERO
                    : o.amount().multiply(usd).setScale(2, java.math.RoundingMode.HALF_UP)) : o.amount();
            out.merge(owner + "/" + o.stage(), amount, BigDecimal::add);
        }
        out.replaceAll((k, v) -> v.stripTrailingZeros());
        return out;
    }

    private static Map<String, BigDecimal> openAmounts(JsonNode heatmap) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (JsonNode cell : heatmap.get("byOwner")) {
            out.put(cell.get("owner").asText() + "/" + cell.get("stage").asText(), cell.get("amount").decimalValue().stripTrailingZeros());
        }
        return out;
    }
}
