package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import io.fupan.core.importer.Staging.Column;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** contacts: {@code account} names an account of the tenant; {@code reports_to} another contact (tenant or file). */
final class ContactRows implements RowMapper {

    static final Set<String> ROLES = new LinkedHashSet<>(List.of("decision_maker", "economic_buyer",
            "technical_evaluator", "influencer", "user", "champion", "blocker"));

    @Override
    public List<String> columns() {
        return List.of("external_id", "name", "account", "title", "department", "email", "phone", "reports_to", "role",
                "owner");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "name");
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("name"), Column.text("account"), Column.text("title"),
                Column.text("department"), Column.text("email"), Column.text("phone"), Column.text("reports_to"),
                Column.text("role"), Column.text("owner"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String boss = row.text("reports_to", 200);
        if (boss != null && boss.equals(externalId)) {
            row.error("reports_to", Messages.get("import.row.ownBoss"));
        }
        return new Object[] {externalId, row.required("name", 200), row.text("account", 200), row.text("title", 200),
                row.text("department", 200), row.text("email", 320), row.text("phone", 50), boss,
                row.oneOf("role", ROLES), row.owner("owner")};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        long refused = present.contains("account") ? session.reference("account", "account", "account", false) : 0;
        if (present.contains("reports_to")) {
            refused += session.reference("reports_to", "contact", "contact", true)
                    + session.cycles("contact", "reports_to_id", "reports_to", "contact")
                    + session.reference("reports_to", "contact", "contact", true);
        }
        return refused;
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        session.owners();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("name", "r.name"));
        String from = LATEST + " left join app_user u on u.tenant_id = " + TENANT + " and u.username = r.owner"
                + " left join account a on a.tenant_id = " + TENANT + " and a.external_id = r.account"
                + " left join contact b on b.tenant_id = " + TENANT + " and b.external_id = r.reports_to";
        if (present.contains("account")) fields.add(new Field("account_id", "a.id"));
        for (String column : List.of("title", "department", "email", "phone")) {
            if (present.contains(column)) {
                fields.add(new Field(column, "r." + column));
            }
        }
        if (present.contains("role")) fields.add(new Field("buying_role", "r.role"));
        if (present.contains("owner")) fields.add(new Field("owner_id", "u.id"));
        if (present.contains("reports_to")) fields.add(new Field("reports_to_id", "b.id"));
        long[] counts = session.upsert("contact", from, fields, true);
        if (present.contains("reports_to")) {
            Rows.linkInFile(session, "contact", "reports_to_id", "reports_to");
        }
        return counts;
    }
}
