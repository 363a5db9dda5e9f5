package io.fupan.server.rest;

import io.fupan.core.i18n.Messages;
import io.fupan.server.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** Optimistic locking over HTTP: the record's version is its ETag; writes send it back in If-Match. */
public final class Versions {

    private Versions() {}

    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version named by {@code If-Match}; 428 when the header is missing, 412 when it is not one of ours. */
    public static long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new WebApplicationException(Problem.of(428, "precondition-required", "Precondition Required",
                    Messages.get("request.ifMatchMissing"))
                    .toResponse());
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new WebApplicationException(Problem.of(Response.Status.PRECONDITION_FAILED, "stale",
                    "If-Match " + ifMatch + " names no version of this record.").toResponse());
        }
    }
}
