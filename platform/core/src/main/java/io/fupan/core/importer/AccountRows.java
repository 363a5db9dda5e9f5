package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import io.fupan.core.importer.Staging.Column;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** accounts: {@code parent} names another account, of the tenant or of the same file (in any order). */
final class AccountRows implements RowMapper {

    @Override
    public List<String> columns() {
        return List.of("external_id", "name", "industry", "region", "employees", "annual_revenue", "tier", "parent", "owner");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "name");
    }

    @Override
    public String customEntity() {
        return "account";
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("name"), Column.text("industry"), Column.text("region"),
                new Column("employees", "integer"), new Column("annual_revenue", "numeric"), Column.text("tier"),
                Column.text("parent"), Column.text("owner"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String parent = row.text("parent", 200);
        if (parent != null && parent.equals(externalId)) {
            row.error("parent", Messages.get("import.row.ownParent"));
        }
        return new Object[] {externalId, row.required("name", 200), row.text("industry", 100), row.text("region", 100),
                row.integer("employees"), row.amount("annual_revenue"), row.text("tier", 50), parent,
                row.owner("owner")};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        if (!present.contains("parent")) {
            return 0;
        }
        return session.reference("parent", "account", "account", true)
                + session.cycles("account", "parent_id", "parent", "account")
                + session.reference("parent", "account", "account", true);
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        session.owners();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("name", "r.name"));
        for (String column : List.of("industry", "region", "employees", "annual_revenue", "tier")) {
            if (present.contains(column)) {
                fields.add(new Field(column, "r." + column));
            }
        }
        String from = LATEST + " left join app_user u on u.tenant_id = " + TENANT + " and u.username = r.owner"
                + " left join account p on p.tenant_id = " + TENANT + " and p.external_id = r.parent";
        if (present.contains("owner")) {
            fields.add(new Field("owner_id", "u.id"));
        }
        if (present.contains("parent")) {
            fields.add(new Field("parent_id", "p.id"));
        }
        if (custom) {
            fields.add(Rows.custom());
        }
        long[] counts = session.upsert("account", from, fields, true);
        if (present.contains("parent")) {
            Rows.linkInFile(session, "account", "parent_id", "parent");
        }
        return counts;
    }
}
