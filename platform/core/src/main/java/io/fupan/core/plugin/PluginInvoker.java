package io.fupan.core.plugin;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The one door into plugin code. Each call runs on a thread of the plugin version's own bounded pool
 * (threads from the server's managed thread factory, so transactions and data sources work there),
 * with the plugin's class loader as context class loader, within a time budget. A throw becomes
 * {@link PluginCallException.Kind#FAILED}, running past the budget {@link PluginCallException.Kind#TIMEOUT}
 * (the thread is interrupted and the caller freed at once), a full pool {@link PluginCallException.Kind#BUSY};
 * each outcome is counted in the metric {@code fupan_plugin_calls_total{plugin, version, outcome}}.
 * A plugin that misbehaves can only exhaust its own pool.
 */
@ApplicationScoped
public class PluginInvoker {

    private static final Logger LOG = Logger.getLogger(PluginInvoker.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "fupan.plugins.call-timeout-ms", defaultValue = "2000")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "fupan.plugins.threads", defaultValue = "4")
    int threadsPerPlugin;

    @Inject
    @ConfigProperty(name = "fupan.plugins.queue", defaultValue = "32")
    int queuePerPlugin;

    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor timer;

    /** When the plugin call running on this thread must end ({@link System#nanoTime()}); unset outside calls. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    /** What a thread of a plugin's own (outside any call) may spend on one database statement. */
    private static final long OUTSIDE_CALLS_MS = 60_000;

    /**
     * How long the plugin call on this thread may still run, in milliseconds: statements that plugin
     * code issues time out then. On a thread the plugin started itself, {@value #OUTSIDE_CALLS_MS} ms.
     */
    public static long remainingMillis() {
        Long deadline = DEADLINE.get();
        return deadline == null ? OUTSIDE_CALLS_MS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    /** How many event deliveries the dispatcher may have running or queued per plugin version at once. */
    public int eventCapacity() {
        return Math.max(1, threadsPerPlugin + queuePerPlugin / 2);
    }

    /** The time budget of one call. */
    public Duration budget() {
        return Duration.ofMillis(timeoutMs);
    }

    /** Calls {@code work} as plugin code of {@code plugin}, within {@link #budget()}. */
    public <T> T call(LoadedPlugin plugin, String what, Callable<T> work) {
        return call(plugin, what, budget(), work);
    }

    /**
     * Calls {@code work} as plugin code of {@code plugin}, within {@code budget}, and waits for the
     * outcome (at most the budget).
     */
    public <T> T call(LoadedPlugin plugin, String what, Duration budget, Callable<T> work) {
        CompletableFuture<T> outcome = submit(plugin, what, budget, work);
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw (PluginCallException) e.getCause();
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginCallException(PluginCallException.Kind.TIMEOUT, plugin.descriptor().key(),
                    "The call to plugin " + plugin.descriptor().key() + " was interrupted.", e);
        }
    }

    /**
     * Starts {@code work} as plugin code of {@code plugin} and returns at once: the future completes
     * with the result, or exceptionally with a {@link PluginCallException} when the plugin throws, its
     * pool is full, or {@code budget} passes (then the plugin's thread is interrupted). The caller's
     * thread is never held: REST calls into plugins use this, so a hanging plugin holds none of the
     * server's request threads.
     */
    public <T> CompletableFuture<T> submit(LoadedPlugin plugin, String what, Duration budget, Callable<T> work) {
        String key = plugin.descriptor().key();
        ThreadPoolExecutor pool = pools.computeIfAbsent(key, k -> newPool());
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Future<?> task;
        try {
            task = pool.submit(() -> {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(plugin.classLoader());
                DEADLINE.set(System.nanoTime() + budget.toNanos());
                try {
                    T result = work.call();
                    if (outcome.complete(result)) {
                        count(plugin, "ok");
                    }
                } catch (Throwable cause) {
                    if (cause instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    if (outcome.isDone()) {
                        return; // timed out already
                    }
                    if (outcome.completeExceptionally(new PluginCallException(PluginCallException.Kind.FAILED, key,
                            // The plugin's own message only: no class names or stack traces reach the caller (they are in the log).
                            "Plugin " + key + " failed in " + what + (cause.getMessage() == null ? "." : ": " + cause.getMessage()),
                            cause))) {
                        count(plugin, "failed");
                        LOG.log(Level.WARNING, "Plugin " + key + " failed in " + what + ": " + cause, cause);
                    }
                } finally {
                    DEADLINE.remove();
                    thread.setContextClassLoader(before);
                }
            });
        } catch (RejectedExecutionException e) {
            count(plugin, "busy");
            outcome.completeExceptionally(new PluginCallException(PluginCallException.Kind.BUSY, key, "Plugin " + key
                    + " is busy: all of its " + threadsPerPlugin + " threads and " + queuePerPlugin
                    + " queue places are taken. Try again shortly.", null));
            return outcome;
        }
        ScheduledFuture<?> timer = timer().schedule(() -> {
            if (outcome.completeExceptionally(new PluginCallException(PluginCallException.Kind.TIMEOUT, key,
                    "Plugin " + key + " did not answer " + what + " within its time budget of " + budget.toMillis()
                            + " ms.", null))) {
                task.cancel(true);
                count(plugin, "timeout");
                LOG.warning("Plugin " + key + " ran past its budget of " + budget.toMillis() + " ms in " + what);
            }
        }, budget.toMillis(), TimeUnit.MILLISECONDS);
        outcome.whenComplete((r, e) -> timer.cancel(false));
        return outcome;
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (this) {
                if (timer == null) {
                    timer = new ScheduledThreadPoolExecutor(1, threads);
                    timer.setRemoveOnCancelPolicy(true);
                }
                t = timer;
            }
        }
        return t;
    }

    /** Ends the pool of an uninstalled plugin version; its running calls are interrupted. */
    void retire(LoadedPlugin plugin) {
        ThreadPoolExecutor pool = pools.remove(plugin.descriptor().key());
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private ThreadPoolExecutor newPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threadsPerPlugin, threadsPerPlugin, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queuePerPlugin), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void count(LoadedPlugin plugin, String outcome) {
        try {
            metrics.counter("fupan_plugin_calls", new Tag("plugin", plugin.descriptor().id()),
                    new Tag("version", plugin.descriptor().version()), new Tag("outcome", outcome)).inc();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "plugin metric", e);
        }
    }

    @PreDestroy
    void stop() {
        pools.values().forEach(ThreadPoolExecutor::shutdownNow);
        pools.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
