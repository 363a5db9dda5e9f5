package io.fupan.core.importer;

/**
 * An atomic import with bad lines: thrown so that the transaction rolls back (nothing is written),
 * carrying the result that lists every bad line.
 */
public class ImportRejected extends RuntimeException {

    private final transient ImportResult result;

    ImportRejected(ImportResult result) {
        super(result.rejected() + " bad lines; nothing was written", null, false, false);
        this.result = result;
    }

    public ImportResult result() {
        return result;
    }
}
