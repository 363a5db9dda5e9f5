package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.importer.ImportSession.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** activities: each names exactly one of a lead, a contact or an opportunity. */
final class ActivityRows implements RowMapper {

    static final String TYPE = "[a-z][a-z0-9_]{0,39}";

    @Override
    public List<String> columns() {
        return List.of("external_id", "lead", "contact", "opportunity", "type", "occurred_at", "subject");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "type", "occurred_at");
    }

    @Override
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String externalId = row.required("external_id", 200);
        List<Value> values = new ArrayList<>();
        String type = row.required("type", 40);
        if (type != null && !type.matches(TYPE)) {
            row.error("type", "must be a lower-case key such as page_view, email_open, call or meeting, not '" + type + "'");
        }
        values.add(new Value("type", "text", type));
        values.add(new Value("occurred_at", "timestamptz", row.requiredTime("occurred_at")));
        if (row.has("subject")) values.add(new Value("subject", "text", row.text("subject", 500)));
        int named = 0;
        for (String[] target : new String[][] {{"lead", "lead"}, {"contact", "contact"}, {"opportunity", "opportunity"}}) {
            if (row.text(target[0], 200) != null) {
                named++;
            }
            UUID id = session.reference(row, target[0], target[1], target[0]);
            values.add(new Value(target[0] + "_id", "uuid", id));
        }
        if (named != 1) {
            row.error("lead", "exactly one of lead, contact or opportunity must be given (this line has " + named + ")");
        }
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        return session.upsert("activity", externalId, values, null, true);
    }
}
