package io.fupan.core.activity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a caller may send for an activity (create: all; update: the fields sent). Exactly one of
 * {@code leadId}, {@code contactId}, {@code opportunityId} names what the activity is about.
 */
public record ActivityInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 40) @Pattern(regexp = ActivityInput.TYPE, message = "{fupan.activityType}")
        String type,
        @NotNull OffsetDateTime occurredAt,
        @Size(max = 500) String subject,
        @Size(max = 20000) String detail,
        UUID leadId,
        UUID contactId,
        UUID opportunityId,
        UUID ownerId) {

    /** The schema's check on {@code activity.type}. */
    public static final String TYPE = "[a-z][a-z0-9_]{0,39}";
}
