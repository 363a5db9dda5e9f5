package io.fupan.tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.tools.demo.DemoData;
import io.fupan.tools.demo.Kind;
import io.fupan.tools.demo.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Loads the generated demo year into each demo tenant that has no opportunities yet: generates the
 * CSV files into {@code <home>/demo/<tenant>/} and posts them, in import order, to
 * {@code POST /api/v1/import/{kind}} as the tenant's admin. Prints one line per kind; a failure is
 * reported and the next kind or tenant is tried (the server keeps running either way).
 */
final class DemoLoader {

    /** Seed of the demo year: every fresh {@code ./run} gets the same data (relative to its first day). */
    static final long SEED = 42;

    /**
     * A demo tenant: its id, the generator profile, its admin, and the users to sign in before the
     * import (the files name them as owners; an owner unknown at import becomes an inactive user).
     */
    record Tenant(String id, String profile, int opportunities, String admin, List<String> signIn) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final String app;
    private final String keycloak;
    private final String password;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DemoLoader(Path home, String app, String keycloak, String password, PrintStream out) {
        this.home = home;
        this.app = app;
        this.keycloak = keycloak;
        this.password = password;
        this.out = out;
    }

    /**
     * The demo tenants for a setting of {@code FUPAN_DEMO_DATA}: {@code full} (default: acme a
     * realistic year, lumen a fifth of it), {@code none}, or a number of acme opportunities.
     */
    static List<Tenant> tenants(String setting) {
        String value = setting == null || setting.isBlank() ? "full" : setting.strip().toLowerCase(Locale.ROOT);
        int acme;
        if (value.equals("none") || value.equals("off") || value.equals("false")) {
            return List.of();
        } else if (value.equals("full")) {
            acme = 0;
        } else {
            try {
                acme = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                acme = -1;
            }
            if (acme < 1) {
                throw new io.fupan.testkit.stack.StartupException("FUPAN_DEMO_DATA=" + setting
                        + " is not full, none or a number of opportunities (1 or more).");
            }
        }
        return List.of(
                new Tenant("acme", "acme", acme, "admin@acme.example",
                        List.of("rep1@acme.example", "rep2@acme.example", "manager@acme.example",
                                "marketing@acme.example")),
                new Tenant("lumen", "lumen", acme == 0 ? 0 : Math.max(1, acme / 5), "admin@lumen.example", List.of()));
    }

    /** Loads every tenant that has no opportunities yet; never throws. */
    void loadAll(List<Tenant> tenants) {
        for (Tenant tenant : tenants) {
            try {
                load(tenant);
            } catch (Exception e) {
                say(tenant.id() + ": demo data not loaded: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().strip()));
            }
        }
    }

    /** Whether the tenant got data now (false: it had opportunities already). */
    boolean load(Tenant tenant) throws IOException, InterruptedException {
        String token = token(tenant.admin());
        long existing = opportunities(token);
        if (existing > 0) {
            return false;
        }
        Profile profile = Profile.named(tenant.profile(), tenant.opportunities());
        Path dir = home.resolve("demo").resolve(tenant.id());
        LocalDate reference = LocalDate.now(ZoneOffset.UTC); // the year up to yesterday
        long t0 = System.nanoTime();
        List<DemoData.Written> files = DemoData.generate(profile, SEED, reference, dir);
        say(String.format(Locale.ROOT, "%s: loading a generated year of demo data (%,d opportunities, files in %s,"
                + " generated in %.1f s)…", tenant.id(), profile.opportunities(), dir, (System.nanoTime() - t0) / 1e9));
        for (String user : tenant.signIn()) {
            // Signs the user in once, so it exists as an active user before the files name it as owner.
            get("/api/v1/me", token(user));
        }
        for (DemoData.Written file : files) {
            post(tenant, file);
        }
        return true;
    }

    private void post(Tenant tenant, DemoData.Written file) throws IOException, InterruptedException {
        String kind = file.kind().key();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app + "/api/v1/import/" + kind))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token(tenant.admin()))
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file.file())).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() == 200) {
            JsonNode result = JSON.readTree(r.body());
            say(String.format(Locale.ROOT, "%s: %-14s %,7d rows: %,d accepted, %,d updated, %,d rejected (%.1f s, %,.0f rows/s)",
                    tenant.id(), kind, file.rows(), result.path("accepted").asLong(), result.path("updated").asLong(),
                    result.path("rejected").asLong(), seconds, file.rows() / Math.max(seconds, 0.001)));
        } else if (r.statusCode() == 404 && file.kind() == Kind.QUOTES) {
            say(tenant.id() + ": " + kind + " skipped: this server has no import of quotes yet (HTTP 404)");
        } else {
            say(String.format(Locale.ROOT, "%s: %-14s %,7d rows: FAILED, HTTP %d after %.1f s: %s", tenant.id(), kind,
                    file.rows(), r.statusCode(), seconds, abbreviate(r.body())));
        }
    }

    /** The tenant's number of opportunities ({@code total} of the list). */
    private long opportunities(String token) throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/opportunities?size=1", token)).path("total").asLong();
    }

    private String get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        return r.body();
    }

    /** An access token by the password grant of client fupan-cli (the demo realm allows it). */
    private String token(String username) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=fupan-cli&username=" + URLEncoder.encode(username,
                StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/fupan/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Keycloak refused a token for " + username + " (HTTP " + r.statusCode() + "): "
                    + abbreviate(r.body()));
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private void say(String line) {
        out.println("fupan: demo " + line);
    }
}
