package io.fupan.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a tenant, as carried by the {@code tenant} claim of an access token and stored in
 * the {@code tenant_id} column that leads every tenant-owned row.
 *
 * <p>Ids are lower-case, start with a letter and are 2 to 63 characters of letters, digits and
 * hyphens, so that they are safe in URLs, file names and database identifiers alike.
 *
 * @param value the id, for example {@code acme}
 * @since 0.1.0
 */
public record TenantId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    /** @throws IllegalArgumentException when the value is not of the form described above */
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must match " + FORM.pattern() + ", was \"" + value + "\"");
        }
    }

    /** Whether {@code value} is a well-formed tenant id. */
    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
