package io.fupan.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.api.ui.UiPanel;
import io.fupan.api.ui.UiSlot;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a plugin jar's ui/ folder: what is kept and served, and the check of declared panels. */
class PluginUiAssetsTest {

    @TempDir
    Path dir;

    private Path jar(Map<String, byte[]> entries) throws Exception {
        Path jar = dir.resolve("p-" + System.nanoTime() + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, new Manifest())) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_keepsTheUiFolderOnly_withMediaTypes() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ui/page.js", text("export async function mount(el, ctx) {}"));
        entries.put("ui/i18n/en.json", text("{}"));
        entries.put("ui/lib/chart.mjs", text("export const x = 1;"));
        entries.put("ui/notes.txt", text("not served"));
        entries.put("config-schema.json", text("{}"));
        entries.put("io/example/Plugin.class", new byte[] {1, 2, 3});
        PluginUiAssets ui = PluginUiAssets.read(jar(entries));

        assertThat(ui.size()).isEqualTo(3);
        assertThat(ui.get("page.js")).hasValueSatisfying(a -> {
            assertThat(a.mediaType()).isEqualTo("text/javascript; charset=utf-8");
            assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).contains("mount");
        });
        assertThat(ui.get("i18n/en.json")).hasValueSatisfying(a -> assertThat(a.mediaType()).startsWith("application/json"));
        assertThat(ui.get("lib/chart.mjs")).isPresent();
        for (String absent : List.of("notes.txt", "ui/page.js", "../config-schema.json", "config-schema.json",
                "io/example/Plugin.class", "/page.js", "")) {
            assertThat(ui.get(absent)).as(absent).isEmpty();
        }
    }

    @Test
    void read_refusesAFolderPastTheLimit() throws Exception {
        byte[] big = new byte[(int) (PluginUiAssets.MAX_BYTES / 2 + 1)];
        Path jar = jar(Map.of("ui/a.js", big, "ui/b.js", big));
        assertThatThrownBy(() -> PluginUiAssets.read(jar)).isInstanceOf(PluginRefused.class).hasMessageContaining("ui/");
    }

    @Test
    void check_refusesAMissingModuleAndARepeatedId() throws Exception {
        PluginUiAssets ui = PluginUiAssets.read(jar(Map.of("ui/page.js", text("export async function mount() {}"))));
        UiPanel page = new UiPanel("page", UiSlot.PAGE, Map.of("en", "Page"), "page.js");

        ui.check(List.of(page));
        assertThatThrownBy(() -> ui.check(List.of(new UiPanel("other", UiSlot.LEAD_DETAIL, Map.of("en", "Other"), "other.js"))))
                .isInstanceOf(PluginRefused.class).hasMessageContaining("ui/other.js");
        assertThatThrownBy(() -> ui.check(List.of(page, page))).isInstanceOf(PluginRefused.class).hasMessageContaining("twice");
    }

    @Test
    void panel_refusesIdsAndModulesThatCouldLeaveTheFolder() {
        Map<String, String> en = Map.of("en", "T");
        assertThatThrownBy(() -> new UiPanel("p", UiSlot.PAGE, en, "../x.js")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UiPanel("p", UiSlot.PAGE, en, "/abs.js")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UiPanel("p", UiSlot.PAGE, en, "a\\b.js")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UiPanel("p", UiSlot.PAGE, en, "x.css")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UiPanel("P/1", UiSlot.PAGE, en, "x.js")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UiPanel("p", UiSlot.PAGE, Map.of("zh-CN", "页"), "x.js")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new UiPanel("p", UiSlot.PAGE, Map.of("en", "Page", "zh-CN", "页"), "sub/x.js").title("fr")).isEqualTo("Page");
    }
}
