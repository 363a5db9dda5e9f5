package io.fupan.tools.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.testkit.stack.StartupException;
import org.junit.jupiter.api.Test;

/** The FUPAN_DEMO_DATA setting: which tenants get how much demo data. */
class DemoLoaderTest {

    @Test
    void tenants_unset_loadsTheFullYearIntoAcmeAndLumen() {
        assertThat(DemoLoader.tenants(null)).extracting(DemoLoader.Tenant::id, DemoLoader.Tenant::opportunities,
                DemoLoader.Tenant::admin).containsExactly(
                org.assertj.core.groups.Tuple.tuple("acme", 0, "admin@acme.example"),
                org.assertj.core.groups.Tuple.tuple("lumen", 0, "admin@lumen.example"));
        assertThat(DemoLoader.tenants("full")).hasSize(2);
    }

    @Test
    void tenants_none_loadsNothing() {
        assertThat(DemoLoader.tenants("none")).isEmpty();
    }

    @Test
    void tenants_aNumber_sizesAcmeAndGivesLumenAFifth() {
        assertThat(DemoLoader.tenants("100")).extracting(DemoLoader.Tenant::opportunities).containsExactly(100, 20);
    }

    @Test
    void tenants_nonsense_refusesWithOneLine() {
        assertThatThrownBy(() -> DemoLoader.tenants("lots")).isInstanceOf(StartupException.class)
                .hasMessage("FUPAN_DEMO_DATA=lots is not full, none or a number of opportunities (1 or more).");
        assertThatThrownBy(() -> DemoLoader.tenants("0")).isInstanceOf(StartupException.class);
    }
}
