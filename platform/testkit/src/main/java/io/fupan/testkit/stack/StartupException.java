package io.fupan.testkit.stack;

/**
 * A part could not start. The message is one line a person can act on ("Port 9080 is in use …");
 * the run command prints it alone, without a stack trace.
 */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
