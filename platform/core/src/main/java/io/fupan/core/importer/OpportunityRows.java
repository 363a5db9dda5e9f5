package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import io.fupan.core.importer.Staging.Column;
import io.fupan.core.pipeline.PipelineStage;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * opportunities: created (and, when won or lost, closed) at the times of the file. A new one has
 * entered its stage at its close (won, lost) or creation (open); an update keeps the time its stage
 * was entered unless the stage changes. Industry and region default to the account's.
 */
final class OpportunityRows implements RowMapper {

    @Override
    public List<String> columns() {
        return List.of("external_id", "name", "account", "owner", "amount", "currency", "channel", "industry", "region",
                "created_at", "closed_at", "stage");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "name", "created_at", "stage");
    }

    @Override
    public String customEntity() {
        return "opportunity";
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("name"), Column.text("account"), Column.text("owner"),
                new Column("amount", "numeric"), Column.text("currency"), Column.text("channel"), Column.text("industry"),
                Column.text("region"), new Column("created_at", "timestamptz"), Column.text("stage"),
                new Column("stage_entered_at", "timestamptz"), new Column("closed_at", "timestamptz"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String name = row.required("name", 200);
        String account = row.text("account", 200);
        String owner = row.owner("owner");
        java.math.BigDecimal amount = row.amount("amount");
        String currency = row.currency("currency");
        String channel = row.text("channel", 100);
        String industry = row.text("industry", 100);
        String region = row.text("region", 100);
        OffsetDateTime created = row.requiredTime("created_at");
        OffsetDateTime closedAt = row.time("closed_at");
        PipelineStage stage = session.stage(row);
        if (stage != null && stage.kind() != PipelineStage.Kind.OPEN && closedAt == null && !row.failed("closed_at")) {
            row.error("closed_at", Messages.get("import.row.closedAtRequired"));
        }
        boolean closed = stage != null && stage.kind() != PipelineStage.Kind.OPEN;
        return new Object[] {externalId, name, account, owner, amount, currency == null ? session.currency : currency,
                channel, industry, region, created, stage == null ? null : stage.key(), closed ? closedAt : created,
                closed ? closedAt : null};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        return present.contains("account") ? session.reference("account", "account", "account", false) : 0;
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        session.owners();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("name", "r.name"));
        if (present.contains("account")) fields.add(new Field("account_id", "a.id"));
        if (present.contains("owner")) fields.add(new Field("owner_id", "u.id"));
        if (present.contains("amount")) fields.add(new Field("amount", "r.amount"));
        fields.add(new Field("currency", "r.currency"));
        if (present.contains("channel")) fields.add(new Field("channel", "r.channel"));
        fields.add(new Field("industry", "coalesce(r.industry, a.industry)"));
        fields.add(new Field("region", "coalesce(r.region, a.region)"));
        fields.add(new Field("created_at", "r.created_at"));
        fields.add(new Field("stage", "r.stage"));
        fields.add(new Field("stage_entered_at", "r.stage_entered_at",
                "case when t.stage = v.stage then t.stage_entered_at else v.stage_entered_at end"));
        fields.add(new Field("closed_at", "r.closed_at"));
        if (custom) fields.add(Rows.custom());
        String from = LATEST + " left join app_user u on u.tenant_id = " + TENANT + " and u.username = r.owner"
                + " left join account a on a.tenant_id = " + TENANT + " and a.external_id = r.account";
        return session.upsert("opportunity", from, fields, true);
    }
}
