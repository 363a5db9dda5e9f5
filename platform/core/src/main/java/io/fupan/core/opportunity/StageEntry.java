package io.fupan.core.opportunity;

import io.fupan.core.tenancy.TenantRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an opportunity into a stage: when, and who moved it (null for the system). Never changed. */
@Entity
@Table(name = "stage_history")
public class StageEntry extends TenantRow {

    @Column(name = "opportunity_id")
    private UUID opportunityId;
    private String stage;
    @Column(name = "entered_at")
    private OffsetDateTime enteredAt;
    @Column(name = "moved_by_id")
    private UUID movedById;

    protected StageEntry() {}

    StageEntry(UUID opportunityId, String stage, OffsetDateTime enteredAt, UUID movedById) {
        this.opportunityId = opportunityId;
        this.stage = stage;
        this.enteredAt = enteredAt;
        this.movedById = movedById;
    }

    public UUID opportunityId() { return opportunityId; }
    public String stage() { return stage; }
    public OffsetDateTime enteredAt() { return enteredAt; }
    public UUID movedById() { return movedById; }
}
