package io.fupan.core.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A tenant's choice for one plugin: enabled or not, a pinned version, its config (JSON). */
@Entity
@jakarta.persistence.Cacheable(false) // a tenant admin's change must be seen by every pod at once
@Table(name = "tenant_plugin")
@IdClass(TenantPlugin.Key.class)
public class TenantPlugin {

    /** Primary key: tenant first, as on every tenant-owned row. */
    public record Key(String tenantId, String pluginId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "tenant_id")
    private String tenantId;
    @Id
    @Column(name = "plugin_id")
    private String pluginId;
    private boolean enabled;
    private String version;
    /** jsonb; the data source sends strings untyped (stringtype=unspecified) so PostgreSQL casts it. */
    private String config;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected TenantPlugin() {}

    TenantPlugin(String tenantId, String pluginId, boolean enabled, String version, String configJson) {
        this.tenantId = tenantId;
        this.pluginId = pluginId;
        this.enabled = enabled;
        this.version = version;
        this.config = configJson;
        this.updatedAt = io.fupan.core.record.Times.now();
    }

    void choose(boolean enabled, String version, String configJson) {
        this.enabled = enabled;
        this.version = version;
        this.config = configJson;
        this.updatedAt = io.fupan.core.record.Times.now();
    }

    PluginChoice snapshot() {
        return new PluginChoice(pluginId, enabled, version, config);
    }
}
