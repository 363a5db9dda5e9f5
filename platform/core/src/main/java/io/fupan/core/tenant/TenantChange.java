package io.fupan.core.tenant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an operator may change of a tenant: suspend or reactivate it, rename it, move it to another plan. */
public record TenantChange(
        @Pattern(regexp = "active|suspended", message = "{fupan.tenantStatus}") String status,
        @Size(min = 1, max = 200) String name,
        @Size(min = 1, max = 50) String plan) {}
