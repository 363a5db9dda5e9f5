package io.fupan.core.tenancy;

/**
 * The work of a transaction was undone although the code itself succeeded: the transaction ran past
 * its time limit, or something marked it for rollback. The caller must not take it for success.
 */
public class RolledBack extends RuntimeException {

    public RolledBack(String message, Throwable cause) {
        super(message, cause);
    }
}
