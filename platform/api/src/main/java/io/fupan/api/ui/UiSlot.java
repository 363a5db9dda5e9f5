package io.fupan.api.ui;

/**
 * Where in the web UI a {@link UiPanel} appears.
 *
 * @since 0.3.0
 */
public enum UiSlot {

    /** A screen of its own, with an entry in the main navigation named by the panel's title. */
    PAGE("page"),

    /** A view of the lead list, shown as a tab beside "all leads"; the panel draws the whole view. */
    LEAD_LIST("lead-list"),

    /** A section of one lead's detail; the panel's context carries the lead as the API shows it. */
    LEAD_DETAIL("lead-detail"),

    /** A section of one opportunity's detail; the panel's context carries the opportunity as the API shows it. */
    OPPORTUNITY_DETAIL("opportunity-detail");

    private final String code;

    UiSlot(String code) {
        this.code = code;
    }

    /** The slot's name in the host's panel list ({@code GET /api/v1/ui/panels}), e.g. {@code lead-detail}. */
    public String code() {
        return code;
    }
}
