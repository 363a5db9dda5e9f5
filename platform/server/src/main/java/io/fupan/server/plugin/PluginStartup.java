package io.fupan.server.plugin;

import io.fupan.core.plugin.PluginCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Installs the plugins of the plugin directory at start-up, then looks for new, changed or removed
 * jars every {@code fupan.plugins.scan-seconds} (0: never; {@code POST /admin/plugins/rescan} still works),
 * delivers the event outbox every {@code fupan.events.poll-ms} and starts due plugin jobs every
 * {@code fupan.plugins.job-poll-seconds}.
 */
@ApplicationScoped
public class PluginStartup {

    private static final Logger LOG = Logger.getLogger(PluginStartup.class.getName());

    @Inject
    PluginCatalog catalog;

    @Inject
    io.fupan.core.plugin.EventDispatcher events;

    @Inject
    @ConfigProperty(name = "fupan.events.poll-ms", defaultValue = "100")
    long eventPollMs;

    private ScheduledFuture<?> delivery;

    @Inject
    io.fupan.core.plugin.PluginJobs jobs;

    @Inject
    @ConfigProperty(name = "fupan.plugins.job-poll-seconds", defaultValue = "5")
    int jobPollSeconds;

    private ScheduledFuture<?> jobRuns;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "fupan.plugins.scan-seconds", defaultValue = "5")
    int scanSeconds;

    private ScheduledFuture<?> scans;

    @Inject
    io.fupan.core.plugin.EventStore outbox;

    /** How long delivered events stay in the outbox (they are history for nobody after that). */
    @Inject
    @ConfigProperty(name = "fupan.events.retention-days", defaultValue = "7")
    int retentionDays;

    private ScheduledFuture<?> pruning;

    // After PlatformStartup (LIBRARY_BEFORE): plugins install into a migrated schema.
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class) Object event) {
        var result = catalog.rescan();
        LOG.info("Plugins in " + catalog.directory() + ": " + result.installed().size() + " installed "
                + result.installed() + ", " + result.refused().size() + " refused");
        delivery = scheduler.scheduleWithFixedDelay(() -> {
            try {
                events.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event delivery round failed", e);
            }
        }, 1000, eventPollMs, TimeUnit.MILLISECONDS);
        pruning = scheduler.scheduleWithFixedDelay(() -> {
            try {
                long gone;
                long total = 0;
                do {
                    gone = outbox.prune(retentionDays, 10_000);
                    total += gone;
                } while (gone == 10_000);
                if (total > 0) {
                    LOG.info("Event outbox: " + total + " delivered events older than " + retentionDays + " days removed");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pruning the event outbox failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
        jobRuns = scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin job round failed", e);
            }
        }, jobPollSeconds, jobPollSeconds, TimeUnit.SECONDS);
        if (scanSeconds > 0) {
            scans = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    catalog.rescan();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "plugin directory scan failed", e);
                }
            }, scanSeconds, scanSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (scans != null) {
            scans.cancel(false);
        }
        if (delivery != null) {
            delivery.cancel(false);
        }
        if (jobRuns != null) {
            jobRuns.cancel(false);
        }
        if (pruning != null) {
            pruning.cancel(false);
        }
        catalog.close();
    }
}
