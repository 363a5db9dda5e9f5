package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.importer.ImportSession.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String externalId = row.required("external_id", 200);
        List<Value> values = new ArrayList<>();
        values.add(new Value("name", "text", row.required("name", 200)));
        if (row.has("account")) values.add(new Value("account_id", "uuid", session.reference(row, "account", "account", "account")));
        if (row.has("title")) values.add(new Value("title", "text", row.text("title", 200)));
        if (row.has("department")) values.add(new Value("department", "text", row.text("department", 200)));
        if (row.has("email")) values.add(new Value("email", "text", row.text("email", 320)));
        if (row.has("phone")) values.add(new Value("phone", "text", row.text("phone", 50)));
        if (row.has("role")) values.add(new Value("buying_role", "text", row.oneOf("role", ROLES)));
        if (row.has("owner")) values.add(new Value("owner_id", "uuid", session.owner(row, "owner")));
        String bossRef = row.text("reports_to", 200);
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        if (row.has("reports_to")) {
            UUID boss = null;
            if (bossRef != null) {
                if (bossRef.equals(externalId)) {
                    row.error("reports_to", "a contact cannot report to itself");
                    return Outcome.UNCHANGED;
                }
                Optional<UUID> found = session.find("contact", bossRef);
                if (found.isEmpty()) {
                    if (!last) {
                        return null;
                    }
                    row.error("reports_to", "there is no contact with external_id '" + bossRef
                            + "' in this tenant or this file (or the contacts of this file form a cycle)");
                    return Outcome.UNCHANGED;
                }
                boss = found.get();
                Optional<UUID> self = session.find("contact", externalId);
                if (self.isPresent() && session.cycle("contact", "reports_to_id", self.get(), boss)) {
                    row.error("reports_to", "contact '" + bossRef + "' reports to this contact: a cycle");
                    return Outcome.UNCHANGED;
                }
            }
            values.add(new Value("reports_to_id", "uuid", boss));
        }
        return session.upsert("contact", externalId, values, null, true);
    }
}
