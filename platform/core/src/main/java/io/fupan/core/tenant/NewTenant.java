package io.fupan.core.tenant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an operator sends to create a tenant (API.md, "The contract that acceptance checks call"). */
public record NewTenant(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,62}", message = "{fupan.tenantId}") String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 50) String plan,
        @NotBlank @Size(max = 60) String timeZone,
        @NotBlank @Size(min = 3, max = 3) String currency,
        @Size(max = 10) String locale,
        @NotBlank @Email @Size(max = 200) String adminEmail,
        @NotBlank @Size(min = 8, max = 128) String adminPassword) {}
