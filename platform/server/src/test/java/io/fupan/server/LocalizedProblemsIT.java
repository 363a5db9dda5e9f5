package io.fupan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Problems speak the caller's language (Accept-Language: zh-CN or en, English by default): titles,
 * details and field messages of Bean Validation and of the core's own checks. Their type, status and
 * field paths are the same in both languages.
 */
@ExtendWith(FupanServerExtension.class)
class LocalizedProblemsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedJson_inChinese_hasChineseTitleAndDetail(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");

        HttpResponse<String> zh = send(stack, "POST", "/leads", rep, "zh-CN,zh;q=0.9,en;q=0.8", "{\"name\": ");
        HttpResponse<String> en = send(stack, "POST", "/leads", rep, "en-US", "{\"name\": ");

        JsonNode zhProblem = problem(zh, 400);
        JsonNode enProblem = problem(en, 400);
        assertThat(zhProblem.get("type").asText()).isEqualTo(enProblem.get("type").asText()).endsWith("/malformed-body");
        assertThat(zhProblem.get("title").asText()).isEqualTo("请求有误");
        assertThat(zhProblem.get("detail").asText()).startsWith("请求体不是有效的 JSON");
        assertThat(zh.headers().firstValue("Content-Language")).hasValue("zh-CN");
        assertThat(enProblem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(enProblem.get("detail").asText()).startsWith("The body is not valid JSON");
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
    }

    @Test
    void tooLongString_inChinese_isAChineseFieldMessage(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        String body = "{\"name\":\"" + "长".repeat(201) + "\"}";

        JsonNode zh = problem(send(stack, "POST", "/accounts", rep, "zh-CN", body), 422);
        JsonNode en = problem(send(stack, "POST", "/accounts", rep, "en", body), 422);

        assertThat(zh.get("type").asText()).isEqualTo(en.get("type").asText()).endsWith("/validation");
        assertThat(zh.get("title").asText()).isEqualTo("输入有误");
        assertThat(zh.get("detail").asText()).isEqualTo("部分字段有误。");
        assertThat(message(zh, "name")).isEqualTo("长度必须在 0 到 200 之间");
        assertThat(en.get("title").asText()).isEqualTo("Unprocessable Content");
        assertThat(message(en, "name")).isEqualTo("size must be between 0 and 200");
    }

    @Test
    void unknownStage_inChinese_namesTheStagesInChinese(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");

        JsonNode zh = problem(send(stack, "POST", "/opportunities", rep, "zh-CN",
                "{\"name\":\"阶段不存在\",\"stage\":\"nirvana\"}"), 422);
        JsonNode en = problem(send(stack, "POST", "/opportunities", rep, null,
                "{\"name\":\"No such stage\",\"stage\":\"nirvana\"}"), 422);

        assertThat(message(zh, "stage")).startsWith("“nirvana”不是此销售流程中的阶段（可用阶段：").contains("contacted");
        assertThat(message(en, "stage")).startsWith("\"nirvana\" is not a stage of this pipeline (stages: ");
    }

    @Test
    void badEmail_inChinese_andTheCallersFirstSpokenLanguageWins(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        String body = "{\"name\":\"坏邮箱\",\"email\":\"not-an-address\"}";

        JsonNode zh = problem(send(stack, "POST", "/leads", rep, "zh-CN", body), 422);
        // French is not spoken: the next preference (Chinese, any region) is; Japanese alone falls back to English.
        JsonNode preferred = problem(send(stack, "POST", "/contacts", rep, "fr-FR, zh-TW;q=0.8, en;q=0.5", body), 422);
        JsonNode unspoken = problem(send(stack, "POST", "/leads", rep, "ja", body), 422);

        assertThat(message(zh, "email")).isEqualTo("必须是有效的电子邮件地址");
        assertThat(message(preferred, "email")).isEqualTo("必须是有效的电子邮件地址");
        assertThat(message(unspoken, "email")).isEqualTo("must be an e-mail address");
    }

    @Test
    void staleVersionAndUnknownRecord_inChinese(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", rep, null, "{\"name\":\"版本测试\"}").body());
        String id = account.get("id").asText();

        HttpResponse<String> stale = stack.send(request(stack, "PATCH", "/accounts/" + id, rep, "zh-CN", "{\"tier\":\"A\"}")
                .header("If-Match", "\"" + (account.get("version").asLong() + 5) + "\"").build());
        JsonNode missing = problem(send(stack, "GET", "/accounts/00000000-0000-0000-0000-000000000001", rep, "zh-CN", null), 404);

        JsonNode staleProblem = problem(stale, 412);
        assertThat(staleProblem.get("type").asText()).endsWith("/stale");
        assertThat(staleProblem.get("title").asText()).isEqualTo("记录已被修改");
        assertThat(staleProblem.get("detail").asText()).startsWith("该客户（" + id + "）在您读取后已被修改");
        assertThat(missing.get("detail").asText()).isEqualTo("不存在 ID 为 00000000-0000-0000-0000-000000000001 的客户。");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        return JSON.readTree(response.body());
    }

    private static String message(JsonNode problem, String field) {
        for (JsonNode e : problem.get("errors")) {
            if (field.equals(e.get("field").asText())) {
                return e.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + " in " + problem);
    }

    private static HttpRequest.Builder request(FupanStack stack, String method, String path, String token, String language,
                                               String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return request;
    }

    private static HttpResponse<String> send(FupanStack stack, String method, String path, String token, String language,
                                             String body) {
        return stack.send(request(stack, method, path, token, language, body).build());
    }
}
