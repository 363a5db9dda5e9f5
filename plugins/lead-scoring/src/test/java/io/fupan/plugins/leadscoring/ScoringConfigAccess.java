package io.fupan.plugins.leadscoring;

import io.fupan.api.PluginConfig;
import java.util.Map;

/** The default configuration, for benchmarks outside this package. */
public final class ScoringConfigAccess {

    private ScoringConfigAccess() {}

    /** What a tenant gets with an empty config. */
    public static ScoringConfig defaults() {
        return ScoringConfig.of(new PluginConfig(Map.of()));
    }
}
