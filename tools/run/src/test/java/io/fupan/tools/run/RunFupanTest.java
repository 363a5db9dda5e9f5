package io.fupan.tools.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.testkit.stack.Folders;
import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.StartupException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's refusals: each one line that says what is wrong and how to fix it, before anything starts. */
class RunFupanTest {

    private static final Path REPO = Path.of(System.getProperty("fupan.repo", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void start_httpPortInUse_namesThePortAndTheVariable() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var run = new RunFupan(REPO, env("FUPAN_HTTP_PORT", Integer.toString(busy.getLocalPort())));

            assertThatThrownBy(run::start)
                    .isInstanceOf(StartupException.class)
                    .hasMessage("Port " + busy.getLocalPort() + " for the Fupan server is in use. Stop what listens"
                            + " there (another Fupan?) or set FUPAN_HTTP_PORT to a free port.");
        }
    }

    @Test
    void start_keycloakPortInUse_namesThePortAndTheVariable() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var run = new RunFupan(REPO, env("FUPAN_KEYCLOAK_PORT", Integer.toString(busy.getLocalPort())));

            assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining("Port " + busy.getLocalPort() + " for Keycloak is in use")
                    .hasMessageContaining("FUPAN_KEYCLOAK_PORT");
        }
    }

    @Test
    void start_portNotANumber_saysSo() {
        var run = new RunFupan(REPO, env("FUPAN_PG_PORT", "54x"));

        assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                .hasMessage("FUPAN_PG_PORT=54x is not a port number (1-65535).");
    }

    @Test
    void start_sharedBuffersNotASize_saysSo() {
        var run = new RunFupan(REPO, env("FUPAN_PG_SHARED_BUFFERS", "lots"));

        assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                .hasMessage("FUPAN_PG_SHARED_BUFFERS=lots is not a size such as 512MB or 2GB.");
    }

    @Test
    void start_externalDatabaseUnreachable_saysWhereAndHowToFix() {
        String url = "jdbc:postgresql://localhost:" + Ports.free() + "/fupan";
        var run = new RunFupan(REPO, env("FUPAN_DB_URL", url, "FUPAN_DB_USER", "fupan"));

        assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                .hasMessageStartingWith("Cannot reach PostgreSQL at " + url + " as fupan: ")
                .hasMessageContaining("fix FUPAN_DB_URL, FUPAN_DB_USER and FUPAN_DB_PASSWORD")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void checkKeycloak_unreachable_saysWhereAndHowToFix() {
        String url = "http://localhost:" + Ports.free();

        assertThatThrownBy(() -> RunFupan.checkKeycloak(url)).isInstanceOf(StartupException.class)
                .hasMessageStartingWith("Cannot reach Keycloak at " + url + ": ConnectException")
                .hasMessageContaining("fix FUPAN_KEYCLOAK_URL");
    }

    @Test
    void start_invalidTenantConfig_namesFileLineAndReason() throws Exception {
        Path config = home.resolve("tenant-config");
        Folders.copy(REPO.resolve("tenant-config"), config);
        Path lumen = config.resolve("tenants/lumen.yaml");
        Files.writeString(lumen, Files.readString(lumen).replace("plan: lite", "plan: gold"));
        var run = new RunFupan(REPO, env("FUPAN_TENANT_CONFIG_DIR", config.toString()));

        assertThatThrownBy(run::start).isInstanceOf(StartupException.class)
                .hasMessageStartingWith("tenant-config is invalid: ")
                .hasMessageContaining("tenants/lumen.yaml:")
                .hasMessageContaining("\"gold\" is not a plan");
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("FUPAN_HOME", home.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

}
