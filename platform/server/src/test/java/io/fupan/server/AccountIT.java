package io.fupan.server;

import static io.fupan.server.MeIT.assertProblem;
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

/** {@code /accounts}: the pattern every record resource follows (CRUD, ETag, errors, visibility). */
@ExtendWith(FupanServerExtension.class)
class AccountIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void create_thenGet_returnsTheAccountWithETag(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        HttpResponse<String> created = send(stack, "POST", "/accounts", admin, null,
                "{\"name\":\"华东重工 East Heavy\",\"industry\":\"manufacturing\",\"region\":\"east\",\"employees\":1200,"
                        + "\"annualRevenue\":125000000.50,\"tier\":\"A\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode account = JSON.readTree(created.body());
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/accounts/" + account.get("id").asText()));
        HttpResponse<String> got = send(stack, "GET", "/accounts/" + account.get("id").asText(), admin, null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + account.get("version").asLong() + "\"");
        assertThat(JSON.readTree(got.body()).get("name").asText()).isEqualTo("华东重工 East Heavy");
        assertThat(JSON.readTree(got.body()).get("annualRevenue").decimalValue()).isEqualByComparingTo("125000000.50");
    }

    @Test
    void update_withCurrentETag_changesOnlyTheFieldsSent(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", admin, null,
                "{\"name\":\"Patch Co\",\"industry\":\"retail\"}").body());
        String id = account.get("id").asText();

        HttpResponse<String> updated = send(stack, "PATCH", "/accounts/" + id, admin,
                "\"" + account.get("version").asLong() + "\"", "{\"region\":\"north\"}");

        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(updated.body());
        assertThat(after.get("region").asText()).isEqualTo("north");
        assertThat(after.get("industry").asText()).isEqualTo("retail");
        assertThat(after.get("version").asLong()).isGreaterThan(account.get("version").asLong());
    }

    @Test
    void update_withStaleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", admin, null, "{\"name\":\"Stale Co\"}").body());
        String id = account.get("id").asText();
        String etag = "\"" + account.get("version").asLong() + "\"";
        assertThat(send(stack, "PATCH", "/accounts/" + id, admin, etag, "{\"tier\":\"B\"}").statusCode()).isEqualTo(200);

        assertProblem(send(stack, "PATCH", "/accounts/" + id, admin, etag, "{\"tier\":\"C\"}"), 412, "stale");
        assertThat(JSON.readTree(send(stack, "GET", "/accounts/" + id, admin, null, null).body()).get("tier").asText())
                .isEqualTo("B");
    }

    @Test
    void update_withoutIfMatch_is428(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        JsonNode account = JSON.readTree(send(stack, "POST", "/accounts", admin, null, "{\"name\":\"No Match Co\"}").body());

        assertProblem(send(stack, "PATCH", "/accounts/" + account.get("id").asText(), admin, null, "{\"tier\":\"C\"}"),
                428, "precondition-required");
    }

    @Test
    void create_badInput_is422NamingEachField(FupanStack stack) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/accounts", stack.token("admin@acme.example"), null,
                "{\"name\":\"" + "x".repeat(300) + "\",\"employees\":\"many\",\"parentId\":\"nope\",\"colour\":\"red\"}");

        JsonNode problem = assertProblem(response, 422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("employees", "parentId", "colour");
    }

    @Test
    void create_tooLongName_is422NamingTheField(FupanStack stack) throws Exception {
        HttpResponse<String> response = send(stack, "POST", "/accounts", stack.token("admin@acme.example"), null,
                "{\"name\":\"" + "x".repeat(300) + "\"}");

        JsonNode problem = assertProblem(response, 422, "validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactly("name");
    }

    @Test
    void create_malformedJson_is400WithPosition(FupanStack stack) throws Exception {
        JsonNode problem = assertProblem(send(stack, "POST", "/accounts", stack.token("admin@acme.example"), null,
                "{\"name\": \"Broken"), 400, "malformed-body");
        assertThat(problem.get("detail").asText()).contains("line 1");
    }

    @Test
    void create_50MegabyteBody_is413(FupanStack stack) throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(50 * 1024 * 1024) + "\"}";

        assertProblem(send(stack, "POST", "/accounts", stack.token("admin@acme.example"), null, huge), 413,
                "payload-too-large");
    }

    @Test
    void create_hugeChunkedBodyWithoutLength_is413(FupanStack stack) throws Exception {
        byte[] chunk = "x".repeat(1024 * 1024).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.stream.Stream
                .concat(java.util.stream.Stream.of(new java.io.ByteArrayInputStream("{\"name\":\"".getBytes())),
                        java.util.stream.Stream.generate(() -> new java.io.ByteArrayInputStream(chunk)).limit(20))
                .toList()));
        HttpResponse<String> response = stack.send(HttpRequest.newBuilder(URI.create(stack.api() + "/accounts"))
                .header("Authorization", "Bearer " + stack.token("admin@acme.example"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build());

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void list_unknownFilterOrSort_is422(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        assertProblem(send(stack, "GET", "/accounts?colour=red", admin, null, null), 422, "validation");
        assertProblem(send(stack, "GET", "/accounts?sort=-colour", admin, null, null), 422, "validation");
        assertProblem(send(stack, "GET", "/accounts?size=501", admin, null, null), 422, "validation");
    }

    @Test
    void get_otherTenantsAccount_is404(FupanStack stack) throws Exception {
        JsonNode lumens = JSON.readTree(send(stack, "POST", "/accounts", stack.token("admin@lumen.example"), null,
                "{\"name\":\"Lumen's client\"}").body());

        assertProblem(send(stack, "GET", "/accounts/" + lumens.get("id").asText(), stack.token("admin@acme.example"),
                null, null), 404, "not-found");
    }

    @Test
    void list_rep_seesOwnAccountsButNotAnotherRepsUnsharedOnes(FupanStack stack) throws Exception {
        JsonNode mine = JSON.readTree(send(stack, "POST", "/accounts", stack.token("rep1@acme.example"), null,
                "{\"name\":\"Rep1 Own Co\"}").body());
        JsonNode theirs = JSON.readTree(send(stack, "POST", "/accounts", stack.token("rep2@acme.example"), null,
                "{\"name\":\"Rep2 Own Co\"}").body());

        JsonNode list = JSON.readTree(send(stack, "GET", "/accounts?size=500", stack.token("rep1@acme.example"), null,
                null).body());
        assertThat(list.get("items")).extracting(a -> a.get("id").asText())
                .contains(mine.get("id").asText()).doesNotContain(theirs.get("id").asText());
        assertProblem(send(stack, "GET", "/accounts/" + theirs.get("id").asText(), stack.token("rep1@acme.example"),
                null, null), 404, "not-found");
    }

    static HttpResponse<String> send(FupanStack stack, String method, String path, String token, String ifMatch,
                                     String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return stack.send(request.build());
    }
}
