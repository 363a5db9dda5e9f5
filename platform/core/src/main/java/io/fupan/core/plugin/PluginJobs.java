package io.fupan.core.plugin;

import io.fupan.api.PluginInstance;
import io.fupan.api.job.JobProvider;
import io.fupan.api.job.ScheduledJob;
import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs plugins' scheduled jobs for every active tenant that enabled the plugin. {@link #tick()} (the
 * server calls it every few seconds) claims each due run in the database, so that among several
 * pods exactly one runs it, and starts it through the invoker with the job budget
 * ({@code fupan.plugins.job-timeout-ms}); the tick never waits for a job.
 */
@ApplicationScoped
public class PluginJobs {

    private static final Logger LOG = Logger.getLogger(PluginJobs.class.getName());

    @Inject
    TenantRegistry registry;
    @Inject
    TenantPlugins plugins;
    @Inject
    PluginInvoker invoker;
    @Inject
    JobStore store;

    @Inject
    @ConfigProperty(name = "fupan.plugins.job-timeout-ms", defaultValue = "60000")
    long jobTimeoutMs;

    /** The jobs each instance declared, asked once per instance. */
    private final Map<PluginInstance, List<ScheduledJob>> declared = new WeakHashMap<>();

    /** One round over every active tenant; how many job runs it started. */
    public synchronized int tick() {
        int started = 0;
        for (RegisteredTenant tenant : registry.all()) {
            if (!tenant.active()) {
                continue;
            }
            for (PluginChoice choice : registry.pluginChoices(tenant.id())) {
                if (choice.enabled()) {
                    started += run(tenant.id(), choice.pluginId());
                }
            }
        }
        return started;
    }

    private int run(String tenantId, String pluginId) {
        Optional<TenantPlugins.Active> active;
        try {
            active = plugins.active(tenantId, pluginId);
        } catch (PluginCallException e) {
            return 0;
        }
        if (active.isEmpty() || !(active.get().instance() instanceof JobProvider provider)) {
            return 0;
        }
        TenantPlugins.Active a = active.get();
        List<ScheduledJob> jobs = declared.get(a.instance());
        if (jobs == null) {
            try {
                jobs = invoker.call(a.plugin(), "jobs", provider::jobs);
            } catch (PluginCallException e) {
                return 0;
            }
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
            declared.put(a.instance(), jobs);
        }
        int started = 0;
        for (ScheduledJob job : jobs) {
            if (!store.claim(tenantId, pluginId, job.name(), job.every())) {
                continue;
            }
            started++;
            invoker.submit(a.plugin(), "job " + job.name(), Duration.ofMillis(jobTimeoutMs), () -> {
                job.task().run();
                return null;
            }).whenComplete((ok, error) -> {
                try {
                    store.ended(tenantId, pluginId, job.name(), error == null ? null : error.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "recording a job's end failed", e);
                }
            });
        }
        return started;
    }
}
