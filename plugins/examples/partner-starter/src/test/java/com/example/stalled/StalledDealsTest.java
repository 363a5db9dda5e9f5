package com.example.stalled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.OpportunitySignalRecord;
import io.fupan.api.event.OpportunityClosed;
import io.fupan.api.event.OpportunityStageChanged;
import io.fupan.api.rest.PluginResponse;
import io.fupan.testkit.plugin.PluginHarness;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plugin in the testkit harness: no server, no database. */
class StalledDealsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 6, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    private static OpportunityRecord deal(String name, String stage, int daysInStage, boolean closed) {
        OffsetDateTime entered = NOW.minusDays(daysInStage);
        return new OpportunityRecord(UUID.randomUUID(), null, name, null, null, new BigDecimal("1000"), "CNY", null,
                null, null, stage, entered, null, closed ? entered : null, null, Map.of(), entered.minusDays(5), entered);
    }

    private static PluginHarness harness(Map<String, Object> config, OpportunityRecord... deals) {
        PluginHarness h = PluginHarness.of(new StalledDealsPlugin(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC)))
                .plugin("stalled-deals", "1.1.0").config(config);
        for (OpportunityRecord d : deals) {
            h.opportunity(d);
        }
        return h;
    }

    @Test
    void scan_flagsOnlyOpenDealsPastTheirStageThreshold() throws Exception {
        // negotiation's pipeline benchmark is 30 days, contacted's 14.
        OpportunityRecord stalled = deal("Boiler retrofit", "negotiation", 31, false);
        OpportunityRecord fresh = deal("Pump line", "negotiation", 30, false);
        OpportunityRecord early = deal("Valves", "contacted", 15, false);
        OpportunityRecord closed = deal("Old win", "won", 400, true);
        PluginHarness h = harness(Map.of(), stalled, fresh, early, closed);
        h.start();

        h.runJob(StalledDeals.JOB);

        assertEquals(List.of("alert/" + early.id(), "alert/" + stalled.id()).stream().sorted().toList(),
                h.stored().keySet().stream().sorted().toList());
    }

    @Test
    void configuredThreshold_overridesTheBenchmark() throws Exception {
        OpportunityRecord deal = deal("Boiler retrofit", "negotiation", 21, false);
        PluginHarness h = harness(Map.of("thresholds", Map.of("negotiation", 20)), deal);
        h.start();

        PluginResponse scan = h.call("POST", "scan", Map.of(), "");

        assertEquals(Map.of("flagged", 1), scan.body());
    }

    @Test
    void alerts_areServedInTheCallersLanguage_longestFirst() throws Exception {
        PluginHarness h = harness(Map.of("defaultThresholdDays", 5, "useStageBenchmarks", false),
                deal("Boiler \"XL\" retrofit", "quote", 9, false), deal("Pump line", "negotiation", 40, false));
        h.start();
        h.runJob(StalledDeals.JOB);

        PluginResponse response = h.get("alerts");

        assertEquals(200, response.status());
        @SuppressWarnings("unchecked")
        List<Alert> alerts = (List<Alert>) ((Map<String, Object>) response.body()).get("items");
        assertEquals(List.of("Pump line", "Boiler \"XL\" retrofit"), alerts.stream().map(Alert::name).toList());
        assertEquals("Pump line 在阶段 negotiation 已停留 40 天（阈值 5 天）。", alerts.get(0).message());
    }

    @Test
    void stageChange_clearsTheDealsAlert() throws Exception {
        OpportunityRecord deal = deal("Boiler retrofit", "negotiation", 45, false);
        PluginHarness h = harness(Map.of(), deal);
        h.start();
        h.runJob(StalledDeals.JOB);
        assertTrue(h.stored().containsKey("alert/" + deal.id()));

        h.publish(new OpportunityStageChanged(UUID.randomUUID(), deal.id(), NOW, "negotiation", "won", null));

        assertFalse(h.stored().containsKey("alert/" + deal.id()));
    }

    @Test
    void eventForTheFlaggedStage_keepsTheAlert() throws Exception {
        OpportunityRecord deal = deal("Boiler retrofit", "negotiation", 45, false);
        PluginHarness h = harness(Map.of(), deal);
        h.start();
        h.runJob(StalledDeals.JOB);

        h.publish(new OpportunityStageChanged(UUID.randomUUID(), deal.id(), NOW.minusDays(45), "quote", "negotiation", null));

        assertTrue(h.stored().containsKey("alert/" + deal.id()));
    }

    @Test
    void closing_clearsTheDealsAlert() throws Exception {
        OpportunityRecord deal = deal("Boiler retrofit", "negotiation", 45, false);
        PluginHarness h = harness(Map.of(), deal);
        h.start();
        h.runJob(StalledDeals.JOB);

        h.publish(new OpportunityClosed(UUID.randomUUID(), deal.id(), NOW, "lost", false, null, "CNY"));

        assertFalse(h.stored().containsKey("alert/" + deal.id()));
    }

    @Test
    void flaggedDeals_arePublishedAsAtRiskSignals_inBothLanguages() throws Exception {
        OpportunityRecord stalled = deal("Boiler retrofit", "negotiation", 45, false);
        OpportunityRecord fresh = deal("Pump line", "negotiation", 3, false);
        PluginHarness h = harness(Map.of(), stalled, fresh);
        h.start();

        h.runJob(StalledDeals.JOB);

        List<OpportunitySignalRecord> signals = h.signalsNow();
        assertEquals(1, signals.size());
        OpportunitySignalRecord s = signals.get(0);
        assertEquals(stalled.id(), s.opportunityId());
        assertEquals("stalled-deals", s.pluginId());
        assertEquals(StalledDeals.SIGNAL, s.kind());
        assertEquals("at-risk", s.level());
        assertEquals(0, new BigDecimal("45").compareTo(s.score()));
        assertEquals("Boiler retrofit has been in stage negotiation for 45 days (threshold 30).", s.reason());
        assertEquals("Boiler retrofit 在阶段 negotiation 已停留 45 天（阈值 30 天）。", s.reason(Locale.SIMPLIFIED_CHINESE));
    }

    @Test
    void closingOrRescanning_withdrawsTheSignal() throws Exception {
        OpportunityRecord closing = deal("Boiler retrofit", "negotiation", 45, false);
        OpportunityRecord other = deal("Pump line", "negotiation", 50, false);
        PluginHarness h = harness(Map.of(), closing, other);
        h.start();
        h.runJob(StalledDeals.JOB);
        assertEquals(2, h.signalsNow().size());

        h.publish(new OpportunityClosed(UUID.randomUUID(), closing.id(), NOW, "lost", false, null, "CNY"));
        assertEquals(List.of(other.id()), h.signalsNow().stream().map(OpportunitySignalRecord::opportunityId).toList());

        PluginHarness raised = harness(Map.of("thresholds", Map.of("negotiation", 60)), other);
        raised.signal(h.signalsNow().get(0));
        raised.start();
        raised.runJob(StalledDeals.JOB);
        assertEquals(List.of(), raised.signalsNow(), "a rescan that no longer flags the deal withdraws its signal");
    }

    @Test
    void unknownEndpoint_isA404Problem() throws Exception {
        PluginHarness h = harness(Map.of());
        h.start();

        PluginResponse response = h.get("nothing");

        assertEquals(404, response.status());
        assertEquals("no-such-endpoint", ((PluginResponse.Problem) response.body()).slug());
    }
}
