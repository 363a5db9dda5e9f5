package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;

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

    /** The largest file a synchronous import reads; an asynchronous one (stored first) may be {@link #MAX_ASYNC_BYTES}. */
    public static final long MAX_BYTES = 200L * 1024 * 1024;
    public static final long MAX_ASYNC_BYTES = 4L * 1024 * 1024 * 1024;

    /** The answer to a file larger than {@code max} bytes (413). */
    public static ImportFileException tooLarge(long max) {
        return new ImportFileException(413, "payload-too-large", max < MAX_ASYNC_BYTES
                ? Messages.get("import.tooLargeAsync", String.valueOf(max >> 20), String.valueOf(MAX_ASYNC_BYTES >> 20))
                : Messages.get("import.tooLarge", String.valueOf(max >> 20)));
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
