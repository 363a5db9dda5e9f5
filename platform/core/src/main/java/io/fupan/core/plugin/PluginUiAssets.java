package io.fupan.core.plugin;

import io.fupan.api.ui.UiPanel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The files of a plugin jar's {@code ui/} folder (its panels' modules, their messages and what they
 * import), read once when the version is installed and kept in memory: the host serves them from this
 * map only, so a request can name nothing outside the folder, and nothing the folder does not hold.
 * Only the types below are kept (anything else in the folder is not served).
 */
public final class PluginUiAssets {

    /** The folder in the jar. */
    public static final String FOLDER = "ui/";
    /** The most the folder may hold: code and messages, not media libraries. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** One file: its media type and bytes. */
    public record Asset(String mediaType, byte[] bytes) {}

    private static final PluginUiAssets NONE = new PluginUiAssets(Map.of());

    private final Map<String, Asset> files;

    private PluginUiAssets(Map<String, Asset> files) {
        this.files = Map.copyOf(files);
    }

    static PluginUiAssets none() {
        return NONE;
    }

    /** The file at {@code path} below {@code ui/} (e.g. {@code review.js}, {@code i18n/en.json}), if the jar has it. */
    public Optional<Asset> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** How many files are kept. */
    public int size() {
        return files.size();
    }

    /** Reads the {@code ui/} folder of {@code jar}; refuses a folder past {@link #MAX_BYTES}. */
    static PluginUiAssets read(Path jar) throws PluginRefused {
        Map<String, Asset> files = new TreeMap<>();
        long total = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(FOLDER) || name.contains("..") || name.contains("\\")) {
                    continue;
                }
                String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT));
                if (type == null) {
                    continue;
                }
                try (InputStream in = file.getInputStream(e)) {
                    byte[] bytes = in.readNBytes((int) Math.min(MAX_BYTES + 1, Integer.MAX_VALUE));
                    total += bytes.length;
                    if (total > MAX_BYTES) {
                        throw new PluginRefused("its ui/ folder holds more than " + MAX_BYTES / 1024 / 1024 + " MB");
                    }
                    files.put(name.substring(FOLDER.length()), new Asset(type, bytes));
                }
            }
        } catch (IOException e) {
            throw new PluginRefused("cannot read its ui/ folder: " + e.getMessage());
        }
        return files.isEmpty() ? NONE : new PluginUiAssets(files);
    }

    /** Checks the panels a factory declared: ids unique, each module in the folder. */
    void check(List<UiPanel> panels) throws PluginRefused {
        Set<String> ids = new HashSet<>();
        for (UiPanel p : panels) {
            if (p == null) {
                throw new PluginRefused("its UiPanels lists a null panel");
            }
            if (!ids.add(p.id())) {
                throw new PluginRefused("it declares the UI panel '" + p.id() + "' twice");
            }
            if (!files.containsKey(p.module())) {
                throw new PluginRefused("its UI panel '" + p.id() + "' names the module " + FOLDER + p.module()
                        + ", which is not in the jar");
            }
        }
    }
}
