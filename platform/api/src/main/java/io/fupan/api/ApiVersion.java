package io.fupan.api;

/**
 * The version of this API, in semantic versioning. A plugin names the range it needs in its
 * descriptor ({@code Plugin-Requires}, e.g. {@code >=0.1.0 & <1.0.0}); the host refuses a plugin
 * whose range does not contain {@link #CURRENT}. Within a major version only additions are made.
 *
 * @since 0.1.0
 */
public final class ApiVersion {

    /** The version of the API this artifact carries. */
    public static final String CURRENT = "0.3.0";

    private ApiVersion() {}
}
