package io.fupan.core.account;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** What a caller may send for an account (create: all; update: the fields sent). */
public record AccountInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String industry,
        @Size(max = 100) String region,
        @PositiveOrZero Integer employees,
        @DecimalMin("0") @Digits(integer = 18, fraction = 2) BigDecimal annualRevenue,
        @Size(max = 50) String tier,
        UUID parentId,
        UUID ownerId,
        Boolean shared,
        Map<String, Object> custom) {}
