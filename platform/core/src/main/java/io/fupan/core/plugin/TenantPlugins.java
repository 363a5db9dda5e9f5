package io.fupan.core.plugin;

import io.fupan.core.i18n.Messages;
import io.fupan.api.PluginConfig;
import io.fupan.api.PluginInstance;
import io.fupan.api.TenantId;
import io.fupan.api.TenantInfo;
import io.fupan.core.error.DomainException;
import io.fupan.core.record.Json;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenant.InstallationConfig;
import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.tenant.config.PlanDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-tenant activation of plugins: which plugins a tenant's plan allows, which it enabled, in which
 * version and with which config (the {@code tenant_plugin} table, seeded from tenant-config, is the
 * truth), and the live {@link PluginInstance} of each (tenant, plugin). Every change takes effect on
 * the next call, without a restart: a call reads the tenant's choice and makes a new instance when
 * the choice (version or config) changed, so every pod follows the table.
 */
@ApplicationScoped
public class TenantPlugins {

    private static final Logger LOG = Logger.getLogger(TenantPlugins.class.getName());

    @Inject
    PluginCatalog catalog;
    @Inject
    PluginInvoker invoker;
    @Inject
    PluginData data;
    @Inject
    PluginWrites writes;
    /** Application-role connections outside JTA: plugin tables' statements. */
    @jakarta.annotation.Resource(lookup = "jdbc/fupanPlugins")
    javax.sql.DataSource pluginDb;
    @Inject
    TenantRegistry registry;
    @Inject
    InstallationConfig installation;

    /** A tenant's running plugin: the version and config it was made for, and the instance. */
    public record Active(LoadedPlugin plugin, PluginChoice choice, PluginInstance instance) {}

    private final Map<String, Active> active = new ConcurrentHashMap<>();

    /** Installed plugins the tenant's plan allows, with the tenant's choices. */
    public List<PluginView> list(String tenantId) {
        RegisteredTenant tenant = tenant(tenantId);
        Map<String, PluginChoice> choices = new LinkedHashMap<>();
        registry.pluginChoices(tenantId).forEach(c -> choices.put(c.pluginId(), c));
        List<PluginView> views = new ArrayList<>();
        for (String id : catalog.ids()) {
            PluginView view = view(tenant, id, choices.get(id));
            if (view != null && view.allowed()) {
                views.add(view);
            }
        }
        return views;
    }

    /** One installed plugin as the tenant sees it (also when its plan does not allow it: {@code allowed} false). */
    public PluginView get(String tenantId, String pluginId) {
        RegisteredTenant tenant = tenant(tenantId);
        PluginView view = view(tenant, pluginId, registry.pluginChoice(tenantId, pluginId).orElse(null));
        if (view == null) {
            throw new DomainException.NotFound("plugin", pluginId);
        }
        return view;
    }

    /**
     * Enables, disables, pins or configures a plugin for the tenant (tenant admins only). Enabling
     * needs the plan's permission (403 with the reason); the version must be installed and the config
     * must fit that version's schema (422, fields {@code version} / {@code config.<path>}).
     */
    public PluginView change(String tenantId, Actor actor, String pluginId, PluginChange change) {
        if (!actor.isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.pluginsAdminOnly"));
        }
        RegisteredTenant tenant = tenant(tenantId);
        List<LoadedPlugin> versions = catalog.versions(pluginId);
        if (versions.isEmpty()) {
            throw new DomainException.NotFound("plugin", pluginId);
        }
        Optional<PluginChoice> current = registry.pluginChoice(tenantId, pluginId);
        boolean enabled = change.enabled() != null ? change.enabled() : current.map(PluginChoice::enabled).orElse(false);
        String version = change.versionSent() ? change.version() : current.map(PluginChoice::version).orElse(null);
        Map<String, Object> config = change.config() != null ? change.config()
                : current.map(c -> Json.read(c.configJson())).orElseGet(LinkedHashMap::new);
        LoadedPlugin target;
        if (version == null) {
            target = versions.get(0);
        } else {
            target = catalog.find(pluginId, version).orElseThrow(() -> new DomainException.Invalid("version",
                    Messages.get("plugin.versionMissing", version, pluginId,
                            String.join(", ", versions.stream().map(v -> v.descriptor().version()).toList()))));
        }
        if (enabled) {
            PlanDefinition plan = plan(tenant);
            if (!plan.plugins().allows(pluginId, target.descriptor().tier())) {
                throw new DomainException.Forbidden(Messages.get("plugin.notInPlan", tenant.plan(), pluginId,
                        target.descriptor().tier(), allowance(plan)));
            }
            target.validate(config);
        }
        registry.choosePlugin(tenantId, pluginId, enabled, version, config);
        retire(tenantId, pluginId);
        return get(tenantId, pluginId);
    }

