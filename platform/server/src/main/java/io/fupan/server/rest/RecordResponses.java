package io.fupan.server.rest;

import io.fupan.core.record.Versioned;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answers that carry one record: the record, with its version as ETag. */
public final class RecordResponses {

    private RecordResponses() {}

    /** 200 with the record. */
    public static Response ok(Versioned view) {
        return Response.ok(view).tag(Versions.tag(view.version())).build();
    }

    /** 201 with the record, located at the request's path plus its id. */
    public static Response created(UriInfo uri, Versioned view) {
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .tag(Versions.tag(view.version())).entity(view).build();
    }
}
