package io.fupan.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.api.PluginConfig;
import io.fupan.api.PluginContext;
import io.fupan.api.PluginInstance;
import io.fupan.api.TenantId;
import io.fupan.api.TenantInfo;
import io.fupan.core.tenant.PluginChoice;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the host keeps in memory per tenant for its plugins (issue 5: at most 1 MB per tenant with
 * 1,000 tenants each enabling 5 plugins): the live instance of each (tenant, plugin) with its
 * context, config and choice, as {@link TenantPlugins} holds them. Plugin classes and managers are
 * per version, not per tenant, and are shared.
 */
class TenantFootprintTest {

    private static final int TENANTS = 1000;
    private static final int PLUGINS = 5;

    /** An instance that keeps its context, as a typical plugin does. */
    private record Instance(PluginContext context) implements PluginInstance {}

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void thousandTenants_fivePluginsEach_stayFarBelowOneMegabytePerTenant() {
        List<LoadedPlugin> versions = new java.util.ArrayList<>();
        for (int p = 0; p < PLUGINS; p++) {
            versions.add(new LoadedPlugin(new PluginDescriptor("plugin-" + p, "1.0.0", "Plugin " + p, null, "first-party",
                    "*", Map.of(), "{\"type\":\"object\"}", Path.of("p" + p + ".jar"), "00", null, null), null, null, null));
        }
        long before = usedHeap();
        Map<String, TenantPlugins.Active> active = new HashMap<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "tenant-" + t;
            TenantInfo info = new TenantInfo(new TenantId(tenant), "Tenant " + t, "enterprise", "Asia/Shanghai", "CNY", "zh-CN");
            for (LoadedPlugin version : versions) {
                String config = "{\"thresholdDays\": " + t + ", \"stages\": {\"negotiation\": 20, \"quote\": 14}}";
                HostedContext context = new HostedContext(version, info, null,
                        new PluginConfig(io.fupan.core.record.Json.read(config)), null, null, null);
                active.put(tenant + "/" + version.descriptor().id(), new TenantPlugins.Active(version,
                        new PluginChoice(version.descriptor().id(), true, null, config), new Instance(context)));
            }
        }
        long perTenant = (usedHeap() - before) / TENANTS;
        System.out.println("Host memory per tenant with " + PLUGINS + " enabled plugins: " + perTenant + " bytes ("
                + active.size() + " instances)");

        assertThat(active).hasSize(TENANTS * PLUGINS);
        assertThat(perTenant).isLessThan(1024 * 1024);
    }
}
