package io.fupan.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.api.ui.UiPanel;
import io.fupan.api.ui.UiSlot;
import io.fupan.core.tenant.InstallationConfig;
import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.tenant.TenantStatus;
import io.fupan.core.tenant.config.PlanDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which UI panels a user of a tenant gets ({@link TenantPlugins#panels}): those of the plugins the
 * tenant enabled and its plan allows, in the version it pinned (else the newest), for the user's roles.
 */
class TenantPanelsTest {

    private static final Map<String, String> TITLE = Map.of("en", "T", "zh-CN", "标");

    private static LoadedPlugin plugin(String id, String version, String tier, UiPanel... panels) {
        PluginDescriptor d = new PluginDescriptor(id, version, id, null, tier, ">=0.3.0", Map.of(), null,
                Path.of(id + "-" + version + ".jar"), "ab".repeat(32), null, null);
        return new LoadedPlugin(d, null, null, null, List.of(panels), PluginUiAssets.none());
    }

    private final List<LoadedPlugin> installed = List.of(
            plugin("alpha", "1.0.0", "first-party", new UiPanel("old", UiSlot.PAGE, TITLE, "old.js")),
            plugin("alpha", "2.0.0", "first-party", new UiPanel("page", UiSlot.PAGE, TITLE, "page.js"),
                    new UiPanel("managers", UiSlot.OPPORTUNITY_DETAIL, TITLE, "m.js", Set.of("sales_manager", "tenant_admin"))),
            plugin("beta", "1.0.0", "first-party", new UiPanel("score", UiSlot.LEAD_DETAIL, TITLE, "score.js")),
            plugin("gamma", "1.0.0", "partner", new UiPanel("partner", UiSlot.PAGE, TITLE, "p.js")));

    private TenantPlugins host(List<PluginChoice> choices) {
        TenantPlugins plugins = new TenantPlugins();
        plugins.catalog = new PluginCatalog() {
            @Override
            public Optional<LoadedPlugin> newest(String id) {
                return installed.stream().filter(p -> p.descriptor().id().equals(id)).reduce((a, b) -> b);
            }

            @Override
            public Optional<LoadedPlugin> find(String id, String version) {
                return installed.stream().filter(p -> p.descriptor().id().equals(id) && p.descriptor().version().equals(version)).findFirst();
            }
        };
        plugins.registry = new TenantRegistry() {
            @Override
            public Optional<RegisteredTenant> find(String tenantId) {
                return Optional.of(new RegisteredTenant(tenantId, "T", "std", TenantStatus.ACTIVE, "UTC", "CNY", "en"));
            }

            @Override
            public List<PluginChoice> pluginChoices(String tenantId) {
                return choices;
            }
        };
        plugins.installation = new InstallationConfig() {
            @Override
            public Optional<PlanDefinition> plan(String id) {
                return Optional.of(new PlanDefinition(id, Map.of(Locale.ENGLISH, "Standard"),
                        new PlanDefinition.PluginAllowance(List.of("first-party"), List.of(), Map.of()),
                        new PlanDefinition.Limits(10, 1000, 100, 1000, 10)));
            }
        };
        return plugins;
    }

    private static List<String> ids(List<UiPanelView> views) {
        return views.stream().map(v -> v.plugin() + "@" + v.version() + "/" + v.id() + ":" + v.slot()).toList();
    }

    @Test
    void panels_ofEnabledAllowedPlugins_inTheTenantsVersion_forTheUsersRoles() {
        TenantPlugins host = host(List.of(
                new PluginChoice("beta", true, null, "{}"),
                new PluginChoice("alpha", true, null, "{}"),       // newest: 2.0.0
                new PluginChoice("gamma", true, null, "{}")));     // the plan does not allow partner plugins

        assertThat(ids(host.panels("t1", Set.of("sales_rep")))).containsExactly(
                "alpha@2.0.0/page:page", "beta@1.0.0/score:lead-detail");
        assertThat(ids(host.panels("t1", Set.of("sales_manager")))).containsExactly(
                "alpha@2.0.0/page:page", "alpha@2.0.0/managers:opportunity-detail", "beta@1.0.0/score:lead-detail");
        UiPanelView page = host.panels("t1", Set.of()).get(0);
        assertThat(page.assets()).isEqualTo("plugin-ui/alpha/2.0.0/abababababab/");
        assertThat(page.module()).isEqualTo("page.js");
        assertThat(page.title()).containsEntry("zh-CN", "标");
    }

    @Test
    void panels_followThePinnedVersion_andLeaveOutDisabledAndUninstalledPlugins() {
        TenantPlugins host = host(List.of(
                new PluginChoice("alpha", true, "1.0.0", "{}"),
                new PluginChoice("beta", false, null, "{}"),
                new PluginChoice("delta", true, null, "{}")));   // enabled once, no longer installed

        assertThat(ids(host.panels("t1", Set.of("tenant_admin")))).containsExactly("alpha@1.0.0/old:page");
        assertThat(host(List.of()).panels("t1", Set.of("tenant_admin"))).isEmpty();
    }
}
