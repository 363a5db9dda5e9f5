package io.fupan.core.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.core.custom.CustomAttribute;
import io.fupan.core.custom.CustomAttribute.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The column a custom attribute is exported in must bring the import back to the same key. */
class CustomColumnNamesTest {

    private static final List<String> STANDARD = ExportKind.KINDS.get("leads").names();

    @Test
    void customColumn_labelThatImportsAsTheKey_isTheLabel() {
        assertThat(ExportChunks.customColumn(attribute("budget_2025", "Budget 2025"), STANDARD)).isEqualTo("Budget 2025");
        assertThat(ExportChunks.customColumn(attribute("c_2024", "2024"), STANDARD)).isEqualTo("2024");
    }

    @Test
    void customColumn_labelThatImportsAsAnotherKey_isTheKey() {
        assertThat(ExportChunks.customColumn(attribute("budget", "Annual budget"), STANDARD)).isEqualTo("budget");
        assertThat(ExportChunks.customColumn(attribute("budget", "预算"), STANDARD)).isEqualTo("budget");
    }

    @Test
    void customColumn_keyOfAStandardColumn_isNotExported() {
        assertThat(ExportChunks.customColumn(attribute("company", "Company"), STANDARD)).isNull();
    }

    @Test
    void importKey_asTheImporterMakesIt() {
        assertThat(ExportChunks.importKey("Source Detail (web)")).isEqualTo("source_detail_web");
        assertThat(ExportChunks.importKey("  2024 ")).isEqualTo("c_2024");
        assertThat(ExportChunks.importKey("预算")).isEmpty();
    }

    private static CustomAttribute attribute(String key, String labelEn) {
        return new CustomAttribute("lead", key, Type.TEXT, labelEn, labelEn, null);
    }
}
