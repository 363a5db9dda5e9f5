package io.fupan.api.data;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * A signal as other plugins read it: which plugin said what of which opportunity, and when.
 *
 * @param pluginId the plugin that published it
 * @param kind what the plugin judged (its own name, e.g. {@code stalled} or {@code c139-health})
 * @see OpportunitySignal
 * @since 0.3.0
 */
public record OpportunitySignalRecord(UUID opportunityId, String pluginId, String kind, String level, BigDecimal score,
                                      String reason, String reasonZh, OffsetDateTime updatedAt) {

    /** The reason in {@code locale}: Chinese where given and asked for, else English. */
    public String reason(Locale locale) {
        return reasonZh != null && locale != null && "zh".equals(locale.getLanguage()) ? reasonZh : reason;
    }
}
