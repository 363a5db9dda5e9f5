package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.importer.ImportSession.Value;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** leads: status (default new) with the time it was reached; its history gets that entry once. */
final class LeadRows implements RowMapper {

    static final Set<String> STATUSES = new LinkedHashSet<>(List.of("new", "contacted", "mql", "sql", "converted",
            "disqualified"));

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
    public String table() {
        return "lead";
    }

    @Override
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String externalId = row.required("external_id", 200);
        List<Value> values = new ArrayList<>();
        values.add(new Value("name", "text", row.required("name", 200)));
        for (String column : List.of("company", "email", "phone", "channel", "industry", "region")) {
            if (row.has(column)) {
                int max = "company".equals(column) ? 200 : "email".equals(column) ? 320 : "phone".equals(column) ? 50 : 100;
                values.add(new Value(column, "text", row.text(column, max)));
            }
        }
        if (row.has("employees")) values.add(new Value("employees", "int", row.integer("employees")));
        OffsetDateTime created = row.requiredTime("created_at");
        values.add(new Value("created_at", "timestamptz", created));
        String status = row.oneOf("status", STATUSES);
        status = status == null ? "new" : status;
        OffsetDateTime changed = row.time("status_changed_at");
        changed = changed == null ? created : changed;
        values.add(new Value("status", "text", status));
        values.add(new Value("status_changed_at", "timestamptz", changed));
        if (row.has("converted_opportunity")) {
            values.add(new Value("converted_opportunity_id", "uuid",
                    session.reference(row, "converted_opportunity", "opportunity", "opportunity")));
        }
        if (row.has("owner")) values.add(new Value("owner_id", "uuid", session.owner(row, "owner")));
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        Outcome outcome = session.upsert("lead", externalId, values, custom, true);
        session.sql("insert into lead_status_history (tenant_id, id, lead_id, status, changed_at) "
                        + "select ?1, cast(?2 as uuid), cast(?3 as uuid), ?4, cast(?5 as timestamptz) where not exists ("
                        + "select 1 from lead_status_history where tenant_id = ?6 and lead_id = cast(?7 as uuid) "
                        + "and status = ?8 and changed_at = cast(?9 as timestamptz))",
                session.tenantId, java.util.UUID.randomUUID().toString(),
                session.find("lead", externalId).orElseThrow().toString(), status, ImportSession.param(changed),
                session.tenantId, session.find("lead", externalId).orElseThrow().toString(), status,
                ImportSession.param(changed)).executeUpdate();
        return outcome;
    }
}
