package io.fupan.core.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A tenant row that is edited: optimistic version (the API's ETag) and creation / update times. */
@MappedSuperclass
public abstract class TenantOwned extends TenantRow {

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @PrePersist
    void stampCreation() {
        OffsetDateTime now = io.fupan.core.record.Times.now();
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = io.fupan.core.record.Times.now();
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** Imports keep the creation time of the source system. */
    protected void createdAt(OffsetDateTime at) {
        this.createdAt = at;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
