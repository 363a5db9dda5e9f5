package io.fupan.server;

import static io.fupan.server.AccountIT.JSON;
import static io.fupan.server.AccountIT.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Visibility by role (API.md "Visibility"), over a matrix of record kinds × roles. In one team led
 * by the manager, rep1 owns an unshared record, rep2 a shared one and an unshared one; the admin
 * (in no team) owns a fourth. Each role must see exactly its part, by list and by id; other ids
 * are 404 (marketing, whose role does not reach sales records, gets 403 for them).
 */
@ExtendWith(FupanServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleVisibilityIT {

    private static final Map<String, String> BODIES = Map.of(
            "accounts", "{\"name\":\"Matrix %s\",\"shared\":%s}",
            "contacts", "{\"name\":\"Matrix %s\",\"shared\":%s}",
            "leads", "{\"name\":\"Matrix %s\",\"shared\":%s}",
            "opportunities", "{\"name\":\"Matrix %s\",\"amount\":100,\"shared\":%s}");

    /** kind -> record label (rep1, rep2-shared, rep2, admin) -> id */
    private final Map<String, Map<String, String>> records = new LinkedHashMap<>();
    private String viewer;

    @BeforeAll
    void oneTeamAndFourRecordsOfEachKind(FupanStack stack) throws Exception {
        String admin = stack.token("admin@acme.example");
        for (String user : List.of("manager", "rep1", "rep2", "marketing")) {
            stack.get("/api/v1/me", stack.token(user + "@acme.example")); // users exist from their first request
        }
        String managerId = userId(stack, admin, "manager@acme.example");
        JsonNode team = JSON.readTree(send(stack, "POST", "/teams", admin, null,
                "{\"name\":\"Matrix team " + System.nanoTime() + "\",\"managerId\":\"" + managerId + "\"}").body());
        for (String rep : List.of("rep1@acme.example", "rep2@acme.example")) {
            JsonNode user = JSON.readTree(send(stack, "GET", "/users/" + userId(stack, admin, rep), admin, null, null).body());
            HttpResponse<String> moved = send(stack, "PATCH", "/users/" + user.get("id").asText(), admin,
                    "\"" + user.get("version").asLong() + "\"", "{\"teamId\":\"" + team.get("id").asText() + "\"}");
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        stack.keycloak().createUser("viewer@acme.example", "viewer-pass-1", "acme", "viewer");
        viewer = stack.keycloak().accessToken("viewer@acme.example", "viewer-pass-1");
        for (String kind : BODIES.keySet()) {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("rep1", create(stack, kind, stack.token("rep1@acme.example"), "rep1", false));
            ids.put("rep2-shared", create(stack, kind, stack.token("rep2@acme.example"), "rep2-shared", true));
            ids.put("rep2", create(stack, kind, stack.token("rep2@acme.example"), "rep2", false));
            ids.put("admin", create(stack, kind, admin, "admin", false));
            records.put(kind, ids);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachRole_seesExactlyItsRecords(FupanStack stack) {
        Map<String, Set<String>> sales = Map.of(
                "admin@acme.example", Set.of("rep1", "rep2-shared", "rep2", "admin"),
                "viewer", Set.of("rep1", "rep2-shared", "rep2", "admin"),
                "manager@acme.example", Set.of("rep1", "rep2-shared", "rep2"),
                "rep1@acme.example", Set.of("rep1", "rep2-shared"),
                "rep2@acme.example", Set.of("rep2-shared", "rep2"),
                "marketing@acme.example", Set.of());
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : BODIES.keySet()) {
            sales.forEach((who, expected) -> tests.add(DynamicTest.dynamicTest(kind + " as " + who, () -> {
                String token = who.equals("viewer") ? viewer : stack.token(who);
                boolean marketing = who.startsWith("marketing");
                Set<String> visible = marketing && kind.equals("leads") ? records.get(kind).keySet() : expected;
                HttpResponse<String> list = send(stack, "GET", "/" + kind + "?q=Matrix&size=500", token, null, null);
                if (marketing && !kind.equals("leads")) {
                    assertThat(list.statusCode()).isEqualTo(403);
                } else {
                    Set<String> listed = new TreeSet<>();
                    JSON.readTree(list.body()).get("items").forEach(item -> listed.add(item.get("id").asText()));
                    Set<String> listedLabels = new TreeSet<>();
                    records.get(kind).forEach((label, id) -> {
                        if (listed.contains(id)) {
                            listedLabels.add(label);
                        }
                    });
                    assertThat(listedLabels).isEqualTo(new TreeSet<>(visible));
                }
                records.get(kind).forEach((label, id) -> {
                    int status = send(stack, "GET", "/" + kind + "/" + id, token, null, null).statusCode();
                    int want = visible.contains(label) ? 200 : marketing && !kind.equals("leads") ? 403 : 404;
                    assertThat(status).as("GET /%s/%s (%s's) as %s", kind, id, label, who).isEqualTo(want);
                });
            })));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> viewer_cannotWrite(FupanStack stack) {
        return BODIES.keySet().stream().map(kind -> DynamicTest.dynamicTest(kind, () ->
                assertThat(send(stack, "POST", "/" + kind, viewer, null, BODIES.get(kind).formatted("viewer", false))
                        .statusCode()).isEqualTo(403)));
    }

    private static String create(FupanStack stack, String kind, String token, String label, boolean shared)
            throws Exception {
        HttpResponse<String> r = send(stack, "POST", "/" + kind, token, null, BODIES.get(kind).formatted(label, shared));
        assertThat(r.statusCode()).as("POST /" + kind + ": " + r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
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
}
