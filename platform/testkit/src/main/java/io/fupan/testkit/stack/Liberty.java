package io.fupan.testkit.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Fupan server on Open Liberty, started from the server folder the build creates
 * ({@code platform/server/target/liberty/wlp}, server {@code fupan}) and configured through
 * environment variables ({@code FUPAN_DB_URL}, {@code FUPAN_KEYCLOAK_URL}, …).
 */
public final class Liberty implements AutoCloseable {

    public static final String SERVER = "fupan";
    /** Marks the one-line reason of a failed application start in the server log. */
    public static final String START_FAILED_MARK = "FUPAN-START-FAILED:";

    private final ManagedProcess process;
    private final int port;
    private final Path messages;

    private Liberty(ManagedProcess process, int port, Path messages) {
        this.process = process;
        this.port = port;
        this.messages = messages;
    }

    /**
     * Starts the server and waits until {@code /health/ready} answers 200.
     *
     * @param outputDir where Liberty keeps logs and its work area, or null for the server folder
     */
    public static Liberty start(Path wlpHome, int httpPort, Map<String, String> env, Path outputDir,
                                Duration timeout) {
        if (!Files.isRegularFile(wlpHome.resolve("bin/server"))) {
            throw new StartupException("No Liberty server at " + wlpHome + ". Build it first: ./mvnw -q install -DskipTests");
        }
        if (Ports.inUse(httpPort)) {
            throw new StartupException("Port " + httpPort + " for the Fupan server is in use. Stop what listens there"
                    + " (another Fupan or app server?) or set FUPAN_HTTP_PORT to a free port.");
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("FUPAN_HTTP_PORT", Integer.toString(httpPort));
        Path logs;
        if (outputDir != null) {
            environment.put("WLP_OUTPUT_DIR", outputDir.toString());
            logs = outputDir.resolve(SERVER).resolve("logs");
        } else {
            logs = wlpHome.resolve("usr/servers").resolve(SERVER).resolve("logs");
        }
        Path messages = logs.resolve("messages.log");
        try {
            Files.deleteIfExists(messages);
        } catch (IOException e) {
            throw new StartupException("Cannot clear " + messages + ": " + e.getMessage(), e);
        }
        Path consoleLog = (outputDir != null ? outputDir : wlpHome.resolve("usr/servers").resolve(SERVER))
                .resolve("fupan-console.log");
        ManagedProcess process = ManagedProcess.start("Liberty",
                List.of(wlpHome.resolve("bin/server").toString(), "run", SERVER), wlpHome, environment, consoleLog);
        Liberty liberty = new Liberty(process, httpPort, messages);
        liberty.awaitReady(timeout);
        return liberty;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url() + "/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            Optional<String> failure = startFailure();
            if (failure.isPresent()) {
                process.stop(Duration.ofSeconds(20));
                throw new StartupException(failure.get());
            }
            if (!process.alive()) {
                throw new StartupException("The Fupan server stopped while starting; its log " + messages
                        + " ends with:\n" + process.tail(30));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                lastAnswer = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for the Fupan server");
            }
            ManagedProcess.pause(500);
        }
        process.stop(Duration.ofSeconds(20));
        throw new StartupException("The Fupan server was not ready at " + ready + " within " + timeout.toSeconds()
                + " s (last answer: " + lastAnswer + "). Its log: " + messages);
    }

    /**
     * Why the application failed to start, if the server log says so: Fupan's own one-line reason
     * where there is one, else Liberty's message that the application did not start.
     */
    private Optional<String> startFailure() {
        if (!Files.isRegularFile(messages)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(messages, StandardCharsets.UTF_8);
            Optional<String> ours = lines.stream().filter(l -> l.contains(START_FAILED_MARK))
                    .map(l -> l.substring(l.indexOf(START_FAILED_MARK) + START_FAILED_MARK.length()).strip())
                    .findFirst();
            if (ours.isPresent()) {
                return ours;
            }
            // CWWKZ0002E: an application failed to start; CWWKE0701E/CWWKF0009W: the server itself.
            return lines.stream().filter(l -> l.contains("CWWKZ0002E") || l.contains("CWWKE0701E"))
                    .map(l -> "The Fupan server failed to start: " + l.substring(l.indexOf("CWWK")).strip()
                            + " (log: " + messages + ")")
                    .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Base URL, e.g. {@code http://localhost:9080}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path messagesLog() {
        return messages;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
