package io.fupan.core.plugin;

import io.fupan.api.ApiVersion;
import io.fupan.api.PluginFactory;
import io.fupan.api.ui.UiPanel;
import io.fupan.api.ui.UiPanels;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;

/**
 * The plugins installed on this server: every {@code *.jar} of the plugin directory
 * ({@code fupan.plugins.dir}, env {@code FUPAN_PLUGINS_DIR}) that passed {@link PluginArchive}'s
 * checks, loaded by a PF4J manager of its own, so that several versions of one plugin run side by
 * side. A jar that fails is listed in {@link #refused()} with its reason and logged; the server
 * keeps serving. {@link #rescan()} installs new jars and uninstalls removed ones without a restart.
 */
@ApplicationScoped
public class PluginCatalog {

    private static final Logger LOG = Logger.getLogger(PluginCatalog.class.getName());
    static final VersionManager VERSIONS = new DefaultVersionManager();
    /** Newest first. */
    static final Comparator<String> NEWEST_FIRST = (a, b) -> VERSIONS.compareVersions(b, a);

    /** One jar the catalog refused, and why. */
    public record Refusal(String file, String reason, OffsetDateTime at) {}

    /** What one rescan changed. */
    public record ScanResult(List<String> installed, List<String> uninstalled, List<Refusal> refused) {}

    private record Seen(FileTime modified, long size, FileTime sumModified, long sumSize) {}

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fupan.plugins.dir", defaultValue = "plugins")
    @jakarta.inject.Inject
    String directory;

    /** A folder of trusted Ed25519 keys ({@link TrustedKeys}); unset: signatures are not checked (development). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fupan.plugins.trusted-keys")
    @jakarta.inject.Inject
    Optional<String> trustedKeys;

    @jakarta.inject.Inject
    PluginInvoker invoker;

    /** The schema owner's connections: plugin migrations run through them (as the plugin's role). */
    @jakarta.annotation.Resource(lookup = "jdbc/fupanMigrations")
    javax.sql.DataSource owner;

    @ConfigProperty(name = "fupan.db.app.user", defaultValue = "fupan_app")
    @jakarta.inject.Inject
    String appRole;

    /** id → version → loaded plugin. */
    private final Map<String, Map<String, LoadedPlugin>> installed = new ConcurrentHashMap<>();
    private final Map<Path, LoadedPlugin> byFile = new ConcurrentHashMap<>();
    private final Map<Path, Refusal> refusals = new ConcurrentHashMap<>();
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();
    /** Jars refused for a missing dependency: tried again when a scan installs something. */
    private final java.util.Set<Path> awaiting = ConcurrentHashMap.newKeySet();

    /**
     * The first-party plugins shipped with this server build ({@code fupan.plugins.builtin-dir}, in the
     * server's folder): loaded like the plugin directory's, checked by checksum; they are part of the
     * server image, so no signature is asked of them.
     */
    @ConfigProperty(name = "fupan.plugins.builtin-dir")
    @jakarta.inject.Inject
    Optional<String> builtinDirectory;

    public Path directory() {
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** The folder of the plugins the server build ships, if it has one. */
    public Optional<Path> builtinDirectory() {
        return builtinDirectory == null ? Optional.empty()
                : builtinDirectory.filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath().normalize())
                .filter(Files::isDirectory);
    }

