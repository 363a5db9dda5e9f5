package io.fupan.plugins.review;

/** A request the plugin refuses, naming the query parameter at fault; answered as a 400 problem. */
final class BadRequest extends RuntimeException {

    private final String field;

    BadRequest(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
