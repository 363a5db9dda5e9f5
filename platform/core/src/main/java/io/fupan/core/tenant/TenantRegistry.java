package io.fupan.core.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.core.tenant.config.TenantConfig;
import io.fupan.core.tenant.config.TenantDefinition;
import io.fupan.core.tenant.config.TenantPluginSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The tenants of this installation: who exists, whether they may work, on which plan, and which
 * plugins each has chosen. Request filters ask it for every call, so lookups stay cheap
 * (one primary-key read; rows are not cached so that every pod sees a suspension at once).
 */
@ApplicationScoped
public class TenantRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "fupan")
    EntityManager em;

    public Optional<RegisteredTenant> find(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Tenant.class, tenantId)).map(Tenant::snapshot);
    }

    public List<RegisteredTenant> all() {
        return em.createQuery("select t from Tenant t order by t.id", Tenant.class).getResultList().stream()
                .map(Tenant::snapshot)
                .toList();
    }

    /** The tenant's plugin choices, enabled or not, by plugin id. */
    public List<PluginChoice> pluginChoices(String tenantId) {
        return em.createQuery(
                        "select p from TenantPlugin p where p.tenantId = :tenant order by p.pluginId", TenantPlugin.class)
                .setParameter("tenant", tenantId)
                .getResultList().stream()
                .map(TenantPlugin::snapshot)
                .toList();
    }

    /**
     * Makes the registry hold the tenants of the tenant-config files: a tenant defined there is
     * created or updated to match its file (name, plan, status, zone, currency, locale); its plugin
     * choices are written only where the tenant has none yet for that plugin, so that what a
     * tenant admin chose later survives a restart. Tenants created through the API are untouched.
     */
    @Transactional
    public void seed(TenantConfig config) {
        for (TenantDefinition def : config.tenants()) {
            Tenant tenant = em.find(Tenant.class, def.id());
            if (tenant == null) {
                tenant = new Tenant(def.id(), "config");
                em.persist(tenant);
            }
            tenant.update(def.name(), def.plan(), TenantStatus.valueOf(def.status().name()),
                    def.timeZone().getId(), def.currency().getCurrencyCode(), def.locale().toLanguageTag());
            for (TenantPluginSetting plugin : def.plugins()) {
                if (em.find(TenantPlugin.class, new TenantPlugin.Key(def.id(), plugin.id())) == null) {
                    em.persist(new TenantPlugin(def.id(), plugin.id(), plugin.enabled(), plugin.version(),
                            toJson(plugin.config())));
                }
            }
        }
    }

    private static String toJson(Object config) {
        try {
            return JSON.writeValueAsString(config == null ? java.util.Map.of() : config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("plugin config is not JSON-serialisable", e);
        }
    }
}
