package io.fupan.server.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /config.json}: what the web UI needs before anyone signs in — where Keycloak is (the
 * issuer URL the server checks tokens against, so the UI signs in where the API trusts), the realm,
 * the UI's public client, and the path of the chart library served from its WebJar. Unauthenticated:
 * it holds nothing secret.
 */
@WebServlet(urlPatterns = "/config.json")
public class WebConfigServlet extends HttpServlet {

    static final String CLIENT_ID = "fupan-web";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    @Inject
    @ConfigProperty(name = "fupan.keycloak.url")
    String keycloakUrl;

    @Inject
    @ConfigProperty(name = "fupan.keycloak.realm")
    String realm;

    private volatile String body;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String json = body;
        if (json == null) {
            json = Json.createObjectBuilder()
                    .add("keycloakUrl", keycloakUrl.replaceAll("/+$", ""))
                    .add("realm", realm)
                    .add("clientId", CLIENT_ID)
                    .add("echarts", "webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js")
                    .build().toString();
            body = json;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }

    /** The WebJar's version from its own Maven metadata, so the path follows the pom without a second copy. */
    private String echartsVersion() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS_POM + " is missing: the echarts WebJar is not in WEB-INF/lib");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
