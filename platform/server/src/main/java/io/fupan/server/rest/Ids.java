package io.fupan.server.rest;

import io.fupan.core.error.DomainException;
import java.util.UUID;

/** Record ids in paths: a malformed id names no record, so it is a 404 like any other absent one. */
public final class Ids {

    private Ids() {}

    public static UUID parse(String id, String kind) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new DomainException.NotFound(kind, id);
        }
    }
}
