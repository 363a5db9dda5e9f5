package io.fupan.core.custom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A custom attribute a tenant admin defines; {@code choices} only (and always) for type {@code choice}. */
public record CustomAttributeInput(
        @NotNull @Size(max = 20) @Pattern(regexp = "lead|account|opportunity",
                message = "{fupan.customEntity}") String entity,
        @NotNull @Size(max = 63) @Pattern(regexp = "[a-z][a-z0-9_]{0,62}",
                message = "{fupan.customKey}") String key,
        @NotNull @Size(max = 10) @Pattern(regexp = "text|number|boolean|date|choice",
                message = "{fupan.customType}") String type,
        @NotBlank @Size(max = 100) String labelZh,
        @NotBlank @Size(max = 100) String labelEn,
        @Size(min = 1, max = 200) List<@NotBlank @Size(max = 200) String> choices) {}
