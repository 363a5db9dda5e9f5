package io.fupan.testkit;

import io.fupan.testkit.stack.Ports;
import io.fupan.testkit.stack.Postgres;
import java.nio.file.Path;

/**
 * The parts a test run shares: started on first use, stopped when the JUnit launcher session
 * ends ({@link StackSessionListener}) or, failing that, when the JVM exits. Static on purpose:
 * one PostgreSQL and one server per test JVM, whatever the number of test classes.
 */
final class SharedParts {

    private static Postgres postgres;
    private static FupanStack stack;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedParts::stopAll, "fupan-testkit-stop"));
    }

    private SharedParts() {}

    static synchronized Postgres postgres() {
        if (postgres == null) {
            Path work = Path.of(System.getProperty("fupan.work.dir", "target/fupan-test"));
            postgres = Postgres.start(work.resolve("postgres"), Ports.free(), true);
        }
        return postgres;
    }

    static synchronized FupanStack stack() {
        if (stack == null) {
            stack = FupanStack.startForTests(postgres());
            // arquillian.xml reads the port of the server Arquillian connects to.
            System.setProperty("fupan.liberty.httpPort", Integer.toString(stack.server().port()));
        }
        return stack;
    }

    static synchronized void stopAll() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            stack = null;
            if (postgres != null) {
                postgres.close();
            }
            postgres = null;
        }
    }
}
