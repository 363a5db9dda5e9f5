package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.pipeline.PipelineStage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * stage-history: one entry per (opportunity, stage, entered_at); an entry already there is not
 * added again. Lines are collected per batch: one query reads the entries the batch's
 * opportunities have, the new ones are inserted, and the touched opportunities are brought in step
 * with their latest entry: stage, stage_entered_at, and closed_at (the entry's time when won or
 * lost, else none).
 */
final class StageHistoryRows implements RowMapper {

    private record Entry(UUID opportunity, String stage, String at) {}

    private final Set<Entry> pending = new LinkedHashSet<>();

    @Override
    public List<String> columns() {
        return List.of("opportunity", "stage", "entered_at");
    }

    @Override
    public List<String> required() {
        return columns();
    }

    @Override
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String ref = row.required("opportunity", 200);
        UUID opportunity = ref == null ? null : session.reference(row, "opportunity", "opportunity", "opportunity");
        String key = row.required("stage", 40);
        PipelineStage stage = null;
        if (key != null) {
            stage = session.stage(key).orElse(null);
            if (stage == null) {
                row.error("stage", "'" + key + "' is not a stage of this pipeline (stages: " + session.stageList() + ")");
            }
        }
        OffsetDateTime at = row.requiredTime("entered_at");
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        pending.add(new Entry(opportunity, stage.key(), (String) ImportSession.param(at)));
        return Outcome.UNCHANGED; // counted when the batch is written
    }

    @Override
    public long batch(ImportSession session) {
        if (pending.isEmpty()) {
            return 0;
        }
        Set<UUID> opportunities = new LinkedHashSet<>();
        pending.forEach(e -> opportunities.add(e.opportunity()));
        String ids = String.join(",", opportunities.stream().map(UUID::toString).toList());
        Set<Entry> existing = new HashSet<>();
        for (Object found : session.sql("select cast(opportunity_id as text), stage, entered_at from stage_history "
                + "where tenant_id = ?1 and opportunity_id = any(cast(string_to_array(?2, ',') as uuid[]))",
                session.tenantId, ids).getResultList()) {
            Object[] f = (Object[]) found;
            existing.add(new Entry(UUID.fromString((String) f[0]), (String) f[1],
                    (String) ImportSession.param(time(f[2]))));
        }
        long added = 0;
        for (Entry entry : pending) {
            if (existing.contains(entry)) {
                continue;
            }
            session.sql("insert into stage_history (tenant_id, id, opportunity_id, stage, entered_at) "
                            + "values (?1, cast(?2 as uuid), cast(?3 as uuid), ?4, cast(?5 as timestamptz))",
                    session.tenantId, UUID.randomUUID().toString(), entry.opportunity().toString(), entry.stage(),
                    entry.at()).executeUpdate();
            added++;
        }
        pending.clear();
        if (added > 0) {
            session.sql("with h as (select distinct on (h.opportunity_id) h.opportunity_id, h.stage, h.entered_at, "
                            + "case when s.kind = 'open' then null else h.entered_at end as closed_at "
                            + "from stage_history h join pipeline_stage s on s.tenant_id = h.tenant_id and s.key = h.stage "
                            + "where h.tenant_id = ?1 and h.opportunity_id = any(cast(string_to_array(?2, ',') as uuid[])) "
                            + "order by h.opportunity_id, h.entered_at desc, s.position desc) "
                            + "update opportunity o set stage = h.stage, stage_entered_at = h.entered_at, "
                            + "closed_at = h.closed_at, updated_at = now(), version = o.version + 1 from h "
                            + "where o.tenant_id = ?3 and o.id = h.opportunity_id and (o.stage, o.stage_entered_at, "
                            + "o.closed_at) is distinct from (h.stage, h.entered_at, h.closed_at)",
                    session.tenantId, ids, session.tenantId).executeUpdate();
        }
        return added;
    }

    /** A timestamptz as the driver returns it, in UTC. */
    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value)).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
