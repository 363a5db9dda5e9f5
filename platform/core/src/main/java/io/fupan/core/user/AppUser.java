package io.fupan.core.user;

import io.fupan.core.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A person of the tenant: signs in with Keycloak (username = e-mail), may belong to one team. */
@Entity
@Table(name = "app_user")
public class AppUser extends TenantOwned {

    private String username;
    @Column(name = "display_name")
    private String displayName;
    private String email;
    private boolean active = true;
    @Column(name = "team_id")
    private UUID teamId;
    @Column(name = "keycloak_id")
    private String keycloakId;
    /** Created inactive by an import for an unknown owner; activated by that person's first sign-in. */
    private boolean placeholder;

    protected AppUser() {}

    public AppUser(String username, String displayName, String email, boolean active) {
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.active = active;
    }

    public String username() { return username; }
    public String displayName() { return displayName; }
    public String email() { return email; }
    public boolean active() { return active; }
    public UUID teamId() { return teamId; }
    public String keycloakId() { return keycloakId; }

    public void rename(String displayName) { this.displayName = displayName; }
    public void email(String email) { this.email = email; }
    /** An admin's decision: the user is no longer a placeholder that a sign-in activates. */
    public void active(boolean active) {
        this.active = active;
        this.placeholder = false;
    }
    public void team(UUID teamId) { this.teamId = teamId; }
}
