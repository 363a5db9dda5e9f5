package io.fupan.plugins.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.UserInfo;
import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.TeamRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.event.ActivityRecorded;
import io.fupan.api.rest.PluginResponse;
import io.fupan.testkit.plugin.PluginHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plugin in the testkit (real PostgreSQL tables): events, scores written to the core, MQL, focus list, visibility. */
class LeadScoringTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, Object> CONFIG = Map.of(
            "behavior", Map.of(
                    "rules", List.of(
                            Map.of("id", "case-study", "activityType", "page_view", "detailContains", "case-study", "points", 5, "cap", 10),
                            Map.of("id", "pricing", "activityType", "page_view", "detailContains", "pricing", "points", 10),
                            Map.of("id", "unsubscribe", "activityType", "unsubscribe", "points", -20)),
                    "decay", Map.of("mode", "half-life", "halfLifeDays", 30),
                    "totalCap", 100),
            "fit", Map.of("rules", List.of(
                    Map.of("id", "software", "field", "industry", "op", "in", "values", List.of("software"), "weight", 20),
                    Map.of("id", "cto", "field", "custom.title", "op", "keywords", "values", List.of("cto"), "weight", 10))),
            "grades", Map.of("A", 50, "B", 30, "C", 15),
            "mqlThreshold", 40);

    static final UUID TEAM_A = UUID.randomUUID();
    static final UUID REP_A = UUID.randomUUID();
    static final UUID REP_A2 = UUID.randomUUID();
    static final UUID REP_B = UUID.randomUUID();

    static LeadRecord lead(String industry, Map<String, Object> custom, UUID owner) {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-10T00:00:00Z");
        return new LeadRecord(UUID.randomUUID(), null, "Lead", "Acme", "x@acme.example", "web", industry, "east", 100,
                "new", t, owner, null, custom, t, t);
    }

    static ActivityRecord activity(LeadRecord l, String type, String subject, Instant at) {
        return new ActivityRecord(UUID.randomUUID(), null, type, at.atOffset(ZoneOffset.UTC), subject, l.id(), null, null,
                l.ownerId(), at.atOffset(ZoneOffset.UTC));
    }

    static PluginHarness harness() {
        return PluginHarness.of(new LeadScoringPlugin(CLOCK)).plugin("lead-scoring", "1.0.0").migrations("db/lead-scoring")
                .config(CONFIG)
                .team(new TeamRecord(TEAM_A, "A", null))
                .user(new UserRecord(REP_A, "a@x.example", "A", "a@x.example", TEAM_A, true))
                .user(new UserRecord(REP_A2, "a2@x.example", "A2", "a2@x.example", TEAM_A, true))
                .user(new UserRecord(REP_B, "b@x.example", "B", "b@x.example", null, true));
    }

    static void publish(PluginHarness h, ActivityRecord a) throws Exception {
        h.activity(a);
        h.publish(new ActivityRecorded(UUID.randomUUID(), a.id(), a.occurredAt(), a.type(), null, a.leadId(), null));
        ((LeadScoring) h.instance()).awaitIdle(Duration.ofSeconds(30));
        // MQL moves happen on the instance's own thread (awaitIdle waits for it).
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(PluginResponse r) {
        return JSON.convertValue(r.body(), Map.class);
    }

    @Test
    void activities_awardOverlappingCappedDecayedPoints_writeScoreAndHistory() throws Exception {
        LeadRecord l = lead("software", Map.of("title", "CTO"), REP_A);
        PluginHarness h = harness().lead(l);
        h.start();
        ((LeadScoring) h.instance()).awaitIdle(Duration.ofSeconds(30));
        // fit 30 at once (software + CTO), grade B
        assertThat(h.leadScores().get(l.id())).satisfies(s -> {
            assertThat(s.fit()).isEqualByComparingTo("30");
            assertThat(s.behavior()).isEqualByComparingTo("0");
            assertThat(s.grade()).isEqualTo("B");
            assertThat(s.predicted()).isNull();
        });
        // three case-study views now: 15, capped at 10; a pricing view 30 days ago: 10 → 5
        for (int i = 0; i < 3; i++) {
            publish(h, activity(l, "page_view", "/case-study/acme", NOW));
        }
        publish(h, activity(l, "page_view", "/pricing", NOW.minus(Duration.ofDays(30))));
        LeadScore s = h.leadScores().get(l.id());
        assertThat(s.behavior()).isEqualByComparingTo("15");
        assertThat(s.total()).isEqualByComparingTo("45");
        assertThat(s.grade()).isEqualTo("B");

        Map<String, Object> detail = body(h.get("leads/" + l.id() + "/score"));
        Map<String, Object> behavior = (Map<String, Object>) detail.get("behavior");
        assertThat((List<Map<String, Object>>) behavior.get("history")).hasSize(4)
                .anySatisfy(line -> {
                    assertThat(line.get("rule")).isEqualTo("pricing");
                    assertThat(((Number) line.get("points")).doubleValue()).isEqualTo(10.0);
                    assertThat(((Number) line.get("pointsNow")).doubleValue()).isEqualTo(5.0);
                });
        assertThat((List<Map<String, Object>>) behavior.get("byRule"))
                .anySatisfy(r -> assertThat(r).containsEntry("rule", "case-study").containsEntry("capped", true));
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) detail.get("fit")).get("matched"))
                .extracting(m -> m.get("rule")).containsExactly("software", "cto");

        // Each re-scored lead's time from its event to its stored score is kept (start-up re-score not counted):
        // the lead's creation at start is no event; the four activities are.
        Map<String, Object> updates = (Map<String, Object>) body(h.get("stats")).get("updates");
        assertThat(((Number) updates.get("count")).intValue()).isEqualTo(4);
        assertThat(((Number) updates.get("p99Ms")).doubleValue()).isPositive()
                .isLessThanOrEqualTo(((Number) updates.get("maxMs")).doubleValue());
        Map<String, Object> reset = (Map<String, Object>) body(h.call("POST", "stats/reset", Map.of(), "")).get("updates");
        assertThat(((Number) reset.get("count")).intValue()).isZero();
        h.user(new UserInfo(REP_A, "a@x.example", Set.of("sales_rep")));
        assertThat(h.get("stats").status()).isEqualTo(403);
    }

    @Test
    void activity_redelivered_countsOnce() throws Exception {
        LeadRecord l = lead(null, Map.of(), REP_A);
        PluginHarness h = harness().lead(l);
        h.start();
        ActivityRecord a = activity(l, "page_view", "/pricing", NOW);
        h.activity(a);
        ActivityRecorded e = new ActivityRecorded(UUID.randomUUID(), a.id(), a.occurredAt(), a.type(), null, l.id(), null);
        h.publish(e);
        h.publish(e);
        ((LeadScoring) h.instance()).awaitIdle(Duration.ofSeconds(30));
        assertThat(h.leadScores().get(l.id()).behavior()).isEqualByComparingTo("10");
    }

    @Test
    void crossingMqlThreshold_movesNewLeadToMql_andPenaltyNeverDemotes() throws Exception {
        LeadRecord l = lead("software", Map.of(), REP_A);   // fit 20
        PluginHarness h = harness().lead(l);
        h.start();
        publish(h, activity(l, "page_view", "/pricing", NOW));   // 30: below 40
        assertThat(h.leadNow(l.id()).orElseThrow().status()).isEqualTo("new");
        publish(h, activity(l, "page_view", "/pricing?again", NOW));   // 40: at the threshold
        assertThat(h.leadNow(l.id()).orElseThrow().status()).isEqualTo("mql");
        publish(h, activity(l, "unsubscribe", null, NOW));   // 20 again
        assertThat(h.leadScores().get(l.id()).total()).isEqualByComparingTo("20");
        assertThat(h.leadNow(l.id()).orElseThrow().status()).isEqualTo("mql");
    }

    @Test
    void focus_topFifthOfARepsOpenLeads() throws Exception {
        PluginHarness h = harness();
        LeadRecord[] leads = new LeadRecord[10];
        for (int i = 0; i < 10; i++) {
            leads[i] = lead(i < 2 ? "software" : "retail", Map.of(), REP_A);
            h.lead(leads[i]);
        }
        h.lead(lead("software", Map.of("title", "cto"), REP_B));
        h.user(new UserInfo(REP_A, "a@x.example", Set.of("sales_rep")));
        h.start();
        ((LeadScoring) h.instance()).awaitIdle(Duration.ofSeconds(30));
        Map<String, Object> focus = body(h.get("focus"));
        assertThat(focus).containsEntry("openLeads", 10);
        assertThat((List<Map<String, Object>>) focus.get("items")).extracting(m -> m.get("leadId"))
                .containsExactlyInAnyOrder(leads[0].id().toString(), leads[1].id().toString());
        assertThat(h.get("focus", Map.of("owner", REP_B.toString())).status()).isEqualTo(403);
    }

    @Test
    void leadScore_visibleToTheLeadsTeamOnly() throws Exception {
        LeadRecord l = lead("software", Map.of(), REP_A);
        PluginHarness h = harness().lead(l);
        h.start();
        h.user(new UserInfo(REP_A2, "a2@x.example", Set.of("sales_rep")));
        assertThat(h.get("leads/" + l.id() + "/score").status()).isEqualTo(200);
        h.user(new UserInfo(REP_B, "b@x.example", Set.of("sales_rep")));
        assertThat(h.get("leads/" + l.id() + "/score").status()).isEqualTo(404);
        h.user(new UserInfo(UUID.randomUUID(), "m@x.example", Set.of("marketing")));
        assertThat(h.get("leads/" + l.id() + "/score").status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void retrainJob_trainsWhenNoModel_notAgainUntilDue() throws Exception {
        PluginHarness h = harness();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 240; i++) {
            boolean converted = i % 3 == 0;
            // budget separates the classes (with noise); the open leads have no label at all
            Map<String, Object> custom = Map.of("budget", String.valueOf((converted ? 60 : 30) + random.nextInt(40)));
            LeadRecord l = lead(null, custom, REP_A);
            String status = i < 200 ? (converted ? "converted" : "disqualified") : "new";
            h.lead(new LeadRecord(l.id(), null, l.name(), null, null, null, null, null, null, status,
                    i < 200 ? l.createdAt().plusDays(9) : null, REP_A, null, custom, l.createdAt(), l.createdAt()));
        }
        h.start();
        LeadScoring instance = (LeadScoring) h.instance();
        instance.awaitIdle(Duration.ofSeconds(60));
        h.runJob("retrain");
        instance.awaitIdle(Duration.ofSeconds(120));
        Map<String, Object> models = body(h.get("model"));
        assertThat((List<Object>) models.get("versions")).hasSize(1);
        assertThat(((Map<String, Object>) models.get("active")).get("trainedOn")).isEqualTo(200);
        long predicted = h.leadScores().values().stream().filter(sc -> sc.predicted() != null).count();
        assertThat(predicted).isEqualTo(40);   // the open leads only
        h.runJob("retrain");   // the model is new: not due for another 168 hours
        instance.awaitIdle(Duration.ofSeconds(60));
        assertThat((List<Object>) body(h.get("model")).get("versions")).hasSize(1);
    }

    @Test
    void config_gradesOutOfOrder_refusedNamingTheField() {
        PluginHarness h = harness().config(Map.of("grades", Map.of("A", 10, "B", 20, "C", 5)));
        org.assertj.core.api.Assertions.assertThatThrownBy(h::start).hasMessageStartingWith("grades:");
        PluginHarness bad = harness().config(Map.of("fit", Map.of("rules", List.of(
                Map.of("id", "x", "field", "shoeSize", "op", "in", "values", List.of("42"), "weight", 1)))));
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::start).hasMessageContaining("fit.rules[0].field:");
    }

    @Test
    void train_tooFewClosedLeads_422WithCounts() throws Exception {
        PluginHarness h = harness();
        for (int i = 0; i < 60; i++) {
            LeadRecord l = lead(null, Map.of(), REP_A);
            h.lead(new LeadRecord(l.id(), null, l.name(), null, null, null, null, null, null, i < 12 ? "converted" : "disqualified",
                    l.createdAt(), REP_A, null, Map.of(), l.createdAt(), l.createdAt()));
        }
        h.start();
        PluginResponse r = h.call("POST", "model/train", Map.of(), "");
        assertThat(r.status()).isEqualTo(422);
        PluginResponse.Problem p = (PluginResponse.Problem) r.body();
        assertThat(p.slug()).isEqualTo("not-enough-data");
        assertThat(p.detail()).contains("50").contains("12");
        h.user(new UserInfo(REP_A, "a@x.example", Set.of("sales_rep")));
        assertThat(h.call("POST", "model/train", Map.of(), "").status()).isEqualTo(403);
    }
}
