package io.fupan.core.importer;

import java.util.List;

/**
 * What an import did: {@code accepted} new records, {@code updated} changed ones, {@code rejected}
 * bad lines, each reported in {@code errors} (line of the file, header = 1; column; reason).
 */
public record ImportResult(String kind, long accepted, long updated, long rejected, List<LineError> errors) {

    public record LineError(long line, String column, String message) {}
}
