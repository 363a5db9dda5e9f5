package io.fupan.core.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@link CsvOutput}: RFC 4180 as the import reads it. */
class CsvOutputTest {

    @Test
    void record_plainValues_areWrittenUnquotedWithCrlf() throws Exception {
        assertThat(write(StandardCharsets.UTF_8, List.of("external_id", "name"), List.of("a-1", "Acme 1")))
                .isEqualTo("external_id,name\r\na-1,Acme 1\r\n");
    }

    @Test
    void record_commaQuoteAndNewlines_areQuotedAndQuotesDoubled() throws Exception {
        assertThat(write(StandardCharsets.UTF_8, List.of("a", "b", "c", "d"),
                List.of("Sub Two, Ltd", "the \"Retail\" one", "line 1\nline 2", "cr\r\nlf")))
                .isEqualTo("a,b,c,d\r\n\"Sub Two, Ltd\",\"the \"\"Retail\"\" one\",\"line 1\nline 2\",\"cr\r\nlf\"\r\n");
    }

    @Test
    void record_nullAndEmpty_areEmptyFields() throws Exception {
        assertThat(write(StandardCharsets.UTF_8, List.of("a", "b", "c"), Arrays.asList("x", null, "")))
                .isEqualTo("a,b,c\r\nx,,\r\n");
    }

    @Test
    void record_chinese_isUtf8WithoutBom() throws Exception {
        byte[] bytes = bytes(StandardCharsets.UTF_8, List.of("name"), List.of("华东重工，有限公司"));

        assertThat(bytes).startsWith("name\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("name\r\n华东重工，有限公司\r\n");
    }

    @Test
    void record_chineseInGb18030_isReadBackAsGbk() throws Exception {
        byte[] bytes = bytes(Charset.forName("GB18030"), List.of("name"), List.of("华东重工"));

        assertThat(new String(bytes, Charset.forName("GBK"))).isEqualTo("name\r\n华东重工\r\n");
        assertThat(bytes).hasSize("name\r\n".length() + 4 * 2 + 2);
    }

    @Test
    void record_anyValue_readsBackAsWritten() throws Exception {
        List<String> nasty = List.of("", " leading", "trailing ", "#hash", "\"", ",", "\n", "a\"b,c\nd", "逗号,引号\"换行\n",
                "=1+2", "tab\there");
        String csv = write(StandardCharsets.UTF_8, nasty, nasty);

        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).toList()).containsExactlyElementsOf(nasty);
        assertThat(records.get(1).toList()).containsExactlyElementsOf(nasty);
    }

    private static String write(Charset charset, List<String> header, List<String> row) throws Exception {
        return new String(bytes(charset, header, row), charset);
    }

    private static byte[] bytes(Charset charset, List<String> header, List<String> row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvOutput csv = new CsvOutput(out, charset)) {
            csv.record(header);
            csv.record(row);
        }
        return out.toByteArray();
    }
}
