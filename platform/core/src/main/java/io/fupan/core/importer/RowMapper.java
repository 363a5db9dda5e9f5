package io.fupan.core.importer;

import java.util.List;

/** How one kind's lines become records: its columns, and the writing of one line. */
interface RowMapper {

    /** The columns this kind knows; {@link #required()} ones must be in the header. */
    List<String> columns();

    List<String> required();

    /** The custom-attribute entity and table that unknown columns go to, or null: unknown columns are refused. */
    default String customEntity() {
        return null;
    }

    default String table() {
        return null;
    }

    /**
     * Reads and writes one line. Errors go to the row (the caller then counts it rejected); null
     * means the line names a record of its own kind not written yet, and is tried again later
     * ({@code last}: no later chance, so an unresolved reference is an error).
     */
    ImportSession.Outcome write(Row row, ImportSession session, String custom, boolean last);

    /**
     * Called every batch of lines and at the end, e.g. to write what the lines collected; returns
     * how many records it added then (counted as accepted).
     */
    default long batch(ImportSession session) {
        return 0;
    }
}
