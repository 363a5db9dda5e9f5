package io.fupan.core.importer;

import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import java.sql.SQLException;

/** What several kinds write alike. */
final class Rows {

    private Rows() {}

    /** The line's custom attributes, merged into the record's. */
    static Field custom() {
        return new Field("custom", "coalesce(r.custom, '{}'::jsonb)", "t.custom || v.custom");
    }

    /**
     * Links the records to the records of the same file that their {@code ref} names (a parent, a
     * manager): those did not exist yet when the upsert resolved references.
     */
    static void linkInFile(ImportSession session, String table, String column, String ref) throws SQLException {
        session.update("update " + table + " t set " + column + " = p.id, updated_at = now() from " + LATEST + " join "
                + table + " p on p.tenant_id = " + TENANT + " and p.external_id = r." + ref + " where t.tenant_id = "
                + TENANT + " and t.external_id = r.external_id and t." + column + " is distinct from p.id");
    }
}
