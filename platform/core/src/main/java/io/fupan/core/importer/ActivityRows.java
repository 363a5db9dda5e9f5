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
import java.util.regex.Pattern;

/** activities: each names exactly one of a lead, a contact or an opportunity. */
final class ActivityRows implements RowMapper {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final List<String> TARGETS = List.of("lead", "contact", "opportunity");

    @Override
    public List<String> columns() {
        return List.of("external_id", "lead", "contact", "opportunity", "type", "occurred_at", "subject");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "type", "occurred_at");
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("lead"), Column.text("contact"),
                Column.text("opportunity"), Column.text("type"), new Column("occurred_at", "timestamptz"),
                Column.text("subject"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String[] targets = new String[3];
        int named = 0;
        for (int i = 0; i < 3; i++) {
            targets[i] = row.text(TARGETS.get(i), 200);
            named += targets[i] == null ? 0 : 1;
        }
        if (named != 1) {
            row.error("lead", Messages.get("import.row.activityTarget", String.valueOf(named)));
        }
        String type = row.required("type", 40);
        if (type != null && !TYPE.matcher(type).matches()) {
            row.error("type", Messages.get("import.row.activityType", type));
        }
        return new Object[] {externalId, targets[0], targets[1], targets[2], type, row.requiredTime("occurred_at"),
                row.text("subject", 500)};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        long refused = 0;
        for (String target : TARGETS) {
            if (present.contains(target)) {
                refused += session.reference(target, target, target, false);
            }
        }
        return refused;
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("type", "r.type"));
        fields.add(new Field("occurred_at", "r.occurred_at"));
        if (present.contains("subject")) fields.add(new Field("subject", "r.subject"));
        StringBuilder from = new StringBuilder(LATEST);
        for (String target : TARGETS) {
            String alias = target.substring(0, 1);
            from.append(" left join ").append(target).append(' ').append(alias).append(" on ").append(alias)
                    .append(".tenant_id = ").append(TENANT).append(" and ").append(alias).append(".external_id = r.")
                    .append(target);
            fields.add(new Field(target + "_id", alias + ".id"));
        }
        return session.upsert("activity", from.toString(), fields, true);
    }
}