    /**
     * The tenant's running instance of the plugin, made (through the invoker) if the tenant's choice
     * changed since the last call; empty when the tenant has not enabled it, its plan no longer allows
     * it, or its version is not installed — the plugin's endpoints then answer 404.
     */
    public Optional<Active> active(String tenantId, String pluginId) {
        Optional<PluginChoice> choice = registry.pluginChoice(tenantId, pluginId).filter(PluginChoice::enabled);
        if (choice.isEmpty()) {
            retire(tenantId, pluginId);
            return Optional.empty();
        }
        Optional<LoadedPlugin> plugin = version(choice.get());
        if (plugin.isEmpty()) {
            active.remove(tenantId + "/" + pluginId); // its version was uninstalled: nothing left to close it with
            return Optional.empty();
        }
        RegisteredTenant tenant = tenant(tenantId);
        if (!plan(tenant).plugins().allows(pluginId, plugin.get().descriptor().tier())) {
            return Optional.empty();
        }
        String key = tenantId + "/" + pluginId;
        Active known = active.get(key);
        if (known != null && known.plugin() == plugin.get() && known.choice().equals(choice.get())) {
            return Optional.of(known);
        }
        synchronized (this) {
            known = active.get(key);
            if (known != null && known.plugin() == plugin.get() && known.choice().equals(choice.get())) {
                return Optional.of(known);
            }
            LoadedPlugin p = plugin.get();
            PlanDefinition plan = plan(tenant);
            HostedContext context = new HostedContext(p, new TenantInfo(new TenantId(tenant.id()), tenant.name(),
                    tenant.plan(), tenant.timeZone(), tenant.currency(), tenant.locale()),
                    plan.plugins().edition(pluginId).orElse(null),
                    new PluginConfig(Json.read(choice.get().configJson())), data, writes, pluginDb);
            PluginInstance instance = invoker.call(p, "create", () -> p.factory().create(context));
            if (instance == null) {
                throw new PluginCallException(PluginCallException.Kind.FAILED, p.descriptor().key(),
                        "Plugin " + p.descriptor().key() + " made no instance (its factory returned null).", null);
            }
            Active made = new Active(p, choice.get(), instance);
            Active old = active.put(key, made);
            if (old != null) {
                close(old);
            }
            return Optional.of(made);
        }
    }

    /**
     * The UI panels of the plugins at work for the tenant — enabled by it, allowed by its plan, in the
     * version it pinned (else the newest installed) — that a user with {@code roles} may see: plugins by
     * id, each plugin's panels in its own order. Made without creating instances: panels belong to the
     * plugin version.
     */
    public List<UiPanelView> panels(String tenantId, java.util.Set<String> roles) {
        RegisteredTenant tenant = tenant(tenantId);
        PlanDefinition plan = plan(tenant);
        List<UiPanelView> views = new ArrayList<>();
        registry.pluginChoices(tenantId).stream()
                .filter(PluginChoice::enabled)
                .sorted(java.util.Comparator.comparing(PluginChoice::pluginId))
                .forEach(choice -> version(choice)
                        .filter(p -> plan.plugins().allows(choice.pluginId(), p.descriptor().tier()))
                        .ifPresent(p -> p.panels().stream()
                                .filter(panel -> panel.roles().isEmpty() || panel.roles().stream().anyMatch(roles::contains))
                                .forEach(panel -> views.add(UiPanelView.of(p, panel)))));
        return views;
    }

    private Optional<LoadedPlugin> version(PluginChoice choice) {
        return choice.version() == null ? catalog.newest(choice.pluginId()) : catalog.find(choice.pluginId(), choice.version());
    }

    /** Every instance running now (the event dispatcher and the job runner walk them). */
    public List<Active> running() {
        return List.copyOf(active.values());
    }

    private void retire(String tenantId, String pluginId) {
        Active old = active.remove(tenantId + "/" + pluginId);
        if (old != null) {
            close(old);
        }
    }

    private void close(Active old) {
        try {
            invoker.call(old.plugin(), "close", () -> {
                old.instance().close();
                return null;
            });
        } catch (PluginCallException e) {
            LOG.log(Level.FINE, "closing a plugin instance failed", e);
        }
    }

    private PluginView view(RegisteredTenant tenant, String pluginId, PluginChoice choice) {
        List<LoadedPlugin> versions = catalog.versions(pluginId);
        if (versions.isEmpty()) {
            return null;
        }
        PlanDefinition plan = plan(tenant);
        String pinned = choice == null ? null : choice.version();
        LoadedPlugin shown = pinned == null ? versions.get(0) : catalog.find(pluginId, pinned).orElse(versions.get(0));
        boolean enabled = choice != null && choice.enabled();
        PluginDescriptor d = shown.descriptor();
        return new PluginView(pluginId, d.name(), d.description(), enabled ? (pinned != null ? pinned : d.version()) : null,
                pinned != null, versions.stream().map(v -> v.descriptor().version()).toList(), enabled, d.tier(),
                plan.plugins().allows(pluginId, d.tier()), plan.plugins().edition(pluginId).orElse(null),
                shown.configSchema(), choice == null ? Map.of() : Json.read(choice.configJson()));
    }

    private RegisteredTenant tenant(String tenantId) {
        return registry.find(tenantId).orElseThrow(() -> new DomainException.NotFound("tenant", tenantId));
    }

    private PlanDefinition plan(RegisteredTenant tenant) {
        return installation.plan(tenant.plan()).orElseThrow(() ->
                new IllegalStateException("tenant " + tenant.id() + " has plan " + tenant.plan() + ", which is not defined"));
    }

    private static String allowance(PlanDefinition plan) {
        List<String> parts = new ArrayList<>();
        if (!plan.plugins().tiers().isEmpty()) {
            parts.add(Messages.get("plugin.allowTiers", String.join(", ", plan.plugins().tiers())));
        }
        if (!plan.plugins().include().isEmpty()) {
            parts.add(String.join(", ", plan.plugins().include()));
        }
        return parts.isEmpty() ? Messages.get("plugin.allowNone")
                : parts.size() == 1 ? parts.get(0) : Messages.get("plugin.allowBoth", parts.get(0), parts.get(1));
    }
}
