package io.fupan.testkit.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.api.PluginInstance;
import io.fupan.api.TenantId;
import io.fupan.api.TenantInfo;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.NewActivity;
import io.fupan.api.storage.PluginTables;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginHarnessTest {

    private static final TenantInfo OTHER = new TenantInfo(new TenantId("other"), "Other", "enterprise", "UTC", "USD", "en");

    @Test
    void tables_areMigratedAndIsolatedByTenant_asOnTheServer() throws Exception {
        PluginHarness harness = PluginHarness.of(context -> new PluginInstance() {}).plugin("harness-test", "1.0.0")
                .migrations("db/harness-test");
        harness.start();
        PluginTables tables = harness.tablesNow();
        tables.update("insert into note (id, body) values (?, ?)", 1L, "mine");
        assertThat(tables.query("select tenant_id, body from note"))
                .containsExactly(Map.of("tenant_id", "test", "body", "mine"));

        harness.tenant(OTHER);
        assertThat(harness.tablesNow().query("select body from note")).isEmpty();
        assertThatThrownBy(() -> harness.tablesNow().query("select set_config('fupan.tenant', 'test', true)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bulkReads_findByIds_andResumeAfterAnId() {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        PluginHarness harness = PluginHarness.of(context -> new PluginInstance() {});
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            harness.lead(new LeadRecord(id, null, "L" + i, null, null, "web", null, null, null, "new", t, null, null,
                    Map.of(), t, t));
        }
        var leads = harness.context().records().leads();
        assertThat(leads.findAll(List.of(ids.get(0), ids.get(3), UUID.randomUUID()))).extracting(LeadRecord::id)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(3));
        List<UUID> all = new java.util.ArrayList<>();
        leads.forEach(Map.of(), l -> all.add(l.id()));
        List<UUID> rest = new java.util.ArrayList<>();
        leads.forEach(Map.of(), all.get(1), l -> rest.add(l.id()));
        assertThat(rest).containsExactlyElementsOf(all.subList(2, 5));
    }

    @Test
    void tables_withoutMigrations_sayHowToGetThem() {
        PluginHarness harness = PluginHarness.of(context -> new PluginInstance() {});
        assertThatThrownBy(harness::tablesNow).hasMessageContaining("migrations(");
    }

    @Test
    void changes_moveLeads_recordActivities_andKeepScores() throws Exception {
        UUID leadId = UUID.randomUUID();
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        PluginHarness harness = PluginHarness.of(context -> new PluginInstance() {})
                .lead(new LeadRecord(leadId, null, "Ada", "Acme", "ada@acme.example", "web", null, null, null, "new", t,
                        null, null, Map.of(), t, t));
        harness.start();
        var changes = harness.context().changes();
        assertThat(changes.setLeadStatus(leadId, "mql").status()).isEqualTo("mql");
        assertThatThrownBy(() -> changes.setLeadStatus(leadId, "won")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> changes.setLeadStatus(UUID.randomUUID(), "mql")).isInstanceOf(NoSuchElementException.class);
        changes.recordActivity(new NewActivity("page_view", null, "pricing", leadId, null, null, null));
        assertThat(harness.activitiesNow()).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo("page_view"));
        assertThat(changes.putLeadScores(Map.of(leadId, new LeadScore(new BigDecimal("42"), null, null, 0.7, "B"),
                UUID.randomUUID(), new LeadScore(BigDecimal.ONE, null, null, null, null)))).isEqualTo(1);
        assertThat(harness.leadScores().get(leadId).grade()).isEqualTo("B");
        assertThat(harness.leadNow(leadId)).get().extracting(LeadRecord::status).isEqualTo("mql");
        assertThat(List.of(harness.leadScores().keySet().toArray())).containsExactly(leadId);
    }
}
