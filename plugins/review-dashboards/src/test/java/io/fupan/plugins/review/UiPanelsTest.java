package io.fupan.plugins.review;

import io.fupan.testkit.plugin.UiPanelChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plugin's UI panels: each module is in ui/ and exports mount; the panel titles and the messages
 * of ui/i18n speak both languages, with every key the modules name.
 */
class UiPanelsTest {

    @Test
    void panels_andTheirMessages_areComplete() throws Exception {
        UiPanelChecks.check(new ReviewDashboardsPlugin(), Path.of("src/main/resources/ui"));
    }
}
