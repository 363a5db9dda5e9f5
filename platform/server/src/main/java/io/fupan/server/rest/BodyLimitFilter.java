package io.fupan.server.rest;

import io.fupan.core.i18n.Messages;
import io.fupan.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the limit (413) before reading them: by Content-Length when the
 * client sends one, else while the body streams in. CSV imports stream and set their own limits.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimitFilter implements ContainerRequestFilter {

    /** The JSON API's limit: 10 MiB, the smallest plan's maxRequestBodyBytes. */
    public static final long MAX_JSON_BODY = 10L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("import")) {
            return;
        }
        if (request.getLength() > MAX_JSON_BODY) {
            request.abortWith(tooLarge());
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), MAX_JSON_BODY));
        }
    }

    static Response tooLarge() {
        return Problem.of(413, "payload-too-large", "Content Too Large",
                Messages.get("request.bodyTooLarge", String.valueOf(MAX_JSON_BODY >> 20))).toResponse();
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new WebApplicationException(tooLarge());
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new WebApplicationException(tooLarge());
            }
            return n;
        }
    }
}
