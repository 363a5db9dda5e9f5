package io.fupan.core.contact;

import io.fupan.core.tenancy.TenantOwned;
import io.fupan.core.user.OwnedRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A person at a customer: works for an account, may report to another contact, plays a buying role. */
@Entity
@Table(name = "contact")
public class Contact extends TenantOwned implements OwnedRecord {

    @Column(name = "external_id")
    private String externalId;
    private String name;
    @Column(name = "account_id")
    private UUID accountId;
    private String title;
    private String department;
    private String email;
    private String phone;
    @Column(name = "reports_to_id")
    private UUID reportsToId;
    @Column(name = "buying_role")
    private String buyingRole;
    @Column(name = "owner_id")
    private UUID ownerId;
    private boolean shared;

    protected Contact() {}

    Contact(String name) {
        this.name = name;
    }

    /** The fields as the audit trail and the API name them. */
    Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("externalId", externalId);
        f.put("name", name);
        f.put("accountId", accountId);
        f.put("title", title);
        f.put("department", department);
        f.put("email", email);
        f.put("phone", phone);
        f.put("reportsToId", reportsToId);
        f.put("buyingRole", buyingRole);
        f.put("ownerId", ownerId);
        f.put("shared", shared);
        return f;
    }

    public String externalId() { return externalId; }
    public String name() { return name; }
    public UUID accountId() { return accountId; }
    public String title() { return title; }
    public String department() { return department; }
    public String email() { return email; }
    public String phone() { return phone; }
    public UUID reportsToId() { return reportsToId; }
    public String buyingRole() { return buyingRole; }
    public UUID ownerId() { return ownerId; }
    public boolean shared() { return shared; }

    void externalId(String v) { externalId = v; }
    void name(String v) { name = v; }
    void accountId(UUID v) { accountId = v; }
    void title(String v) { title = v; }
    void department(String v) { department = v; }
    void email(String v) { email = v; }
    void phone(String v) { phone = v; }
    void reportsToId(UUID v) { reportsToId = v; }
    void buyingRole(String v) { buyingRole = v; }
    void ownerId(UUID v) { ownerId = v; }
    void shared(boolean v) { shared = v; }
}
