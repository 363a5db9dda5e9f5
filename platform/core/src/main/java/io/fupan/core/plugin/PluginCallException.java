package io.fupan.core.plugin;

/**
 * A call into plugin code that did not return normally: it threw, ran past its time budget, or
 * found the plugin's pool full. The REST layer answers it with a problem for that call only.
 */
public final class PluginCallException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The plugin threw (502). */
        FAILED,
        /** The plugin ran past its time budget (504); its thread was interrupted. */
        TIMEOUT,
        /** The plugin's bounded pool had no room (503). */
        BUSY
    }

    private final Kind kind;
    private final String pluginKey;

    PluginCallException(Kind kind, String pluginKey, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.pluginKey = pluginKey;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code id@version} of the plugin called. */
    public String pluginKey() {
        return pluginKey;
    }
}
