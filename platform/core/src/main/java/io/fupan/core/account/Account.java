package io.fupan.core.account;

import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantOwned;
import io.fupan.core.user.OwnedRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A customer organisation; may be a subsidiary of a parent account. */
@Entity
@Table(name = "account")
public class Account extends TenantOwned implements OwnedRecord {

    @Column(name = "external_id")
    private String externalId;
    private String name;
    private String industry;
    private String region;
    private Integer employees;
    @Column(name = "annual_revenue")
    private BigDecimal annualRevenue;
    private String tier;
    @Column(name = "parent_id")
    private UUID parentId;
    @Column(name = "owner_id")
    private UUID ownerId;
    private boolean shared;
    private String custom = "{}";

    protected Account() {}

    Account(String name) {
        this.name = name;
    }

    /** The fields as the audit trail and the API name them. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("externalId", externalId);
        f.put("name", name);
        f.put("industry", industry);
        f.put("region", region);
        f.put("employees", employees);
        f.put("annualRevenue", annualRevenue);
        f.put("tier", tier);
        f.put("parentId", parentId);
        f.put("ownerId", ownerId);
        f.put("shared", shared);
        Json.read(custom).forEach((k, v) -> f.put("custom." + k, v));
        return f;
    }

    public String externalId() { return externalId; }
    public String name() { return name; }
    public String industry() { return industry; }
    public String region() { return region; }
    public Integer employees() { return employees; }
    public BigDecimal annualRevenue() { return annualRevenue; }
    public String tier() { return tier; }
    public UUID parentId() { return parentId; }
    public UUID ownerId() { return ownerId; }
    public boolean shared() { return shared; }
    public Map<String, Object> custom() { return Json.read(custom); }

    void externalId(String v) { externalId = v; }
    void name(String v) { name = v; }
    void industry(String v) { industry = v; }
    void region(String v) { region = v; }
    void employees(Integer v) { employees = v; }
    void annualRevenue(BigDecimal v) { annualRevenue = v; }
    void tier(String v) { tier = v; }
    void parentId(UUID v) { parentId = v; }
    void ownerId(UUID v) { ownerId = v; }
    void shared(boolean v) { shared = v; }
    void custom(Map<String, Object> v) { custom = Json.write(v); }
}
