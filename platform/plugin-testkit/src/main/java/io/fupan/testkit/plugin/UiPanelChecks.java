package io.fupan.testkit.plugin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.ui.UiPanel;
import io.fupan.api.ui.UiPanels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks of a plugin's UI panels before any server sees them, for a plugin's own tests: each panel's
 * module is in the {@code ui/} folder and exports {@code mount}, its titles speak en and zh-CN, and the
 * messages of {@code ui/i18n/en.json} and {@code zh-CN.json} have the same keys, none blank, with every
 * key the modules name in {@code t('…')}.
 */
public final class UiPanelChecks {

    private static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z][\\w-]*(?:\\.[\\w-]+)+)'");

    private UiPanelChecks() {}

    /** @param ui the plugin's ui folder in its sources, e.g. {@code src/main/resources/ui} */
    public static void check(UiPanels plugin, Path ui) throws IOException {
        List<String> problems = new ArrayList<>();
        List<UiPanel> panels = plugin.panels();
        if (panels.isEmpty()) {
            problems.add("the plugin declares no panel");
        }
        for (UiPanel p : panels) {
            Path module = ui.resolve(p.module());
            if (!Files.isRegularFile(module)) {
                problems.add("panel " + p.id() + ": no module " + module);
            } else if (!Files.readString(module).contains("export async function mount(")) {
                problems.add("panel " + p.id() + ": " + module + " exports no async mount(el, ctx)");
            }
            if (!p.titles().keySet().equals(Set.of("en", "zh-CN"))) {
                problems.add("panel " + p.id() + ": titles in " + p.titles().keySet() + ", not en and zh-CN");
            }
        }
        Map<String, String> en = messages(ui, "en");
        Map<String, String> zh = messages(ui, "zh-CN");
        if (!en.keySet().equals(zh.keySet())) {
            Set<String> onlyEn = new TreeSet<>(en.keySet());
            onlyEn.removeAll(zh.keySet());
            Set<String> onlyZh = new TreeSet<>(zh.keySet());
            onlyZh.removeAll(en.keySet());
            problems.add("messages only in en: " + onlyEn + "; only in zh-CN: " + onlyZh);
        }
        en.forEach((k, v) -> { if (v == null || v.isBlank()) problems.add("en message " + k + " is blank"); });
        zh.forEach((k, v) -> { if (v == null || v.isBlank()) problems.add("zh-CN message " + k + " is blank"); });
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ui)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.removeAll(en.keySet());
        if (!used.isEmpty()) {
            problems.add("the modules name messages that ui/i18n lacks: " + used);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    private static Map<String, String> messages(Path ui, String locale) throws IOException {
        return new ObjectMapper().readValue(ui.resolve("i18n/" + locale + ".json").toFile(), new TypeReference<>() {});
    }
}
