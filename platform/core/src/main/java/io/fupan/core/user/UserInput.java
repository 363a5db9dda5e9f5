package io.fupan.core.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * What a tenant admin may change about a user (the fields sent). The user name and e-mail belong
 * to Keycloak; a user is created on first sign-in or by an import, never through the API.
 */
public record UserInput(
        @NotBlank @Size(max = 200) String displayName,
        @NotNull Boolean active,
        UUID teamId) {}
