package io.fupan.core.tenant;

import io.fupan.core.pipeline.DefaultPipeline;
import io.fupan.core.pipeline.PipelineStage;
import io.fupan.core.record.Json;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.tenant.config.TenantDefinition;
import io.fupan.core.tenant.config.TenantPluginSetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import io.fupan.core.tenancy.InTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants of this installation: who exists, whether they may work, on which plan, and which
 * plugins each has chosen. Request filters ask it for every call, so a tenant is kept in memory for
 * {@link #FRESH} and dropped at once when this server changes it: another pod sees a suspension
 * within that second, this one immediately.
 */
@ApplicationScoped
public class TenantRegistry {

    /** The platform's own table {@code tenant} (no tenant discriminator, no row-level security). */
    @PersistenceContext(unitName = "fupan")
    EntityManager em;

    @Inject
    TenantData data;

    /** How long a looked-up tenant is trusted without asking the database again. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private record Known(Optional<RegisteredTenant> tenant, long until) {}

    private final Map<String, Known> recent = new ConcurrentHashMap<>();

    public Optional<RegisteredTenant> find(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Known known = recent.get(tenantId);
        if (known != null && now - known.until() < 0) {
            return known.tenant();
        }
        Optional<RegisteredTenant> tenant = Optional.ofNullable(em.find(Tenant.class, tenantId)).map(Tenant::snapshot);
        if (recent.size() > 10_000) {
            recent.clear();
        }
        recent.put(tenantId, new Known(tenant, now + FRESH.toNanos()));
        return tenant;
    }

    private void forget(String tenantId) {
        recent.remove(tenantId);
    }

    public List<RegisteredTenant> all() {
        return em.createQuery("select t from Tenant t order by t.id", Tenant.class).getResultList().stream()
                .map(Tenant::snapshot)
                .toList();
    }

    /** The tenant's plugin choices, enabled or not, by plugin id. */
    @InTransaction
    public List<PluginChoice> pluginChoices(String tenantId) {
        return data.em(tenantId).createQuery(
                        "select p from TenantPlugin p where p.tenantId = :tenant order by p.pluginId", TenantPlugin.class)
                .setParameter("tenant", tenantId)
                .getResultList().stream()
                .map(TenantPlugin::snapshot)
                .toList();
    }

    /** The tenant's choice for one plugin, if it ever made one (or tenant-config seeded one). */
    @InTransaction
    public Optional<PluginChoice> pluginChoice(String tenantId, String pluginId) {
        return Optional.ofNullable(data.em(tenantId).find(TenantPlugin.class, new TenantPlugin.Key(tenantId, pluginId)))
                .map(TenantPlugin::snapshot);
    }

    /**
     * Writes the tenant's choice for one plugin (the activation table is the truth after seeding);
     * {@code version} null follows the newest installed version.
     */
    @InTransaction
    public PluginChoice choosePlugin(String tenantId, String pluginId, boolean enabled, String version,
                                     Map<String, Object> config) {
        EntityManager tenantEm = data.em(tenantId);
        TenantPlugin row = tenantEm.find(TenantPlugin.class, new TenantPlugin.Key(tenantId, pluginId));
        if (row == null) {
            row = new TenantPlugin(tenantId, pluginId, enabled, version, Json.write(config));
            tenantEm.persist(row);
        } else {
            row.choose(enabled, version, Json.write(config));
        }
        tenantEm.flush();
        return row.snapshot();
    }

    /**
     * Makes the registry hold a tenant of the tenant-config files: created or updated to match its
     * file (name, plan, status, zone, currency, locale), given the default pipeline if it has none;
     * its plugin choices are written only where the tenant has none yet for that plugin, so that
     * what a tenant admin chose later survives a restart. One transaction per tenant.
     */
    @InTransaction
    public void seed(TenantDefinition def) {
        register(def, "config");
    }

    /** Creates or updates the tenant of {@code def} (see {@link #seed}); {@code source} says who defined it. */
    @InTransaction
    public void register(TenantDefinition def, String source) {
        forget(def.id());
        Tenant tenant = em.find(Tenant.class, def.id());
        if (tenant == null) {
            tenant = new Tenant(def.id(), source);
            em.persist(tenant);
        }
        tenant.update(def.name(), def.plan(), TenantStatus.valueOf(def.status().name()),
                def.timeZone().getId(), def.currency().getCurrencyCode(), def.locale().toLanguageTag());
        em.flush(); // the tenant row first: the rows below refer to it
        EntityManager tenantEm = data.em(def.id());
        ensurePipeline(tenantEm);
        for (TenantPluginSetting plugin : def.plugins()) {
            if (tenantEm.find(TenantPlugin.class, new TenantPlugin.Key(def.id(), plugin.id())) == null) {
                tenantEm.persist(new TenantPlugin(def.id(), plugin.id(), plugin.enabled(), plugin.version(),
                        Json.write(plugin.config())));
            }
        }
    }

    /** Renames, re-plans, suspends or reactivates a tenant; its users' next request sees the change. */
    @InTransaction
    public RegisteredTenant update(String tenantId, String name, String plan, TenantStatus status) {
        forget(tenantId);
        Tenant tenant = em.find(Tenant.class, tenantId);
        RegisteredTenant now = tenant.snapshot();
        tenant.update(name, plan, status, now.timeZone(), now.currency(), now.locale());
        em.flush();
        return tenant.snapshot();
    }

    private static void ensurePipeline(EntityManager tenantEm) {
        long stages = tenantEm.createQuery("select count(s) from PipelineStage s", Long.class).getSingleResult();
        if (stages == 0) {
            DefaultPipeline.stages().forEach(tenantEm::persist);
        }
    }
}
