package io.fupan.server;

import static io.fupan.server.AccountIT.send;
import static io.fupan.server.MeIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.testkit.FupanServerExtension;
import io.fupan.testkit.FupanStack;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /users} and {@code /teams}: everyone of the tenant reads them, only a tenant admin changes them. */
@ExtendWith(FupanServerExtension.class)
class UserTeamIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "admin@acme.example";
    static final String MANAGER = "manager@acme.example";
    static final String REP1 = "rep1@acme.example";
    static final String REP2 = "rep2@acme.example";
    static final String MARKETING = "marketing@acme.example";
    /** The team the visibility tests of contacts and activities share: manager@ manages rep1@ and rep2@. */
    static final String SALES_TEAM = "it-sales-east";
    private static final String TEST_PASSWORD = "it-pass-1";

    // ---- users

    @Test
    void list_users_anyRoleOfTheTenant_seesTheTenantsUsersOnly(FupanStack stack) throws Exception {
        userId(stack, REP1);
        signIn(stack, stack.token("admin@lumen.example"));

        for (String who : new String[] {REP1, MARKETING}) {
            JsonNode list = json(send(stack, "GET", "/users?size=500", stack.token(who), null, null), 200);
            assertThat(list.get("items")).extracting(u -> u.get("username").asText())
                    .contains(REP1).doesNotContain("admin@lumen.example");
        }
    }

    @Test
    void list_users_filtersBySearchTeamAndActive(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String member = newUser(stack, "sales_rep");
        String memberId = userId(stack, member);
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-filter-" + suffix() + "\"}"), 201);
        patchUser(stack, memberId, "{\"teamId\":\"" + team.get("id").asText() + "\",\"active\":false}");

        JsonNode byQ = json(send(stack, "GET", "/users?q=" + enc(member.toUpperCase()), admin, null, null), 200);
        assertThat(byQ.get("items")).extracting(u -> u.get("id").asText()).containsExactly(memberId);
        JsonNode byTeam = json(send(stack, "GET", "/users?teamId=" + team.get("id").asText(), admin, null, null), 200);
        assertThat(byTeam.get("items")).extracting(u -> u.get("id").asText()).containsExactly(memberId);
        assertThat(byTeam.get("total").asLong()).isEqualTo(1);
        JsonNode inactive = json(send(stack, "GET", "/users?active=false&size=500", admin, null, null), 200);
        assertThat(inactive.get("items")).extracting(u -> u.get("id").asText()).contains(memberId);
        assertThat(inactive.get("items")).allSatisfy(u -> assertThat(u.get("active").asBoolean()).isFalse());
        JsonNode active = json(send(stack, "GET", "/users?active=true&size=500", admin, null, null), 200);
        assertThat(active.get("items")).extracting(u -> u.get("id").asText()).doesNotContain(memberId);
    }

    @Test
    void list_users_sortedByUsernameDescending_isInThatOrder(FupanStack stack) throws Exception {
        userId(stack, REP1);
        userId(stack, REP2);
        JsonNode list = json(send(stack, "GET", "/users?sort=-username&size=500", stack.token(ADMIN), null, null), 200);

        var names = new java.util.ArrayList<String>();
        list.get("items").forEach(u -> names.add(u.get("username").asText()));
        assertThat(names).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void list_users_badFilterOrSort_is422NamingIt(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        assertErrorFields(send(stack, "GET", "/users?active=maybe", admin, null, null), "active");
        assertErrorFields(send(stack, "GET", "/users?teamId=nope", admin, null, null), "teamId");
        assertErrorFields(send(stack, "GET", "/users?sort=email", admin, null, null), "sort");
    }

    @Test
    void get_user_returnsItWithETag(FupanStack stack) throws Exception {
        String id = userId(stack, REP2);

        HttpResponse<String> got = send(stack, "GET", "/users/" + id, stack.token(REP1), null, null);

        JsonNode user = json(got, 200);
        assertThat(user.get("username").asText()).isEqualTo(REP2);
        assertThat(user.get("email").asText()).isEqualTo(REP2);
        assertThat(user.has("keycloakId")).isFalse();
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + user.get("version").asLong() + "\"");
    }

    @Test
    void get_otherTenantsUser_is404(FupanStack stack) throws Exception {
        String lumenAdmin = stack.token("admin@lumen.example");
        signIn(stack, lumenAdmin);
        JsonNode lumenUsers = json(send(stack, "GET", "/users?q=admin%40lumen.example", lumenAdmin, null, null), 200);
        String lumenId = lumenUsers.get("items").get(0).get("id").asText();
        long version = lumenUsers.get("items").get(0).get("version").asLong();
        String admin = stack.token(ADMIN);

        assertProblem(send(stack, "GET", "/users/" + lumenId, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", "/users/" + lumenId, admin, "\"" + version + "\"",
                "{\"displayName\":\"Hijacked\"}"), 404, "not-found");
        assertThat(json(send(stack, "GET", "/users/" + lumenId, lumenAdmin, null, null), 200)
                .get("displayName").asText()).isNotEqualTo("Hijacked");
    }

    @Test
    void get_malformedUserId_is404(FupanStack stack) throws Exception {
        assertProblem(send(stack, "GET", "/users/not-a-uuid", stack.token(ADMIN), null, null), 404, "not-found");
    }

    @Test
    void update_user_asAdmin_changesDisplayNameActiveAndTeam(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String id = userId(stack, newUser(stack, "sales_rep"));
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-move-" + suffix() + "\"}"), 201);
        JsonNode before = json(send(stack, "GET", "/users/" + id, admin, null, null), 200);

        JsonNode after = json(send(stack, "PATCH", "/users/" + id, admin, etag(before),
                "{\"displayName\":\"  张伟 Zhang Wei \",\"active\":false,\"teamId\":\"" + team.get("id").asText()
                        + "\"}"), 200);

        assertThat(after.get("displayName").asText()).isEqualTo("张伟 Zhang Wei");
        assertThat(after.get("active").asBoolean()).isFalse();
        assertThat(after.get("teamId").asText()).isEqualTo(team.get("id").asText());
        assertThat(after.get("username").asText()).isEqualTo(before.get("username").asText());
        assertThat(after.get("version").asLong()).isGreaterThan(before.get("version").asLong());
    }

    @Test
    void update_user_teamIdNull_leavesTheTeam(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String id = userId(stack, newUser(stack, "sales_rep"));
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-leave-" + suffix() + "\"}"), 201);
        patchUser(stack, id, "{\"teamId\":\"" + team.get("id").asText() + "\"}");

        JsonNode after = patchUser(stack, id, "{\"teamId\":null}");

        assertThat(after.path("teamId").isMissingNode() || after.path("teamId").isNull()).isTrue();
    }

    @Test
    void update_user_byNonAdmins_is403AndChangesNothing(FupanStack stack) throws Exception {
        String id = userId(stack, REP2);
        JsonNode before = json(send(stack, "GET", "/users/" + id, stack.token(ADMIN), null, null), 200);

        for (String who : new String[] {MANAGER, REP1, REP2, MARKETING}) {
            assertProblem(send(stack, "PATCH", "/users/" + id, stack.token(who), etag(before),
                    "{\"displayName\":\"Renamed by " + who + "\"}"), 403, "forbidden");
        }
        assertThat(json(send(stack, "GET", "/users/" + id, stack.token(ADMIN), null, null), 200).get("version").asLong())
                .isEqualTo(before.get("version").asLong());
    }

    @Test
    void update_user_badFields_is422NamingEach(FupanStack stack) throws Exception {
        String id = userId(stack, newUser(stack, "sales_rep"));
        JsonNode user = json(send(stack, "GET", "/users/" + id, stack.token(ADMIN), null, null), 200);

        assertErrorFields(send(stack, "PATCH", "/users/" + id, stack.token(ADMIN), etag(user),
                "{\"displayName\":\" \",\"active\":null}"), "active", "displayName");
        assertErrorFields(send(stack, "PATCH", "/users/" + id, stack.token(ADMIN), etag(user),
                "{\"active\":\"yes\",\"username\":\"other@acme.example\"}"), "active", "username");
        JsonNode unknownTeam = assertErrorFields(send(stack, "PATCH", "/users/" + id, stack.token(ADMIN), etag(user),
                "{\"teamId\":\"" + UUID.randomUUID() + "\"}"), "teamId");
        assertThat(unknownTeam.at("/errors/0/message").asText()).startsWith("there is no team with id");
    }

    @Test
    void update_user_staleETag_is412AndChangesNothing(FupanStack stack) throws Exception {
        String id = userId(stack, newUser(stack, "sales_rep"));
        JsonNode user = json(send(stack, "GET", "/users/" + id, stack.token(ADMIN), null, null), 200);
        patchUser(stack, id, "{\"displayName\":\"First\"}");

        assertProblem(send(stack, "PATCH", "/users/" + id, stack.token(ADMIN), etag(user),
                "{\"displayName\":\"Second\"}"), 412, "stale");
        assertThat(json(send(stack, "GET", "/users/" + id, stack.token(ADMIN), null, null), 200)
                .get("displayName").asText()).isEqualTo("First");
    }

    @Test
    void create_user_isNotAllowed_405(FupanStack stack) throws Exception {
        assertProblem(send(stack, "POST", "/users", stack.token(ADMIN), null, "{\"displayName\":\"Nobody\"}"),
                405, "method-not-allowed");
    }

    // ---- teams

    @Test
    void create_team_asAdmin_thenGet_returnsItWithETag(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String managerId = userId(stack, MANAGER);
        String name = "it-north-" + suffix();

        HttpResponse<String> created = send(stack, "POST", "/teams", admin, null,
                "{\"name\":\" " + name + " \",\"managerId\":\"" + managerId + "\"}");

        JsonNode team = json(created, 201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/teams/" + team.get("id").asText()));
        HttpResponse<String> got = send(stack, "GET", "/teams/" + team.get("id").asText(), stack.token(MARKETING),
                null, null);
        JsonNode read = json(got, 200);
        assertThat(read.get("name").asText()).isEqualTo(name);
        assertThat(read.get("managerId").asText()).isEqualTo(managerId);
        assertThat(got.headers().firstValue("ETag")).hasValue("\"" + read.get("version").asLong() + "\"");
    }

    @Test
    void list_teams_everyRole_seesThemFilteredAndSorted(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String tag = suffix();
        json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-list-" + tag + "-b\"}"), 201);
        json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-list-" + tag + "-a\"}"), 201);

        for (String who : new String[] {ADMIN, MANAGER, REP1, MARKETING}) {
            JsonNode list = json(send(stack, "GET", "/teams?q=it-list-" + tag + "&sort=name", stack.token(who), null,
                    null), 200);
            assertThat(list.get("items")).extracting(t -> t.get("name").asText())
                    .containsExactly("it-list-" + tag + "-a", "it-list-" + tag + "-b");
        }
        JsonNode desc = json(send(stack, "GET", "/teams?q=it-list-" + tag + "&sort=-name", admin, null, null), 200);
        assertThat(desc.get("items")).extracting(t -> t.get("name").asText())
                .containsExactly("it-list-" + tag + "-b", "it-list-" + tag + "-a");
    }

    @Test
    void list_teams_byManager_returnsTheirTeamsOnly(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String bossId = userId(stack, newUser(stack, "sales_manager"));
        JsonNode managed = json(send(stack, "POST", "/teams", admin, null,
                "{\"name\":\"it-managed-" + suffix() + "\",\"managerId\":\"" + bossId + "\"}"), 201);
        json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-unmanaged-" + suffix() + "\"}"), 201);

        JsonNode list = json(send(stack, "GET", "/teams?managerId=" + bossId, admin, null, null), 200);

        assertThat(list.get("items")).extracting(t -> t.get("id").asText()).containsExactly(managed.get("id").asText());
    }

    @Test
    void create_team_duplicateName_is409(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String name = "it-dup-" + suffix();
        json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"" + name + "\"}"), 201);

        JsonNode problem = assertProblem(send(stack, "POST", "/teams", admin, null,
                "{\"name\":\"" + name.toUpperCase() + "\"}"), 409, "conflict");
        assertThat(problem.get("detail").asText()).contains(name.toUpperCase());
    }

    @Test
    void update_team_renameToAnotherTeamsName_is409(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String taken = "it-taken-" + suffix();
        json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"" + taken + "\"}"), 201);
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-free-" + suffix() + "\"}"), 201);

        assertProblem(send(stack, "PATCH", "/teams/" + team.get("id").asText(), admin, etag(team),
                "{\"name\":\"" + taken + "\"}"), 409, "conflict");
        JsonNode same = json(send(stack, "PATCH", "/teams/" + team.get("id").asText(), admin, etag(team),
                "{\"name\":\"" + team.get("name").asText() + "\"}"), 200);
        assertThat(same.get("name").asText()).isEqualTo(team.get("name").asText());
    }

    @Test
    void create_team_badFields_is422NamingEach(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);

        assertErrorFields(send(stack, "POST", "/teams", admin, null,
                "{\"name\":\"" + "x".repeat(101) + "\",\"managerId\":\"nope\"}"), "managerId");
        assertErrorFields(send(stack, "POST", "/teams", admin, null, "{\"name\":\"" + "x".repeat(101) + "\"}"), "name");
        assertErrorFields(send(stack, "POST", "/teams", admin, null, "{\"managerId\":null}"), "name");
        JsonNode notAUser = assertErrorFields(send(stack, "POST", "/teams", admin, null,
                "{\"name\":\"it-ghost-" + suffix() + "\",\"managerId\":\"" + UUID.randomUUID() + "\"}"), "managerId");
        assertThat(notAUser.at("/errors/0/message").asText()).startsWith("there is no user with id");
    }

    @Test
    void update_team_asAdmin_changesManager(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-mgr-" + suffix() + "\"}"), 201);
        String bossId = userId(stack, MANAGER);

        JsonNode after = json(send(stack, "PATCH", "/teams/" + team.get("id").asText(), admin, etag(team),
                "{\"managerId\":\"" + bossId + "\"}"), 200);

        assertThat(after.get("managerId").asText()).isEqualTo(bossId);
        assertThat(after.get("name").asText()).isEqualTo(team.get("name").asText());
        assertProblem(send(stack, "PATCH", "/teams/" + team.get("id").asText(), admin, etag(team),
                "{\"managerId\":null}"), 412, "stale");
    }

    @Test
    void writes_team_byNonAdmins_are403(FupanStack stack) throws Exception {
        JsonNode team = json(send(stack, "POST", "/teams", stack.token(ADMIN), null,
                "{\"name\":\"it-guarded-" + suffix() + "\"}"), 201);
        String id = team.get("id").asText();

        for (String who : new String[] {MANAGER, REP1, MARKETING}) {
            String token = stack.token(who);
            assertProblem(send(stack, "POST", "/teams", token, null, "{\"name\":\"it-by-" + suffix() + "\"}"), 403,
                    "forbidden");
            assertProblem(send(stack, "PATCH", "/teams/" + id, token, etag(team), "{\"name\":\"it-x-" + suffix() + "\"}"),
                    403, "forbidden");
            assertProblem(send(stack, "DELETE", "/teams/" + id, token, etag(team), null), 403, "forbidden");
        }
        assertThat(json(send(stack, "GET", "/teams/" + id, stack.token(ADMIN), null, null), 200).get("name").asText())
                .isEqualTo(team.get("name").asText());
    }

    @Test
    void delete_team_withMembers_is409_andWithoutThem_is204(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-del-" + suffix() + "\"}"), 201);
        String teamId = team.get("id").asText();
        String memberId = userId(stack, newUser(stack, "sales_rep"));
        patchUser(stack, memberId, "{\"teamId\":\"" + teamId + "\"}");

        JsonNode refused = assertProblem(send(stack, "DELETE", "/teams/" + teamId, admin, etag(team), null), 409,
                "conflict");
        assertThat(refused.get("detail").asText()).contains("1 members");

        patchUser(stack, memberId, "{\"teamId\":null}");
        assertThat(send(stack, "DELETE", "/teams/" + teamId, admin, etag(team), null).statusCode()).isEqualTo(204);
        assertProblem(send(stack, "GET", "/teams/" + teamId, admin, null, null), 404, "not-found");
    }

    @Test
    void delete_team_staleOrMissingETag_is412Or428(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode team = json(send(stack, "POST", "/teams", admin, null, "{\"name\":\"it-keep-" + suffix() + "\"}"), 201);
        String id = team.get("id").asText();

        assertProblem(send(stack, "DELETE", "/teams/" + id, admin, "\"" + (team.get("version").asLong() + 7) + "\"",
                null), 412, "stale");
        assertProblem(send(stack, "DELETE", "/teams/" + id, admin, null, null), 428, "precondition-required");
        json(send(stack, "GET", "/teams/" + id, admin, null, null), 200);
    }

    @Test
    void teams_ofAnotherTenant_are404OnEveryMethod(FupanStack stack) throws Exception {
        JsonNode lumens = json(send(stack, "POST", "/teams", stack.token("admin@lumen.example"), null,
                "{\"name\":\"Lumen crew " + suffix() + "\"}"), 201);
        String id = lumens.get("id").asText();
        String admin = stack.token(ADMIN);

        assertProblem(send(stack, "GET", "/teams/" + id, admin, null, null), 404, "not-found");
        assertProblem(send(stack, "PATCH", "/teams/" + id, admin, etag(lumens), "{\"name\":\"taken over\"}"), 404,
                "not-found");
        assertProblem(send(stack, "DELETE", "/teams/" + id, admin, etag(lumens), null), 404, "not-found");
        JsonNode list = json(send(stack, "GET", "/teams?size=500", admin, null, null), 200);
        assertThat(list.get("items")).extracting(t -> t.get("id").asText()).doesNotContain(id);
        String repId = userId(stack, newUser(stack, "sales_rep"));
        assertErrorFields(send(stack, "PATCH", "/users/" + repId, admin,
                etag(json(send(stack, "GET", "/users/" + repId, admin, null, null), 200)),
                "{\"teamId\":\"" + id + "\"}"), "teamId");
    }

    // ---- helpers shared with ContactIT and ActivityIT

    /**
     * Makes {@value #SALES_TEAM} exist with manager@ as its manager and rep1@, rep2@ as its members
     * (again, in case another test moved them), and returns its id.
     */
    static String salesTeam(FupanStack stack) throws Exception {
        String admin = stack.token(ADMIN);
        String managerId = userId(stack, MANAGER);
        JsonNode found = json(send(stack, "GET", "/teams?q=" + SALES_TEAM, admin, null, null), 200).get("items");
        JsonNode team = null;
        for (JsonNode t : found) {
            if (t.get("name").asText().equals(SALES_TEAM)) {
                team = t;
            }
        }
        if (team == null) {
            team = json(send(stack, "POST", "/teams", admin, null,
                    "{\"name\":\"" + SALES_TEAM + "\",\"managerId\":\"" + managerId + "\"}"), 201);
        } else if (!managerId.equals(team.path("managerId").asText())) {
            team = json(send(stack, "PATCH", "/teams/" + team.get("id").asText(), admin, etag(team),
                    "{\"managerId\":\"" + managerId + "\"}"), 200);
        }
        String teamId = team.get("id").asText();
        for (String rep : new String[] {REP1, REP2}) {
            String id = userId(stack, rep);
            JsonNode user = json(send(stack, "GET", "/users/" + id, admin, null, null), 200);
            if (!teamId.equals(user.path("teamId").asText())) {
                json(send(stack, "PATCH", "/users/" + id, admin, etag(user), "{\"teamId\":\"" + teamId + "\"}"), 200);
            }
        }
        return teamId;
    }

    /** The tenant's user id of {@code username} (a user of acme), who signs in first so that the user exists. */
    static String userId(FupanStack stack, String username) throws Exception {
        signIn(stack, stack.keycloak().accessToken(username,
                username.startsWith("it-") ? TEST_PASSWORD : FupanStack.DEMO_PASSWORD));
        JsonNode list = json(send(stack, "GET", "/users?q=" + enc(username), stack.token(ADMIN), null, null), 200);
        for (JsonNode u : list.get("items")) {
            if (u.get("username").asText().equals(username)) {
                return u.get("id").asText();
            }
        }
        throw new AssertionError("no user " + username + " in " + list);
    }

    /** A new Keycloak user of acme with {@code role}; sign in with {@link #tokenOf}. */
    static String newUser(FupanStack stack, String role) {
        String username = "it-" + role.replace('_', '-') + "-" + suffix() + "@acme.example";
        stack.keycloak().createUser(username, TEST_PASSWORD, "acme", role);
        return username;
    }

    static String tokenOf(FupanStack stack, String newUser) {
        return stack.keycloak().accessToken(newUser, TEST_PASSWORD);
    }

    static JsonNode patchUser(FupanStack stack, String id, String body) throws Exception {
        String admin = stack.token(ADMIN);
        JsonNode user = json(send(stack, "GET", "/users/" + id, admin, null, null), 200);
        return json(send(stack, "PATCH", "/users/" + id, admin, etag(user), body), 200);
    }

    static void signIn(FupanStack stack, String token) {
        assertThat(stack.get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    static String etag(JsonNode record) {
        return "\"" + record.get("version").asLong() + "\"";
    }

    /** A 422 validation problem whose errors name exactly {@code fields} (a field may have several errors). */
    static JsonNode assertErrorFields(HttpResponse<String> response, String... fields) throws Exception {
        JsonNode problem = assertProblem(response, 422, "validation");
        var named = new java.util.TreeSet<String>();
        problem.get("errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).containsExactlyInAnyOrder(fields);
        return problem;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
