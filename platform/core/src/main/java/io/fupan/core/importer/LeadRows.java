package io.fupan.core.importer;

import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import io.fupan.core.importer.Staging.Column;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** leads: status (default new) with the time it was reached; its status history gets that entry once. */
final class LeadRows implements RowMapper {

    static final Set<String> STATUSES = new LinkedHashSet<>(List.of("new", "contacted", "mql", "sql", "converted",
            "disqualified"));
    private static final List<String> TEXTS = List.of("company", "email", "phone", "channel", "industry", "region");

    @Override
    public List<String> columns() {
        return List.of("external_id", "name", "company", "email", "phone", "channel", "industry", "region", "employees",
                "created_at", "status", "status_changed_at", "converted_opportunity", "owner");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "name", "created_at");
    }

    @Override
    public String customEntity() {
        return "lead";
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("name"), Column.text("company"), Column.text("email"),
                Column.text("phone"), Column.text("channel"), Column.text("industry"), Column.text("region"),
                new Column("employees", "integer"), new Column("created_at", "timestamptz"), Column.text("status"),
                new Column("status_changed_at", "timestamptz"), Column.text("converted_opportunity"),
                Column.text("owner"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String name = row.required("name", 200);
        String company = row.text("company", 200);
        String email = row.text("email", 320);
        String phone = row.text("phone", 50);
        OffsetDateTime created = row.requiredTime("created_at");
        String status = row.oneOf("status", STATUSES);
        OffsetDateTime changed = row.time("status_changed_at");
        return new Object[] {externalId, name, company, email, phone, row.text("channel", 100),
                row.text("industry", 100), row.text("region", 100), row.integer("employees"), created,
                status == null ? "new" : status, changed == null ? created : changed,
                row.text("converted_opportunity", 200), row.owner("owner")};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        return present.contains("converted_opportunity")
                ? session.reference("converted_opportunity", "opportunity", "opportunity", false) : 0;
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        session.owners();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("name", "r.name"));
        for (String column : TEXTS) {
            if (present.contains(column)) {
                fields.add(new Field(column, "r." + column));
            }
        }
        if (present.contains("employees")) fields.add(new Field("employees", "r.employees"));
        fields.add(new Field("created_at", "r.created_at"));
        fields.add(new Field("status", "r.status"));
        fields.add(new Field("status_changed_at", "r.status_changed_at"));
        String from = LATEST + " left join app_user u on u.tenant_id = " + TENANT + " and u.username = r.owner"
                + " left join opportunity o on o.tenant_id = " + TENANT + " and o.external_id = r.converted_opportunity";
        if (present.contains("converted_opportunity")) fields.add(new Field("converted_opportunity_id", "o.id"));
        if (present.contains("owner")) fields.add(new Field("owner_id", "u.id"));
        if (custom) fields.add(Rows.custom());
        long[] counts = session.upsert("lead", from, fields, true);
        session.update("insert into lead_status_history (tenant_id, id, lead_id, status, changed_at) "
                + "select " + TENANT + ", gen_random_uuid(), l.id, r.status, r.status_changed_at from " + LATEST
                + " join lead l on l.tenant_id = " + TENANT + " and l.external_id = r.external_id "
                + "where not exists (select 1 from lead_status_history h where h.tenant_id = " + TENANT
                + " and h.lead_id = l.id and h.status = r.status and h.changed_at = r.status_changed_at)");
        return counts;
    }
}
