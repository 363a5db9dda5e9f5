package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.importer.ImportSession.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** accounts: {@code parent} names another account, of the tenant or further down the same file. */
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
    public String table() {
        return "account";
    }

    @Override
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String externalId = row.required("external_id", 200);
        List<Value> values = new ArrayList<>();
        values.add(new Value("name", "text", row.required("name", 200)));
        if (row.has("industry")) values.add(new Value("industry", "text", row.text("industry", 100)));
        if (row.has("region")) values.add(new Value("region", "text", row.text("region", 100)));
        if (row.has("employees")) values.add(new Value("employees", "int", row.integer("employees")));
        if (row.has("annual_revenue")) values.add(new Value("annual_revenue", "numeric", row.amount("annual_revenue")));
        if (row.has("tier")) values.add(new Value("tier", "text", row.text("tier", 50)));
        if (row.has("owner")) values.add(new Value("owner_id", "uuid", session.owner(row, "owner")));
        String parentRef = row.text("parent", 200);
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        if (row.has("parent")) {
            UUID parent = null;
            if (parentRef != null) {
                if (parentRef.equals(externalId)) {
                    row.error("parent", "an account cannot be its own parent");
                    return Outcome.UNCHANGED;
                }
                Optional<UUID> found = session.find("account", parentRef);
                if (found.isEmpty()) {
                    if (!last) {
                        return null;
                    }
                    row.error("parent", "there is no account with external_id '" + parentRef
                            + "' in this tenant or this file (or the accounts of this file form a cycle)");
                    return Outcome.UNCHANGED;
                }
                parent = found.get();
                Optional<UUID> self = session.find("account", externalId);
                if (self.isPresent() && session.cycle("account", "parent_id", self.get(), parent)) {
                    row.error("parent", "account '" + parentRef + "' is a subsidiary of this account: a cycle");
                    return Outcome.UNCHANGED;
                }
            }
            values.add(new Value("parent_id", "uuid", parent));
        }
        return session.upsert("account", externalId, values, custom, true);
    }
}
