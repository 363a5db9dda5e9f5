package io.fupan.core.plugin;

/** Why a plugin file was not installed: one sentence an operator can act on. */
final class PluginRefused extends Exception {

    PluginRefused(String reason) {
        super(reason, null, false, false);
    }
}
