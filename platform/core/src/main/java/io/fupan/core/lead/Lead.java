package io.fupan.core.lead;

import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantOwned;
import io.fupan.core.user.OwnedRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A prospective customer before a sale is in view; once converted it points at what it became. */
@Entity
@Table(name = "lead")
public class Lead extends TenantOwned implements OwnedRecord {

    @Column(name = "external_id")
    private String externalId;
    private String name;
    private String company;
    private String email;
    private String phone;
    private String channel;
    private String industry;
    private String region;
    private Integer employees;
    private String status;
    @Column(name = "status_changed_at")
    private OffsetDateTime statusChangedAt;
    @Column(name = "owner_id")
    private UUID ownerId;
    @Column(name = "converted_account_id")
    private UUID convertedAccountId;
    @Column(name = "converted_contact_id")
    private UUID convertedContactId;
    @Column(name = "converted_opportunity_id")
    private UUID convertedOpportunityId;
    private boolean shared;
    private String custom = "{}";
    protected Lead() {}

    Lead(String name) {
        this.name = name;
    }

    /** The fields as the audit trail and the API name them. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("externalId", externalId);
        f.put("name", name);
        f.put("company", company);
        f.put("email", email);
        f.put("phone", phone);
        f.put("channel", channel);
        f.put("industry", industry);
        f.put("region", region);
        f.put("employees", employees);
        f.put("status", status);
        f.put("ownerId", ownerId);
        f.put("convertedAccountId", convertedAccountId);
        f.put("convertedContactId", convertedContactId);
        f.put("convertedOpportunityId", convertedOpportunityId);
        f.put("shared", shared);
        Json.read(custom).forEach((k, v) -> f.put("custom." + k, v));
        return f;
    }

    public String externalId() { return externalId; }
    public String name() { return name; }
    public String company() { return company; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String channel() { return channel; }
    public String industry() { return industry; }
    public String region() { return region; }
    public Integer employees() { return employees; }
    public String status() { return status; }

    public OffsetDateTime statusChangedAt() { return statusChangedAt; }
    public UUID ownerId() { return ownerId; }
    public UUID convertedAccountId() { return convertedAccountId; }
    public UUID convertedContactId() { return convertedContactId; }
    public UUID convertedOpportunityId() { return convertedOpportunityId; }
    public boolean shared() { return shared; }
    public Map<String, Object> custom() { return Json.read(custom); }

    boolean is(LeadStatus s) { return s.key().equals(status); }

    void externalId(String v) { externalId = v; }
    void name(String v) { name = v; }
    void company(String v) { company = v; }
    void email(String v) { email = v; }
    void phone(String v) { phone = v; }
    void channel(String v) { channel = v; }
    void industry(String v) { industry = v; }
    void region(String v) { region = v; }
    void employees(Integer v) { employees = v; }
    void ownerId(UUID v) { ownerId = v; }
    void shared(boolean v) { shared = v; }
    void custom(Map<String, Object> v) { custom = Json.write(v); }

    /** Enters {@code next} at {@code at}; the caller writes the history row. */
    void enter(LeadStatus next, OffsetDateTime at) {
        status = next.key();
        statusChangedAt = at;
    }

    void converted(UUID accountId, UUID contactId, UUID opportunityId) {
        convertedAccountId = accountId;
        convertedContactId = contactId;
        convertedOpportunityId = opportunityId;
    }
}
