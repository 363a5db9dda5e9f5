package io.fupan.core.importer;

/**
 * A file that cannot be imported at all (not one bad line): no header, a missing required column,
 * broken CSV, wrong encoding, too large. Nothing of it is written; the REST layer answers
 * {@code status} with {@code slug} as the problem type and the message as its detail.
 */
public class ImportFileException extends RuntimeException {

    private final int status;
    private final String slug;

    public ImportFileException(int status, String slug, String message) {
        super(message, null, false, false);
        this.status = status;
        this.slug = slug;
    }

    static ImportFileException invalid(String message) {
        return new ImportFileException(422, "import-file", message);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
