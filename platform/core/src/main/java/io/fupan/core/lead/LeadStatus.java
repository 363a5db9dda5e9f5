package io.fupan.core.lead;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a lead stands: {@code new → contacted → mql → sql → converted | disqualified}. Moves back
 * are allowed (a lead may cool down); {@code converted} is reached only by converting the lead and
 * is final.
 */
public enum LeadStatus {
    NEW, CONTACTED, MQL, SQL, CONVERTED, DISQUALIFIED;

    /** The values of the API, for Bean Validation patterns and messages. */
    public static final String PATTERN = "new|contacted|mql|sql|converted|disqualified";

    /** The status as the API and the database spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LeadStatus> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