    /** Installs the jars that appeared or changed, uninstalls those that went; checks dependencies. */
    public synchronized ScanResult rescan() {
        Path dir = directory();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Refusal> refusedNow = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                LOG.warning("Plugin directory " + dir + " does not exist and cannot be created: " + e.getMessage());
                return new ScanResult(added, removed, refusedNow);
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Path folder : builtinDirectory().map(b -> List.of(b, dir)).orElse(List.of(dir))) {
            try (Stream<Path> files = Files.list(folder)) {
                jars.addAll(files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted().toList());
            } catch (IOException e) {
                LOG.warning("Cannot list the plugin directory " + folder + ": " + e.getMessage());
                return new ScanResult(added, removed, refusedNow);
            }
        }
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (!jars.contains(gone) || changed(gone)) {
                seen.remove(gone);
                refusals.remove(gone);
                awaiting.remove(gone);
                LoadedPlugin plugin = byFile.remove(gone);
                if (plugin != null) {
                    uninstall(plugin);
                    removed.add(plugin.descriptor().key());
                }
            }
        }
        for (Path jar : jars) {
            if (!seen.containsKey(jar)) {
                tryInstall(jar, added, refusedNow);
            }
        }
        // Jars that waited for a dependency get another try whenever something new was installed.
        boolean progress = !added.isEmpty();
        while (progress && !awaiting.isEmpty()) {
            int before = added.size();
            for (Path jar : new ArrayList<>(awaiting)) {
                awaiting.remove(jar);
                if (Files.isRegularFile(jar)) {
                    refusedNow.removeIf(r -> r.file().equals(jar.getFileName().toString()));
                    tryInstall(jar, added, refusedNow);
                }
            }
            progress = added.size() > before;
        }
        refusedNow.addAll(checkDependencies());
        return new ScanResult(added, removed, refusedNow);
    }

    private void tryInstall(Path jar, List<String> added, List<Refusal> refusedNow) {
        seen.put(jar, stat(jar));
        try {
            LoadedPlugin plugin = install(jar);
            byFile.put(jar, plugin);
            refusals.remove(jar);
            added.add(plugin.descriptor().key());
            LOG.info("Plugin " + plugin.descriptor().key() + " installed from " + jar.getFileName()
                    + " (tier " + plugin.descriptor().tier() + ", requires API " + plugin.descriptor().requires() + ")");
        } catch (PluginRefused e) {
            Refusal refusal = new Refusal(jar.getFileName().toString(), e.getMessage(), io.fupan.core.record.Times.now());
            refusals.put(jar, refusal);
            refusedNow.add(refusal);
            LOG.warning("Plugin " + jar.getFileName() + " refused: " + e.getMessage());
        }
    }

    /** The first dependency of {@code d} that no installed version satisfies, as a refusal reason. */
    private Optional<String> missingDependency(PluginDescriptor d) {
        for (Map.Entry<String, String> dep : d.dependencies().entrySet()) {
            boolean met = versions(dep.getKey()).stream().anyMatch(v ->
                    "*".equals(dep.getValue()) || VERSIONS.checkVersionConstraint(v.descriptor().version(), dep.getValue()));
            if (!met) {
                return Optional.of("plugin " + d.key() + " depends on plugin " + dep.getKey() + " " + dep.getValue()
                        + ", which is not installed in a fitting version");
            }
        }
        return Optional.empty();
    }

    /** Plugin versions whose dependencies went away are uninstalled, refused, and wait for them to come back. */
    private List<Refusal> checkDependencies() {
        List<Refusal> out = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Path, LoadedPlugin> e : new ArrayList<>(byFile.entrySet())) {
                Optional<String> missing = missingDependency(e.getValue().descriptor());
                if (missing.isPresent()) {
                    byFile.remove(e.getKey());
                    uninstall(e.getValue());
                    Refusal refusal = new Refusal(e.getKey().getFileName().toString(), missing.get(),
                            io.fupan.core.record.Times.now());
                    refusals.put(e.getKey(), refusal);
                    awaiting.add(e.getKey());
                    out.add(refusal);
                    LOG.warning("Plugin " + e.getKey().getFileName() + " refused: " + refusal.reason());
                    changed = true;
                }
            }
        }
        return out;
    }

    private boolean changed(Path jar) {
        Seen before = seen.get(jar);
        return before != null && Files.exists(jar) && !before.equals(stat(jar));
    }

    /** A jar counts as changed when it or its checksum file changed (appeared, grew, was rewritten). */
    private static Seen stat(Path jar) {
        Path sum = jar.resolveSibling(jar.getFileName() + PluginArchive.CHECKSUM_SUFFIX);
        try {
            boolean hasSum = Files.exists(sum);
            return new Seen(Files.getLastModifiedTime(jar), Files.size(jar),
                    hasSum ? Files.getLastModifiedTime(sum) : FileTime.fromMillis(0), hasSum ? Files.size(sum) : -1);
        } catch (IOException e) {
            return new Seen(FileTime.fromMillis(0), -1, FileTime.fromMillis(0), -1);
        }
    }

    private LoadedPlugin install(Path jar) throws PluginRefused {
        boolean builtin = builtinDirectory().filter(b -> jar.getParent().equals(b)).isPresent();
        PluginDescriptor d = PluginArchive.read(jar, ApiVersion.CURRENT, builtin ? TrustedKeys.NONE
                : trustedKeys.filter(k -> !k.isBlank()).map(k -> TrustedKeys.load(Path.of(k))).orElse(TrustedKeys.NONE));
        Optional<String> missing = missingDependency(d);
        if (missing.isPresent()) {
            awaiting.add(jar);
            throw new PluginRefused(missing.get());
        }
        Map<String, LoadedPlugin> versions = installed.get(d.id());
        if (versions != null && versions.containsKey(d.version())) {
            throw new PluginRefused("plugin " + d.key() + " is installed already, from "
                    + versions.get(d.version()).descriptor().jar().getFileName());
        }
        if (d.migrations() != null) {
            migrate(d);
        }
        HostPluginManager manager = new HostPluginManager(directory(), ApiVersion.CURRENT);
        try {
            String id = manager.loadPlugin(jar);
            if (!d.id().equals(id)) {
                throw new PluginRefused("PF4J read the plugin id '" + id + "', the descriptor says '" + d.id() + "'");
            }
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                throw new PluginRefused("PF4J could not start the plugin (state " + state + ")");
            }
            PluginWrapper wrapper = manager.getPlugin(id);
            List<PluginFactory> factories = manager.getExtensions(PluginFactory.class, id);
            if (factories.size() != 1) {
                throw new PluginRefused("the plugin must have exactly one PluginFactory extension, it has "
                        + factories.size());
            }
            PluginFactory factory = factories.get(0);
            PluginUiAssets ui = PluginUiAssets.read(jar);
            List<UiPanel> panels = List.of();
            if (factory instanceof UiPanels declared) {
                panels = panels(d, declared, wrapper.getPluginClassLoader());
                ui.check(panels);
            }
            LoadedPlugin plugin = new LoadedPlugin(d, manager, factory, wrapper.getPluginClassLoader(), panels, ui);
            installed.computeIfAbsent(d.id(), k -> new ConcurrentHashMap<>()).put(d.version(), plugin);
            return plugin;
        } catch (PluginRefused e) {
            discard(manager);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            discard(manager);
            LOG.log(Level.FINE, "loading " + jar + " failed", e);
            throw new PluginRefused("loading its classes failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The panels a factory declares, asked once with the plugin's class loader; a throw refuses the jar. */
    private static List<UiPanel> panels(PluginDescriptor d, UiPanels declared, ClassLoader loader) throws PluginRefused {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            List<UiPanel> panels = declared.panels();
            return panels == null ? List.of() : List.copyOf(panels);
        } catch (RuntimeException e) {
            throw new PluginRefused("its UI panels could not be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Runs the plugin's migrations on its own schema, before any of its code loads; a refusal says why. */
    private void migrate(PluginDescriptor d) throws PluginRefused {
        if (owner == null) {
            throw new PluginRefused("it declares tables (Fupan-Migrations) but this server has no database for them");
        }
        Path scripts = null;
        try {
            scripts = Files.createTempDirectory("fupan-plugin-" + d.id() + "-");
            PluginArchive.extractMigrations(d, scripts);
            int ran = io.fupan.pluginsql.PluginSchema.of(d.id()).migrate(owner, "filesystem:" + scripts, null, appRole);
            if (ran > 0) {
                LOG.info("Plugin " + d.key() + ": " + ran + " migration(s) of its tables applied");
            }
        } catch (io.fupan.pluginsql.PluginSchema.Refused e) {
            throw new PluginRefused(e.getMessage());
        } catch (IOException e) {
            throw new PluginRefused("cannot read its migrations: " + e.getMessage());
        } finally {
            if (scripts != null) {
                try (Stream<Path> files = Files.walk(scripts)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    LOG.log(Level.FINE, "removing " + scripts, e);
                }
            }
        }
    }

    private void uninstall(LoadedPlugin plugin) {
        PluginDescriptor d = plugin.descriptor();
        Map<String, LoadedPlugin> versions = installed.get(d.id());
        if (versions != null) {
            versions.remove(d.version(), plugin);
            if (versions.isEmpty()) {
                installed.remove(d.id(), versions);
            }
        }
        discard(plugin.manager());
        if (invoker != null) {
            invoker.retire(plugin); // its threads end; calls still running are interrupted
        }
        LOG.info("Plugin " + d.key() + " uninstalled");
    }

    /** Stops and unloads each plugin by id (PF4J's stopPlugins() trips over its own list, pf4j #656). */
    private static void discard(HostPluginManager manager) {
        for (PluginWrapper w : new ArrayList<>(manager.getPlugins())) {
            try {
                if (w.getPluginState() == PluginState.STARTED) {
                    manager.stopPlugin(w.getPluginId());
                }
                manager.unloadPlugin(w.getPluginId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unloading plugin " + w.getPluginId() + " failed", e);
            }
        }
    }

    /** Installed versions of {@code id}, newest first. */
    public List<LoadedPlugin> versions(String id) {
        Map<String, LoadedPlugin> versions = installed.getOrDefault(id, Map.of());
        List<LoadedPlugin> list = new ArrayList<>(versions.values());
        list.sort((a, b) -> NEWEST_FIRST.compare(a.descriptor().version(), b.descriptor().version()));
        return list;
    }

    public Optional<LoadedPlugin> newest(String id) {
        return versions(id).stream().findFirst();
    }

    public Optional<LoadedPlugin> find(String id, String version) {
        return Optional.ofNullable(installed.getOrDefault(id, Map.of()).get(version));
    }

    /** Ids of installed plugins, sorted. */
    public List<String> ids() {
        return installed.keySet().stream().sorted().toList();
    }

    /** Every installed version, by id then newest first. */
    public Map<String, List<LoadedPlugin>> all() {
        Map<String, List<LoadedPlugin>> all = new LinkedHashMap<>();
        ids().forEach(id -> all.put(id, versions(id)));
        return all;
    }

    /** The jars refused and why, by file name. */
    public List<Refusal> refused() {
        return refusals.values().stream().sorted(Comparator.comparing(Refusal::file)).toList();
    }

    /** Unloads everything (application stop). */
    public synchronized void close() {
        new HashMap<>(byFile).values().forEach(this::uninstall);
        byFile.clear();
        seen.clear();
    }
}
