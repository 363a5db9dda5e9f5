package io.fupan.core.audit;

import io.fupan.core.tenancy.TenantRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One changed field of one record: who, when, from what to what. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends TenantRow {

    private OffsetDateTime at;
    private String actor;
    @Column(name = "entity_type")
    private String entityType;
    @Column(name = "entity_id")
    private UUID entityId;
    private String action;
    private String field;
    @Column(name = "old_value")
    private String oldValue;
    @Column(name = "new_value")
    private String newValue;

    protected AuditEvent() {}

    AuditEvent(OffsetDateTime at, String actor, String entityType, UUID entityId, String action, String field,
               String oldValue, String newValue) {
        this.at = at;
        this.actor = actor;
        this.entityType = entityType;
        this.entityId = entityId;
        this.action = action;
        this.field = field;
        this.oldValue = oldValue;
        this.newValue = newValue;
    }

    public OffsetDateTime at() { return at; }
    public String actor() { return actor; }
    public String entityType() { return entityType; }
    public UUID entityId() { return entityId; }
    public String action() { return action; }
    public String field() { return field; }
    public String oldValue() { return oldValue; }
    public String newValue() { return newValue; }
}
