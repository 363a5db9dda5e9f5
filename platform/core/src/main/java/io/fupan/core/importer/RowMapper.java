package io.fupan.core.importer;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * How one kind's lines become records, in three steps: {@link #read} checks one line and gives
 * the values staged for it; once the file is staged, {@link #check} refuses the lines whose
 * references name nothing; {@link #write} turns the good lines into records, set-based.
 */
interface RowMapper {

    /** The columns this kind knows; {@link #required()} ones must be in the header. */
    List<String> columns();

    List<String> required();

    /** The custom-attribute entity (and table) that unknown columns go to, or null: unknown columns are refused. */
    default String customEntity() {
        return null;
    }

    /** The staged values of one line, in this order. */
    List<Staging.Column> staging();

    /** Reads and checks one line; errors go to the row (which is then not staged). */
    Object[] read(Row row, ImportSession session);

    /** Refuses the staged lines whose references do not resolve; returns how many it refused. */
    long check(ImportSession session, Set<String> present) throws SQLException;

    /** Writes the good lines; returns {accepted, updated}. {@code present}: the header's known columns. */
    long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException;
}
