package io.fupan.api.job;

import java.util.List;

/**
 * A capability of a {@link io.fupan.api.PluginInstance}: jobs the host runs for its tenant on a
 * schedule, each run within the plugin's time budget.
 *
 * @since 0.1.0
 */
public interface JobProvider {

    /** The jobs of this instance; asked once when the instance is created. */
    List<ScheduledJob> jobs();
}
