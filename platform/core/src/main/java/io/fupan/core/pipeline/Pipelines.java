package io.fupan.core.pipeline;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.pipeline.PipelineStage.Kind;
import io.fupan.core.record.Inputs;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The current tenant's pipeline (METRICS.md "The pipeline"): its ordered stages, and their
 * replacement by a tenant admin. Nothing is cached, so a change holds for the very next request.
 */
@ApplicationScoped
@InTransaction
public class Pipelines {

    /** More stages than this is no longer a funnel anyone reviews. */
    public static final int MAX_STAGES = 50;

    @Inject
    TenantData data;
    @Inject
    io.fupan.core.audit.AuditTrail audit;
    @Inject
    TenantContext context;
    @Inject
    Inputs inputs;

    /** The stages in order of position. */
    public List<PipelineStage> stages() {
        return data.em().createQuery("select s from PipelineStage s order by s.position, s.key", PipelineStage.class)
                .getResultList();
    }

    public Optional<PipelineStage> stage(String key) {
        return data.em().createQuery("select s from PipelineStage s where s.key = :key", PipelineStage.class)
                .setParameter("key", key).getResultList().stream().findFirst();
    }

    /** The stage {@code key}, or a 422 on {@code field} that lists the stages there are. */
    public PipelineStage requireStage(String field, String key) {
        List<PipelineStage> stages = stages();
        return stages.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new DomainException.Invalid(field, Messages.get("field.unknownStage", key,
                        stages.stream().map(PipelineStage::key).collect(Collectors.joining(", ")))));
    }

    /** Where a new opportunity starts: the open stage of the lowest position. */
    public PipelineStage firstOpenStage() {
        return stages().stream().filter(s -> s.kind() == Kind.OPEN).findFirst()
                .orElseThrow(() -> new IllegalStateException("tenant " + context.tenantId() + " has no open stage"));
    }

    /**
     * Replaces the pipeline with {@code stages} (tenant admins only). Stages keep their keys: a kept
     * key is updated in place, a new key added, and a missing key removed, unless an opportunity is
     * in it or the stage history of one names it (409), since the history would then point nowhere.
     */
    public List<PipelineStage> replace(List<StageInput> stages) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.pipelineAdminOnly"));
        }
        List<StageInput> wanted = validate(stages);
        EntityManager em = data.em();
        Map<String, PipelineStage> current = new LinkedHashMap<>();
        stages().forEach(s -> current.put(s.key(), s));
        Map<String, Object> before = summaries(current.values());
        Map<String, StageInput> byKey = new LinkedHashMap<>();
        wanted.forEach(s -> byKey.put(s.key(), s));

        List<String> inUse = new ArrayList<>();
        for (String key : current.keySet()) {
            if (!byKey.containsKey(key)) {
                long opportunities = data.count("select count(*) from opportunity where stage = ?1", key);
                long history = data.count("select count(*) from stage_history where stage = ?1", key);
                if (opportunities + history > 0) {
                    inUse.add("'" + key + "' (" + opportunities + " opportunities in it, " + history
                            + " stage history entries)");
                }
            }
        }
        if (!inUse.isEmpty()) {
            throw new DomainException.Conflict(Messages.get(inUse.size() == 1 ? "pipeline.stageInUse" : "pipeline.stagesInUse",
                    String.join(", ", inUse)));
        }
        for (var entry : current.entrySet()) {
            if (!byKey.containsKey(entry.getKey())) {
                em.remove(entry.getValue());
            }
        }
        for (StageInput in : wanted) {
            Kind kind = Kind.valueOf(in.kind().toUpperCase(Locale.ROOT));
            BigDecimal low = in.healthyRange() == null ? null : in.healthyRange().get(0);
            BigDecimal high = in.healthyRange() == null ? null : in.healthyRange().get(1);
            PipelineStage stage = current.get(in.key());
            if (stage == null) {
                em.persist(new PipelineStage(in.key(), in.position(), in.labelZh().strip(), in.labelEn().strip(), kind,
                        low, high, in.agingDays()));
            } else {
                stage.update(in.position(), in.labelZh().strip(), in.labelEn().strip(), kind, low, high, in.agingDays());
            }
        }
        em.flush();
        List<PipelineStage> after = stages();
        audit.updated("pipeline", AUDIT_ID, before, summaries(after));
        return after;
    }

    /** The pipeline is one record to the audit trail: one event per stage that changed. */
    static final java.util.UUID AUDIT_ID = java.util.UUID.nameUUIDFromBytes("pipeline".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static Map<String, Object> summaries(java.util.Collection<PipelineStage> stages) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PipelineStage s : stages) {
            out.put(s.key(), "#" + s.position() + " " + s.labelZh() + " / " + s.labelEn() + ", " + s.kind().name().toLowerCase(Locale.ROOT)
                    + (s.healthyLow() == null ? "" : ", healthy " + s.healthyLow().stripTrailingZeros().toPlainString()
                            + "–" + s.healthyHigh().stripTrailingZeros().toPlainString())
                    + (s.agingDays() == null ? "" : ", aging " + s.agingDays() + " d"));
        }
        return out;
    }

    /** Every rule of a pipeline, each error naming its field ({@code stages[2].key}); positions filled in. */
    private List<StageInput> validate(List<StageInput> stages) {
        if (stages == null || stages.isEmpty()) {
            throw new DomainException.Invalid("stages", Messages.get("pipeline.stagesMissing"));
        }
        if (stages.size() > MAX_STAGES) {
            throw new DomainException.Invalid("stages", Messages.get("pipeline.tooManyStages", String.valueOf(MAX_STAGES)));
        }
        List<FieldError> errors = new ArrayList<>();
        List<StageInput> filled = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        Map<Integer, String> positions = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            String at = "stages[" + i + "]";
            StageInput in = stages.get(i);
            if (in == null) {
                errors.add(new FieldError(at, Messages.get("field.object")));
                continue;
            }
            try {
                inputs.validate(in);
            } catch (DomainException.Invalid e) {
                e.errors().forEach(f -> errors.add(new FieldError(at + "." + f.field().replace(".<list element>", ""),
                        f.message())));
                continue;
            }
            int position = in.position() != null ? in.position() : i + 1;
            Integer twin = keys.putIfAbsent(in.key(), i);
            if (twin != null) {
                errors.add(new FieldError(at + ".key", Messages.get("pipeline.keyTwice", in.key(), String.valueOf(twin))));
            }
            String samePlace = positions.putIfAbsent(position, in.key());
            if (samePlace != null) {
                errors.add(new FieldError(at + ".position", Messages.get("pipeline.positionTwice", String.valueOf(position), samePlace)));
            }
            if (in.healthyRange() != null) {
                if (!"open".equals(in.kind())) {
                    errors.add(new FieldError(at + ".healthyRange", Messages.get("pipeline.closedNoRange",
                            Messages.has("pipeline.kind." + in.kind()) ? Messages.get("pipeline.kind." + in.kind()) : in.kind())));
                } else if (in.healthyRange().get(0).compareTo(in.healthyRange().get(1)) > 0) {
                    errors.add(new FieldError(at + ".healthyRange", Messages.get("pipeline.rangeOrder")));
                }
            }
            filled.add(new StageInput(in.key(), position, in.labelZh(), in.labelEn(), in.kind(), in.healthyRange(),
                    in.agingDays()));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        Map<String, List<StageInput>> byKind = filled.stream()
                .collect(Collectors.groupingBy(StageInput::kind, LinkedHashMap::new, Collectors.toList()));
        List<StageInput> open = byKind.getOrDefault("open", List.of());
        List<StageInput> won = byKind.getOrDefault("won", List.of());
        List<StageInput> lost = byKind.getOrDefault("lost", List.of());
        if (open.isEmpty()) {
            errors.add(new FieldError("stages", Messages.get("pipeline.noOpen")));
        }
        if (won.size() != 1) {
            errors.add(new FieldError("stages", Messages.get("pipeline.oneWon", String.valueOf(won.size()), keysOf(won))));
        }
        if (lost.size() != 1) {
            errors.add(new FieldError("stages", Messages.get("pipeline.oneLost", String.valueOf(lost.size()), keysOf(lost))));
        }
        if (won.size() == 1 && open.stream().anyMatch(s -> s.position() > won.get(0).position())) {
            errors.add(new FieldError("stages", Messages.get("pipeline.wonAfterOpen")));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return filled;
    }

    private static String keysOf(List<StageInput> stages) {
        return stages.isEmpty() ? "" : ": " + stages.stream().map(StageInput::key).collect(Collectors.joining(", "));
    }

}
