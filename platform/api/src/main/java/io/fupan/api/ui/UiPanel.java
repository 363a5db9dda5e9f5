package io.fupan.api.ui;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One panel a plugin contributes to the web UI.
 *
 * @param id unique within the plugin: lower-case letters, digits and hyphens, starting with a letter
 *           (at most 40), e.g. {@code review}; the UI names the panel's route and elements after it
 * @param slot where the panel appears
 * @param titles the panel's title by language tag ({@code en} required, e.g. {@code zh-CN} too): the
 *               navigation entry, tab or section heading; the UI falls back to {@code en}
 * @param module the ES module that draws the panel, a path below the jar's {@code ui/} folder ending in
 *               {@code .js}, e.g. {@code review.js}; it exports {@code mount(el, ctx)}
 * @param roles the roles that see the panel (any of them); empty for every user of the tenant
 * @since 0.3.0
 */
public record UiPanel(String id, UiSlot slot, Map<String, String> titles, String module, Set<String> roles) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.[A-Za-z0-9_-]+)*\\.js");

    public UiPanel {
        Objects.requireNonNull(slot, "slot");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a panel id is lower-case letters, digits and hyphens, starting with a letter"
                    + " (at most 40); was " + id);
        }
        if (titles == null || titles.get("en") == null || titles.get("en").isBlank()) {
            throw new IllegalArgumentException("panel " + id + " needs an English title (titles.en)");
        }
        titles = Map.copyOf(titles);
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("panel " + id + ": module is a path below ui/ ending in .js"
                    + " (letters, digits, _ - . and /, no ..); was " + module);
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A panel every user of the tenant sees. */
    public UiPanel(String id, UiSlot slot, Map<String, String> titles, String module) {
        this(id, slot, titles, module, Set.of());
    }

    /** The title in {@code languageTag} (e.g. {@code zh-CN}), else in English. */
    public String title(String languageTag) {
        return titles.getOrDefault(languageTag, titles.get("en"));
    }
}
