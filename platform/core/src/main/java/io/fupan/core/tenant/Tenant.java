package io.fupan.core.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A row of the tenant registry. Only {@link TenantRegistry} touches it; others see {@link RegisteredTenant}. */
@Entity
@jakarta.persistence.Cacheable(false) // a suspension must be seen by every pod at once, not after a cache expires
@Table(name = "tenant")
public class Tenant {

    @Id
    private String id;
    private String name;
    private String plan;
    private String status;
    @Column(name = "time_zone")
    private String timeZone;
    private String currency;
    private String locale;
    private String source;
    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;
    @Version
    private long version;

    protected Tenant() {}

    Tenant(String id, String source) {
        this.id = id;
        this.source = source;
    }

    void update(String name, String plan, TenantStatus status, String timeZone, String currency, String locale) {
        this.name = name;
        this.plan = plan;
        this.status = status.code();
        this.timeZone = timeZone;
        this.currency = currency;
        this.locale = locale;
        this.updatedAt = io.fupan.core.record.Times.now();
    }

    RegisteredTenant snapshot() {
        return new RegisteredTenant(id, name, plan, TenantStatus.ofCode(status), timeZone, currency, locale);
    }
}
