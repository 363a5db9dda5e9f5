package io.fupan.core.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** What a tenant admin may send for a team (create: all; update: the fields sent). */
public record TeamInput(
        @NotBlank @Size(max = 100) String name,
        UUID managerId) {}
