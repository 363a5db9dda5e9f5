package io.fupan.testkit.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file, stopped together with everything it started
 * (Keycloak's kc.sh and Liberty's server script each stay the parent of their JVM).
 */
final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    /** Stops the child if this JVM ends first, also while a start is still waiting for it to be ready. */
    private final Thread stopOnExit;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(() -> stop(Duration.ofSeconds(20)), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new StartupException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The last lines of the log, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Asks the process tree to stop (SIGTERM), waits up to {@code grace}, then kills what is left. */
    void stop(Duration grace) {
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shutdownUnderWay) {
                // the hook runs anyway; stopping twice is harmless
            }
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + grace.toNanos();
            for (ProcessHandle child : tree) {
                long left = Math.max(1, deadline - System.nanoTime());
                child.onExit().get(left, TimeUnit.NANOSECONDS);
            }
        } catch (Exception timeoutOrInterrupt) {
            // fall through to the kill below
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }

    /** Waits between checks of a starting part; an interrupt ends the start. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }
}
