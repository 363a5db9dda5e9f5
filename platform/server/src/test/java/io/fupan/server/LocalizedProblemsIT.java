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

    @Test
    void repWritingForAnotherRep_andMarketingOnAccounts_areForbiddenInChinese(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String rep1 = stack.token("rep1@acme.example");
        stack.get("/api/v1/me", stack.token("rep2@acme.example")); // users exist from their first request
        String rep2Id = userId(stack, admin, "rep2@acme.example");
        String body = "{\"name\":\"别人的客户\",\"ownerId\":\"" + rep2Id + "\"}";

        JsonNode zh = problem(send(stack, "POST", "/accounts", rep1, "zh-CN", body), 403);
        JsonNode en = problem(send(stack, "POST", "/accounts", rep1, "en", body), 403);
        JsonNode marketing = problem(send(stack, "GET", "/accounts", stack.token("marketing@acme.example"), "zh-CN", null),
                403);

        assertThat(zh.get("type").asText()).isEqualTo(en.get("type").asText());
        assertThat(zh.get("title").asText()).isEqualTo("无权操作");
        assertThat(zh.get("detail").asText()).isEqualTo("只有该客户的负责人才能修改。");
        assertThat(en.get("detail").asText()).isEqualTo("Only the owner of this account can change it.");
        assertThat(marketing.get("detail").asText()).isEqualTo("您的角色无权处理客户记录。");
    }

    @Test
    void badSortAndUnknownFilter_inChinese_nameWhatTheListAllows(FupanStack stack) throws Exception {
        String rep = stack.token("rep1@acme.example");

        JsonNode sortZh = problem(send(stack, "GET", "/leads?sort=-colour", rep, "zh-CN", null), 422);
        JsonNode sortEn = problem(send(stack, "GET", "/leads?sort=-colour", rep, "en", null), 422);
        JsonNode sizeZh = problem(send(stack, "GET", "/leads?size=abc", rep, "zh-CN", null), 422);
        JsonNode filterZh = problem(send(stack, "GET", "/leads?colour=red", rep, "zh-CN", null), 422);

        assertThat(message(sortZh, "sort")).startsWith("不能按“colour”排序；可排序字段：").contains("name");
        assertThat(message(sortEn, "sort")).startsWith("cannot sort by 'colour'; sortable: ").contains("name");
        assertThat(message(sizeZh, "size")).isEqualTo("必须是整数，而不是“abc”");
        assertThat(message(filterZh, "colour")).startsWith("不是此列表的筛选条件（可用筛选条件：")
                .endsWith("、custom.<key>）");
    }

    @Test
    void convertingAConvertedLead_isAConflictInChinese(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode lead = JSON.readTree(send(stack, "POST", "/leads", admin, null,
                "{\"name\":\"转化两次\",\"company\":\"两次转化有限公司\"}").body());
        String id = lead.get("id").asText();
        HttpResponse<String> first = send(stack, "POST", "/leads/" + id + "/convert", admin, "zh-CN", "{}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        JsonNode zh = problem(send(stack, "POST", "/leads/" + id + "/convert", admin, "zh-CN", "{}"), 409);
        JsonNode en = problem(send(stack, "POST", "/leads/" + id + "/convert", admin, "en", "{}"), 409);
        long version = JSON.readTree(send(stack, "GET", "/leads/" + id, admin, null, null).body()).get("version").asLong();
        JsonNode delete = problem(stack.send(request(stack, "DELETE", "/leads/" + id, admin, "zh-CN", null)
                .header("If-Match", "\"" + version + "\"").build()), 409);

        assertThat(zh.get("title").asText()).isEqualTo("冲突");
        assertThat(zh.get("detail").asText()).isEqualTo("线索 " + id + " 已转化，只有未关闭的线索才能转化。");
        assertThat(en.get("detail").asText()).isEqualTo("The lead " + id + " is converted; only an open lead can be converted.");
        assertThat(delete.get("detail").asText()).isEqualTo("线索 " + id + " 已转化为商机，需保留用于销售漏斗统计，不能删除。");
    }

    @Test
    void importWithoutARequiredColumn_andAPatchWithoutIfMatch_inChinese(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        HttpResponse<String> imported = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/import/opportunities"))
                .header("Authorization", "Bearer " + admin).header("Accept-Language", "zh-CN")
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("external_id,name,created_at\nzh-m1,M1,2025-01-01\n")).build());
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", admin, null, "{\"name\":\"缺少版本\"}").body());

        JsonNode importProblem = problem(imported, 422);
        JsonNode ifMatch = problem(send(stack, "PATCH", "/accounts/" + account.get("id").asText(), admin, "zh-CN",
                "{\"tier\":\"A\"}"), 428);

        assertThat(importProblem.get("type").asText()).endsWith("/import-file");
        assertThat(importProblem.get("detail").asText()).startsWith("文件缺少必填列 stage（opportunities 的列：");
        assertThat(ifMatch.get("title").asText()).isEqualTo("缺少版本条件");
        assertThat(ifMatch.get("detail").asText()).isEqualTo("请在 If-Match 中带上您读取记录时的 ETag，以免覆盖他人的修改。");
    }

    @Test
    void importLineReport_speaksTheCallersLanguage_synchronouslyAndAsynchronously(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String p = ImportIT.prefix();
        String csv = "external_id,name,created_at,stage,account\n"
                + p + "-1,好的,2025-01-01,contacted,\n"
                + p + "-2,坏日期,01/02/2025,contacted,\n"
                + p + "-3,没有客户,2025-01-01,contacted," + p + "-nowhere\n"
                + p + "-4,没有阶段,2025-01-01,nirvana,\n";

        JsonNode zh = rejected(importCsv(stack, admin, "opportunities", "zh-CN", csv));
        JsonNode en = rejected(importCsv(stack, admin, "opportunities", "en", csv));
        // the job thread takes the requester's language, and gives it back: the English job after it is English
        JsonNode zhJob = job(stack, admin, importCsv(stack, admin, "opportunities?async=true", "zh-CN,zh;q=0.9", csv));
        JsonNode enJob = job(stack, admin, importCsv(stack, admin, "opportunities?async=true", null, csv));

        for (JsonNode report : new JsonNode[] {zh, zhJob}) {
            assertThat(lineErrors(report)).containsExactly("3 created_at", "4 account", "5 stage");
            assertThat(report.get("errors").get(0).get("message").asText()).isEqualTo(
                    "必须是 ISO-8601 时间（如 2025-03-01T09:30:00Z）或日期（如 2025-03-01），而不是“01/02/2025”");
            assertThat(report.get("errors").get(1).get("message").asText()).isEqualTo(
                    "此租户中没有 external_id 为“" + p + "-nowhere”的客户");
            assertThat(report.get("errors").get(2).get("message").asText())
                    .startsWith("“nirvana”不是此销售流程中的阶段（可用阶段：").contains("contacted").endsWith("、won、lost）");
        }
        for (JsonNode report : new JsonNode[] {en, enJob}) {
            assertThat(lineErrors(report)).containsExactly("3 created_at", "4 account", "5 stage");
            assertThat(report.get("errors").get(0).get("message").asText()).isEqualTo("must be an ISO-8601 time such as "
                    + "2025-03-01T09:30:00Z or a date such as 2025-03-01, not '01/02/2025'");
            assertThat(report.get("errors").get(1).get("message").asText()).isEqualTo(
                    "there is no account with external_id '" + p + "-nowhere' in this tenant");
            assertThat(report.get("errors").get(2).get("message").asText())
                    .startsWith("'nirvana' is not a stage of this pipeline (stages: ").contains("contacted")
                    .endsWith(", won, lost)");
        }
    }

    @Test
    void importCycle_andFieldCount_inChinese(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        String p = ImportIT.prefix();
        String csv = "external_id,name,parent\n"
                + p + "-a,甲," + p + "-b\n"
                + p + "-b,乙," + p + "-a\n"
                + p + "-c,丙,,多余\n";

        JsonNode zh = rejected(importCsv(stack, admin, "accounts", "zh-CN", csv));
        JsonNode en = rejected(importCsv(stack, admin, "accounts", "en", csv));

        assertThat(lineErrors(zh)).containsExactly("2 parent", "3 parent", "4 -");
        assertThat(zh.get("errors").get(0).get("message").asText()).isEqualTo(
                "客户“" + p + "-b”沿其上级链条位于此行记录之下：形成循环");
        assertThat(zh.get("errors").get(2).get("message").asText()).isEqualTo("有 4 个字段，而表头有 3 列");
        assertThat(en.get("errors").get(0).get("message").asText()).isEqualTo(
                "account '" + p + "-b' is, through its own parent chain, below this line's record: a cycle");
        assertThat(en.get("errors").get(2).get("message").asText()).isEqualTo("has 4 fields; the header has 3");
    }

    private static HttpResponse<String> importCsv(FupanStack stack, String token, String kind, String language,
            String csv) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + "/import/" + kind))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8");
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return stack.send(request.POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    /** A synchronous import's report of a file refused for its bad lines (422, nothing written). */
    private static JsonNode rejected(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("accepted").asLong() + result.get("updated").asLong()).isZero();
        return result;
    }

    /** The report of the asynchronous import {@code accepted} started, once the job is rejected. */
    private static JsonNode job(FupanStack stack, String token, HttpResponse<String> accepted) throws Exception {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode done = ImportJobIT.awaitFinished(stack, token, JSON.readTree(accepted.body()).get("id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("rejected");
        return done.get("result");
    }

    private static java.util.List<String> lineErrors(JsonNode result) {
        java.util.List<String> errors = new java.util.ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.get("line").asLong() + " "
                + (e.hasNonNull("column") ? e.get("column").asText() : "-"))); // a line's own error names no column
        return errors;
    }

    private static String userId(FupanStack stack, String admin, String username) throws Exception {
        JsonNode users = JSON.readTree(send(stack, "GET", "/users?q=" + username, admin, null, null).body());
        for (JsonNode u : users.get("items")) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asText();
            }
        }
        throw new AssertionError("no user " + username + " in " + users);
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
