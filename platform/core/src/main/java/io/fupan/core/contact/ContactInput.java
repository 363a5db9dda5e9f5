package io.fupan.core.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What a caller may send for a contact (create: all; update: the fields sent). */
public record ContactInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 200) String name,
        UUID accountId,
        @Size(max = 200) String title,
        @Size(max = 200) String department,
        @Size(max = 320) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "{fupan.email}")
        String email,
        @Size(max = 50) String phone,
        UUID reportsToId,
        @Size(max = 40) @Pattern(regexp = ContactInput.BUYING_ROLES, message = "{fupan.buyingRole}")
        String buyingRole,
        UUID ownerId,
        Boolean shared) {

    /** The buying roles of the schema's check constraint, as a pattern. */
    public static final String BUYING_ROLES =
            "decision_maker|economic_buyer|technical_evaluator|influencer|user|champion|blocker";
}
