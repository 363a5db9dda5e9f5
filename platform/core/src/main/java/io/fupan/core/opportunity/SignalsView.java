package io.fupan.core.opportunity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the plugins the tenant has enabled judge of an opportunity (health indicators, risk data
 * providers): worst level first.
 */
public record SignalsView(List<Signal> items) {

    /** One plugin's signal of one kind; {@code reason} is in the caller's language where the plugin gave it. */
    public record Signal(String pluginId, String kind, String level, BigDecimal score, String reason,
                         OffsetDateTime updatedAt) {}
}
