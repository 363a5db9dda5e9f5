package io.fupan.core.importer;

import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.Staging.Column;
import io.fupan.core.pipeline.PipelineStage;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * stage-history: one entry per (opportunity, stage, entered_at); an entry already there (or twice
 * in the file) is added once. The opportunities that got entries are then brought in step with
 * their latest entry: stage, stage_entered_at, and closed_at (the entry's time when won or lost,
 * else none).
 */
final class StageHistoryRows implements RowMapper {

    @Override
    public List<String> columns() {
        return List.of("opportunity", "stage", "entered_at");
    }

    @Override
    public List<String> required() {
        return columns();
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("opportunity"), Column.text("stage"), new Column("entered_at", "timestamptz"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String opportunity = row.required("opportunity", 200);
        PipelineStage stage = session.stage(row);
        return new Object[] {opportunity, stage == null ? null : stage.key(), row.requiredTime("entered_at")};
    }

    /**
     * Finds each good line's opportunity once, into {@code import_entries} (line, id, opportunity_id,
     * stage, entered_at; no opportunity_id when its external id names none); lines naming none are
     * refused. The writing step reads the same table, without a second join of file and opportunities.
     */
    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        session.update("create temporary table import_entries on commit drop as "
                + "select r.line, r.id, o.id as opportunity_id, r.stage, r.entered_at from import_rows r "
                + "left join opportunity o on o.tenant_id = " + TENANT + " and o.external_id = r.opportunity where r.ok");
        session.update("analyze import_entries");
        if (session.rows("select 1 from import_entries where opportunity_id is null limit 1").isEmpty()) {
            return 0;
        }
        return session.refuse("r.line in (select line from import_entries where opportunity_id is null)", "opportunity",
                "import.row.noReference", "opportunity");
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        // one row per new entry, in the order of the opportunities' ids: new opportunities have
        // increasing ids, so their entries append to the (tenant, opportunity, time) index. The
        // opportunities brought in step below are all those the file names; only those out of step
        // with their latest entry change.
        long added = session.update("insert into stage_history (tenant_id, id, opportunity_id, stage, entered_at) "
                + "select distinct on (e.opportunity_id, e.entered_at, e.stage) " + TENANT
                + ", e.id, e.opportunity_id, e.stage, e.entered_at from import_entries e "
                + "where e.opportunity_id is not null and not exists (select 1 from stage_history h where h.tenant_id = "
                + TENANT + " and h.opportunity_id = e.opportunity_id and h.entered_at = e.entered_at and h.stage = e.stage) "
                + "order by e.opportunity_id, e.entered_at, e.stage, e.line");
        if (added > 0) {
            session.update("with h as (select distinct on (h.opportunity_id) h.opportunity_id, h.stage, h.entered_at, "
                    + "case when s.kind = 'open' then null else h.entered_at end as closed_at "
                    + "from stage_history h join pipeline_stage s on s.tenant_id = h.tenant_id and s.key = h.stage "
                    + "where h.tenant_id = " + TENANT + " and h.opportunity_id in (select opportunity_id from import_entries "
                    + "where opportunity_id is not null) "
                    + "order by h.opportunity_id, h.entered_at desc, s.position desc) "
                    + "update opportunity o set stage = h.stage, stage_entered_at = h.entered_at, "
                    + "closed_at = h.closed_at, updated_at = now(), version = o.version + 1 from h "
                    + "where o.tenant_id = " + TENANT + " and o.id = h.opportunity_id and (o.stage, o.stage_entered_at, "
                    + "o.closed_at) is distinct from (h.stage, h.entered_at, h.closed_at)");
        }
        return new long[] {added, 0};
    }
}
