package io.fupan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void new_wellFormedId_keepsValue() {
        assertThat(new TenantId("acme-cn2").value()).isEqualTo("acme-cn2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Acme", "1acme", "acme_cn", "acme cn", "-acme"})
    void new_malformedId_throwsNamingTheValue(String bad) {
        assertThatThrownBy(() -> new TenantId(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + bad + "\"");
        assertThat(TenantId.isValid(bad)).isFalse();
    }
}
