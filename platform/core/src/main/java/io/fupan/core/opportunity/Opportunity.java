package io.fupan.core.opportunity;

import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantOwned;
import io.fupan.core.user.OwnedRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A sale in the making: an amount for an account, moving through the tenant's pipeline. Its stage
 * changes only through {@link #enter}, which keeps {@code stageEnteredAt} and {@code closedAt} in step.
 */
@Entity
@Table(name = "opportunity")
public class Opportunity extends TenantOwned implements OwnedRecord {

    @Column(name = "external_id")
    private String externalId;
    private String name;
    @Column(name = "account_id")
    private UUID accountId;
    @Column(name = "owner_id")
    private UUID ownerId;
    private BigDecimal amount;
    private String currency;
    private String channel;
    private String industry;
    private String region;
    private String stage;
    @Column(name = "stage_entered_at")
    private OffsetDateTime stageEnteredAt;
    @Column(name = "close_date")
    private LocalDate closeDate;
    @Column(name = "closed_at")
    private OffsetDateTime closedAt;
    @Column(name = "lead_id")
    private UUID leadId;
    private boolean shared;
    private String custom = "{}";

    protected Opportunity() {}

    /** A new opportunity, created at {@code at} in {@code stage}. */
    Opportunity(String name, OffsetDateTime at, String stage, boolean closed) {
        this.name = name;
        createdAt(at);
        enter(stage, at, closed);
    }

    /** The fields as the audit trail and the API name them. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("externalId", externalId);
        f.put("name", name);
        f.put("accountId", accountId);
        f.put("ownerId", ownerId);
        f.put("amount", amount);
        f.put("currency", currency);
        f.put("channel", channel);
        f.put("industry", industry);
        f.put("region", region);
        f.put("stage", stage);
        f.put("closeDate", closeDate);
        f.put("closedAt", closedAt);
        f.put("leadId", leadId);
        f.put("shared", shared);
        Json.read(custom).forEach((k, v) -> f.put("custom." + k, v));
        return f;
    }

    public String externalId() { return externalId; }
    public String name() { return name; }
    public UUID accountId() { return accountId; }
    public UUID ownerId() { return ownerId; }
    public BigDecimal amount() { return amount; }
    public String currency() { return currency; }
    public String channel() { return channel; }
    public String industry() { return industry; }
    public String region() { return region; }
    public String stage() { return stage; }
    public OffsetDateTime stageEnteredAt() { return stageEnteredAt; }
    public LocalDate closeDate() { return closeDate; }
    public OffsetDateTime closedAt() { return closedAt; }
    public UUID leadId() { return leadId; }
    public boolean shared() { return shared; }
    public Map<String, Object> custom() { return Json.read(custom); }

    /** Enters {@code stage} at {@code at}: closed (won or lost) from then on, or open again. */
    void enter(String stage, OffsetDateTime at, boolean closes) {
        this.stage = stage;
        this.stageEnteredAt = at;
        this.closedAt = closes ? at : null;
    }

    void externalId(String v) { externalId = v; }
    void name(String v) { name = v; }
    void accountId(UUID v) { accountId = v; }
    void ownerId(UUID v) { ownerId = v; }
    void amount(BigDecimal v) { amount = v; }
    void currency(String v) { currency = v; }
    void channel(String v) { channel = v; }
    void industry(String v) { industry = v; }
    void region(String v) { region = v; }
    void closeDate(LocalDate v) { closeDate = v; }
    void leadId(UUID v) { leadId = v; }
    void shared(boolean v) { shared = v; }
    void custom(Map<String, Object> v) { custom = Json.write(v); }
}
