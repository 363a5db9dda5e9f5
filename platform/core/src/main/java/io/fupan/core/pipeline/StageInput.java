package io.fupan.core.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * One stage of a pipeline as a tenant admin sends it. {@code position} may be left out: the stage
 * then takes its place in the list (1, 2, …). {@code healthyRange} is the healthy conversion to
 * the next stage, {@code [lo, hi]} within 0..1, or null.
 */
public record StageInput(
        @NotNull @Size(max = 40) @Pattern(regexp = "[a-z][a-z0-9_]{0,39}",
                message = "{fupan.stageKey}") String key,
        @PositiveOrZero @Max(100_000) Integer position,
        @NotBlank @Size(max = 100) String labelZh,
        @NotBlank @Size(max = 100) String labelEn,
        @NotNull @Size(max = 10) @Pattern(regexp = "open|won|lost", message = "{fupan.stageKind}") String kind,
        @Size(min = 2, max = 2, message = "{fupan.healthyRange}")
        List<@NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal> healthyRange,
        @PositiveOrZero @Max(3650) Integer agingDays) {}
