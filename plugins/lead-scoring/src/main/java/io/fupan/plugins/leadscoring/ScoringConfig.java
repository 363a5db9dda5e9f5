package io.fupan.plugins.leadscoring;

import io.fupan.api.PluginConfig;
import io.fupan.plugins.leadscoring.rules.BehaviorPolicy;
import io.fupan.plugins.leadscoring.rules.BehaviorRule;
import io.fupan.plugins.leadscoring.rules.Decay;
import io.fupan.plugins.leadscoring.rules.FitPolicy;
import io.fupan.plugins.leadscoring.rules.FitRule;
import io.fupan.plugins.leadscoring.rules.Grading;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's lead-scoring configuration, read from its plugin config (already validated against
 * {@code config-schema.json}; the checks here are those a schema cannot state, such as A ≥ B ≥ C).
 * Anything the tenant leaves out takes the defaults below, so enabling the plugin with an empty config
 * scores leads at once.
 *
 * @param behavior behaviour rules, decay and bounds
 * @param fit ICP-fit rules
 * @param grading weights of the parts, grade and MQL thresholds
 * @param focusShare the share of a rep's open leads in their focus list (0.2: the top 20 %)
 * @param model training settings
 */
public record ScoringConfig(BehaviorPolicy behavior, FitPolicy fit, Grading grading, double focusShare, ModelSettings model) {

    /**
     * Training settings.
     *
     * @param minPositives fewest converted leads to train on
     * @param minNegatives fewest disqualified leads to train on
     * @param retrainEveryHours hours between scheduled retrainings (0: only on demand)
     * @param folds cross-validation folds for choosing the algorithm
     * @param trees boosting rounds of the gradient-boosted trees
     */
    public record ModelSettings(int minPositives, int minNegatives, int retrainEveryHours, int folds, int trees) {}

    /** The default behaviour rules: a typical B2B content-marketing funnel. */
    static List<BehaviorRule> defaultBehaviorRules() {
        return List.of(
                rule("case-study-view", "page_view", "case-study", 5, 25),
                rule("pricing-view", "page_view", "pricing", 10, 30),
                rule("page-view", "page_view", null, 1, 10),
                rule("content-download", "content_download", null, 8, 24),
                rule("email-open", "email_open", null, 1, 5),
                rule("email-click", "email_click", null, 3, 15),
                rule("form-submit", "form_submit", null, 15, 30),
                rule("demo", "demo", null, 20, 40),
                rule("meeting", "meeting", null, 10, 30),
                rule("unsubscribe", "unsubscribe", null, -20, null));
    }

    private static BehaviorRule rule(String id, String type, String detail, int points, Integer cap) {
        return new BehaviorRule(id, type, detail, BigDecimal.valueOf(points), cap == null ? null : BigDecimal.valueOf(cap));
    }

    /** The default fit rules: business e-mail, a known industry and company size. */
    static List<FitRule> defaultFitRules() {
        return List.of(
                new FitRule("business-email", "emailDomain", "in", List.of("business"), null, null, BigDecimal.valueOf(10)),
                new FitRule("free-email", "emailDomain", "in", List.of("free"), null, null, BigDecimal.valueOf(-5)),
                new FitRule("company-size", "employees", "range", null, 50.0, 5000.0, BigDecimal.valueOf(15)),
                new FitRule("industry-known", "industry", "present", null, null, null, BigDecimal.valueOf(5)));
    }

    /** The configuration of {@code config}; throws {@link IllegalArgumentException} naming the field for what the schema cannot check. */
    public static ScoringConfig of(PluginConfig config) {
        Map<String, Object> b = config.object("behavior");
        List<BehaviorRule> behaviorRules = b.containsKey("rules") ? behaviorRules(list(b.get("rules"))) : defaultBehaviorRules();
        Map<String, Object> d = map(b.get("decay"));
        String mode = String.valueOf(d.getOrDefault("mode", "half-life"));
        Decay decay = switch (mode) {
            case "none" -> new Decay.None();
            case "linear" -> new Decay.Linear(num(d.get("linearPerMonth"), 0.25));
            default -> new Decay.HalfLife(num(d.get("halfLifeDays"), 30));
        };
        BehaviorPolicy behavior = new BehaviorPolicy(behaviorRules, decay, dec(b.getOrDefault("totalCap", 100)),
                dec(b.getOrDefault("floor", 0)));

        Map<String, Object> f = config.object("fit");
        List<FitRule> fitRules = f.containsKey("rules") ? fitRules(list(f.get("rules"))) : defaultFitRules();
        FitPolicy fit = new FitPolicy(fitRules, dec(f.getOrDefault("cap", 100)));

        Map<String, Object> w = config.object("weights");
        Map<String, Object> g = config.object("grades");
        Object mql = config.values().containsKey("mqlThreshold") ? config.values().get("mqlThreshold") : 60;
        Grading grading = new Grading(num(w.get("behavior"), 1), num(w.get("fit"), 1), num(w.get("predicted"), 100),
                dec(g.getOrDefault("A", 120)), dec(g.getOrDefault("B", 80)), dec(g.getOrDefault("C", 40)), dec(mql));

        Map<String, Object> m = config.object("model");
        ModelSettings model = new ModelSettings((int) num(m.get("minPositives"), 50), (int) num(m.get("minNegatives"), 50),
                (int) num(m.get("retrainEveryHours"), 168), (int) num(m.get("folds"), 5), (int) num(m.get("trees"), 150));
        double focus = num(config.values().get("focusShare"), 0.2);
        return new ScoringConfig(behavior, fit, grading, focus, model);
    }

    private static List<BehaviorRule> behaviorRules(List<Object> raw) {
        List<BehaviorRule> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> r = map(raw.get(i));
            try {
                out.add(new BehaviorRule(String.valueOf(r.getOrDefault("id", "rule-" + (i + 1))),
                        String.valueOf(r.getOrDefault("activityType", "*")), (String) r.get("detailContains"),
                        dec(r.get("points")), dec(r.get("cap"))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("behavior.rules[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<FitRule> fitRules(List<Object> raw) {
        List<FitRule> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> r = map(raw.get(i));
            try {
                List<String> values = r.get("values") == null ? null : list(r.get("values")).stream().map(String::valueOf).toList();
                out.add(new FitRule(String.valueOf(r.getOrDefault("id", "fit-" + (i + 1))), (String) r.get("field"),
                        (String) r.get("op"), values, r.get("min") == null ? null : num(r.get("min"), 0),
                        r.get("max") == null ? null : num(r.get("max"), 0), dec(r.get("weight"))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("fit.rules[" + i + "]." + e.getMessage(), e);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static double num(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }

    private static BigDecimal dec(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof BigDecimal d) {
            return d;
        }
        if (o instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new IllegalArgumentException("expected a number, was " + o);
    }
}
