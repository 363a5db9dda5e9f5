package io.fupan.core.user;

/** The kinds of sales records whose visibility depends on the caller's role. */
public enum RecordKind {
    LEAD("lead"), ACCOUNT("account"), CONTACT("contact"), OPPORTUNITY("opportunity"), ACTIVITY("activity");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
