package io.fupan.core.user;

import io.fupan.core.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A sales team with its manager; members are the users whose {@code teamId} names it. */
@Entity
@Table(name = "team")
public class Team extends TenantOwned {

    private String name;
    @Column(name = "manager_id")
    private UUID managerId;

    protected Team() {}

    public Team(String name, UUID managerId) {
        this.name = name;
        this.managerId = managerId;
    }

    public String name() { return name; }
    public UUID managerId() { return managerId; }

    public void rename(String name) { this.name = name; }
    public void manager(UUID managerId) { this.managerId = managerId; }
}
