package io.fupan.core.opportunity;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * What a caller may send for an opportunity (create: all; update: the fields sent). On create,
 * absent fields default: {@code ownerId} to the caller, {@code currency} to the tenant's,
 * {@code industry} and {@code region} to the account's, {@code stage} to the first open stage.
 */
public record OpportunityInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 200) String name,
        UUID accountId,
        UUID ownerId,
        @DecimalMin("0") @Digits(integer = 18, fraction = 2) BigDecimal amount,
        @Size(max = 3) String currency,
        @Size(max = 100) String channel,
        @Size(max = 100) String industry,
        @Size(max = 100) String region,
        @Size(max = 40) String stage,
        LocalDate closeDate,
        UUID leadId,
        Boolean shared,
        Map<String, Object> custom) {}
