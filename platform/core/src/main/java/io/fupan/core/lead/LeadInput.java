package io.fupan.core.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * What a caller may send for a lead (create: all; update: the fields sent). {@code status}
 * defaults to {@code new}; {@code converted} is refused here: only the convert endpoint sets it.
 */
public record LeadInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String company,
        @Size(max = 320) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "{fupan.email}")
        String email,
        @Size(max = 50) String phone,
        @Size(max = 100) String channel,
        @Size(max = 100) String industry,
        @Size(max = 100) String region,
        @PositiveOrZero Integer employees,
        @Size(max = 20) @Pattern(regexp = LeadStatus.PATTERN,
                message = "{fupan.leadStatus}") String status,
        UUID ownerId,
        Boolean shared,
        Map<String, Object> custom) {}
