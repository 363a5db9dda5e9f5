package io.fupan.core.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's two languages: negotiation from Accept-Language, and both bundles complete. */
class MessagesTest {

    @AfterEach
    void reset() {
        Messages.use(null);
    }

    @Test
    void negotiate_firstSpokenLanguageWins_anyChineseIsZhCn_noneIsEnglish() {
        assertThat(Messages.negotiate(Collections.enumeration(List.of(Locale.FRANCE, Locale.TRADITIONAL_CHINESE, Locale.US))))
                .isEqualTo(Messages.ZH_CN);
        assertThat(Messages.negotiate(Collections.enumeration(List.of(Locale.UK, Locale.SIMPLIFIED_CHINESE)))).isEqualTo(Messages.EN);
        assertThat(Messages.negotiate(Collections.enumeration(List.of(Locale.JAPAN)))).isEqualTo(Messages.EN);
        assertThat(Messages.negotiate(null)).isEqualTo(Messages.EN);
    }

    @Test
    void get_followsTheThreadsLanguage_andFillsArguments() {
        assertThat(Messages.get("problem.notFound", Messages.kind("account"), "42")).isEqualTo("There is no account with id 42.");
        Messages.use(Messages.ZH_CN);
        assertThat(Messages.get("problem.notFound", Messages.kind("account"), "42")).isEqualTo("不存在 ID 为 42 的客户。");
        assertThat(Messages.get("field.uuid", "x")).isEqualTo("必须是 ID（UUID），而不是“x”");
        Messages.use(null);
        assertThat(Messages.get("field.uuid", "x")).isEqualTo("must be an id (UUID), not 'x'");
        assertThat(Messages.get("problem.invalidToken")).contains("installation's Keycloak");
    }

    @Test
    void movedLiterals_keepTheirEnglishWording_quotesAndBracesIncluded() {
        assertThat(Messages.get("list.sortBy", "colour", "createdAt, name")).isEqualTo("cannot sort by 'colour'; sortable: createdAt, name");
        assertThat(Messages.get("custom.inUse", "3", Messages.kind("lead"), "region")).isEqualTo("3 lead record(s) still have a"
                + " value for custom attribute 'region'; clear it (send \"custom\": {\"region\": null}) before deleting the attribute.");
        assertThat(Messages.get("pipeline.wonAfterOpen")).endsWith("after every open stage's");
        assertThat(Messages.get("lead.convertedDelete", "7")).contains("for the funnel's figures");
        assertThat(Messages.get("list.between", "1", "500")).isEqualTo("must be between 1 and 500");
        Messages.use(Messages.ZH_CN);
        assertThat(Messages.get("custom.inUse", "3", Messages.kind("lead"), "region"))
                .isEqualTo("仍有 3 条线索记录填写了自定义字段“region”；请先清空该值（发送 \"custom\": {\"region\": null}）再删除该字段。");
        assertThat(Messages.get("access.ownerOnly", Messages.kind("opportunity"))).isEqualTo("只有该商机的负责人才能修改。");
    }

    @Test
    void kind_unknownToTheBundles_staysAsGiven() {
        Messages.use(Messages.ZH_CN);
        assertThat(Messages.kind("widget")).isEqualTo("widget");
    }

    @Test
    void bundles_zhCnAndEnglish_haveTheSameKeys() throws IOException {
        assertThat(keys("io/fupan/core/i18n/messages_zh_CN.properties")).isEqualTo(keys("io/fupan/core/i18n/messages.properties"));
        assertThat(keys("ValidationMessages_zh_CN.properties"))
                .containsAll(keys("ValidationMessages.properties"));
    }

    private static java.util.Set<Object> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p.keySet();
    }
}
