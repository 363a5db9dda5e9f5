package io.fupan.core.error;

import io.fupan.core.i18n.Messages;
import java.util.List;

/**
 * What a service refuses, in terms the REST layer maps to one HTTP status each (in one place:
 * the server's exception mapper). Messages are for people: they name the record or the field.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.NotFound, DomainException.Invalid, DomainException.Conflict,
                DomainException.Stale, DomainException.Forbidden {

    private DomainException(String message) {
        super(message);
    }

    /** The record does not exist for this caller: absent, another tenant's, or not visible (404). */
    public static final class NotFound extends DomainException {
        public NotFound(String kind, Object id) {
            super(Messages.get("problem.notFound", Messages.kind(kind), String.valueOf(id)));
        }
    }

    /** The input breaks a rule; each error names its field (422). */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() == 1 ? Messages.get("problem.invalidOne", errors.get(0).field(), errors.get(0).message())
                    : Messages.get("problem.invalidMany", String.valueOf(errors.size())));
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The request clashes with the state of things, e.g. an id that exists already (409). */
    public static final class Conflict extends DomainException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The caller wrote against an old version of the record (412). */
    public static final class Stale extends DomainException {
        public Stale(String kind, Object id, long expected, long actual) {
            super(Messages.get("problem.stale", Messages.kind(kind), String.valueOf(id), String.valueOf(expected),
                    String.valueOf(actual)));
        }
    }

    /** The caller's roles do not allow this (403). Never used to hide another tenant's records: that is NotFound. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** One invalid field: a JSON path such as {@code amount} or {@code custom.budget}. */
    public record FieldError(String field, String message) {}
}
