package io.fupan.core.activity;

import io.fupan.core.tenancy.TenantOwned;
import io.fupan.core.user.OwnedRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened with a lead, a contact or an opportunity (exactly one of them): a call,
 * a meeting, a page view, an e-mail click… Owned by the user who recorded it.
 */
@Entity
@Table(name = "activity")
public class Activity extends TenantOwned implements OwnedRecord {

    @Column(name = "external_id")
    private String externalId;
    private String type;
    @Column(name = "occurred_at")
    private OffsetDateTime occurredAt;
    private String subject;
    private String detail;
    @Column(name = "lead_id")
    private UUID leadId;
    @Column(name = "contact_id")
    private UUID contactId;
    @Column(name = "opportunity_id")
    private UUID opportunityId;
    @Column(name = "owner_id")
    private UUID ownerId;

    protected Activity() {}

    Activity(String type, OffsetDateTime occurredAt) {
        this.type = type;
        this.occurredAt = occurredAt;
    }

    /** The fields as the audit trail and the API name them. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("externalId", externalId);
        f.put("type", type);
        f.put("occurredAt", occurredAt);
        f.put("subject", subject);
        f.put("detail", detail);
        f.put("leadId", leadId);
        f.put("contactId", contactId);
        f.put("opportunityId", opportunityId);
        f.put("ownerId", ownerId);
        return f;
    }

    public String externalId() { return externalId; }
    public String type() { return type; }
    public OffsetDateTime occurredAt() { return occurredAt; }
    public String subject() { return subject; }
    public String detail() { return detail; }
    public UUID leadId() { return leadId; }
    public UUID contactId() { return contactId; }
    public UUID opportunityId() { return opportunityId; }
    public UUID ownerId() { return ownerId; }

    void externalId(String v) { externalId = v; }
    void type(String v) { type = v; }
    void occurredAt(OffsetDateTime v) { occurredAt = v; }
    void subject(String v) { subject = v; }
    void detail(String v) { detail = v; }
    void subjectOf(UUID lead, UUID contact, UUID opportunity) {
        leadId = lead;
        contactId = contact;
        opportunityId = opportunity;
    }
    void ownerId(UUID v) { ownerId = v; }
}
