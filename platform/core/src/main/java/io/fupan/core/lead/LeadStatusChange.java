package io.fupan.core.lead;

import io.fupan.core.tenancy.TenantRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a lead into a status: when, and who moved it (null for the system). Never changed. */
@Entity
@Table(name = "lead_status_history")
public class LeadStatusChange extends TenantRow {

    @Column(name = "lead_id")
    private UUID leadId;
    private String status;
    @Column(name = "changed_at")
    private OffsetDateTime changedAt;
    @Column(name = "changed_by_id")
    private UUID changedById;

    protected LeadStatusChange() {}

    LeadStatusChange(UUID leadId, String status, OffsetDateTime changedAt, UUID changedById) {
        this.leadId = leadId;
        this.status = status;
        this.changedAt = changedAt;
        this.changedById = changedById;
    }

    public UUID leadId() { return leadId; }
    public String status() { return status; }
    public OffsetDateTime changedAt() { return changedAt; }
    public UUID changedById() { return changedById; }
}
