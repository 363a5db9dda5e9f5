package io.fupan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The web UI speaks both languages fully: the same keys in both message files, and every key the code names. */
class WebMessagesTest {

    private static final Path APP = Path.of("src/main/webapp/app");
    private static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z][\\w-]*(?:\\.[\\w-]+)+)'");
    private static final Pattern NAV = Pattern.compile("nav: '([\\w.]+)'");
    /** tn('key', count) picks key.one, key.other… by plural rules: key.other must exist. */
    private static final Pattern PLURAL = Pattern.compile("\\btn\\('([\\w.-]+)'");

    private static Map<String, String> messages(String locale) throws IOException {
        return new ObjectMapper().readValue(APP.resolve("i18n/" + locale + ".json").toFile(), new TypeReference<>() {});
    }

    @Test
    void messages_zhCnAndEn_haveTheSameKeysAndNoEmptyText() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> zh = messages("zh-CN");

        assertThat(zh.keySet()).isEqualTo(en.keySet());
        assertThat(en).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
        assertThat(zh).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
    }

    @Test
    void code_everyKeyItNames_isInBothLanguages() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String code = Files.readString(file);
                for (Pattern p : new Pattern[] {KEY, NAV, PLURAL}) {
                    Matcher m = p.matcher(code);
                    while (m.find()) {
                        used.add(m.group(1) + (p == PLURAL ? ".other" : ""));
                    }
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(messages("en").keySet()).containsAll(used);
        assertThat(messages("zh-CN").keySet()).containsAll(used);
    }
}
