package io.fupan.server.importer;

import io.fupan.core.importer.ImportFileException;
import io.fupan.core.importer.ImportResult;
import io.fupan.core.importer.Importer;
import io.fupan.server.problem.Problem;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /import/{kind}}: a CSV file of IMPORT.md, streamed, imported in one transaction
 * (tenant admins). 200 with the counts; 422 with every bad line when the import was atomic and
 * wrote nothing; a problem (413, 415, 422) when the file as a whole cannot be read.
 */
@Path("/import")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** How long one synchronous import may hold its transaction (the server's default is 2 minutes). */
    static final int TRANSACTION_SECONDS = 30 * 60;

    @Inject
    Importer importer;
    @Resource
    UserTransaction transaction;

    @POST
    @Path("{kind}")
    @Consumes("text/csv")
    @Operation(summary = "Import a CSV file of accounts, contacts, leads, opportunities, stage-history or activities "
            + "(tenant_admin); atomic unless ?partial=true")
    public Response importFile(@PathParam("kind") String kind, @QueryParam("partial") boolean partial,
                               @HeaderParam("Content-Type") String contentType, InputStream body) {
        if (!Importer.kinds().contains(kind)) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", "There is no import of '" + kind
                    + "'; the kinds are " + String.join(", ", Importer.kinds()) + ".").toResponse();
        }
        String charset = MediaType.valueOf(contentType).getParameters().getOrDefault("charset", "utf-8")
                .toLowerCase(Locale.ROOT);
        Charset encoding;
        if (charset.equals("utf-8") || charset.equals("utf8")) {
            encoding = StandardCharsets.UTF_8;
        } else if (charset.equals("gbk") || charset.equals("gb2312") || charset.equals("gb18030")) {
            encoding = Charset.forName("GB18030");
        } else {
            return Problem.of(415, "unsupported-charset", "Unsupported Media Type",
                    "The charset '" + charset + "' is not accepted: send utf-8 (with or without BOM) or gbk.").toResponse();
        }
        try {
            transaction.setTransactionTimeout(TRANSACTION_SECONDS); // for the transaction the importer begins
            ImportResult result = importer.run(kind, body, encoding, partial);
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        } catch (io.fupan.core.importer.ImportRejected rejected) {
            return Response.status(422).type(MediaType.APPLICATION_JSON).entity(rejected.result()).build();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot set the import's transaction timeout", e);
        } catch (ImportFileException e) {
            if (e.status() != 413) {
                drain(body);
            }
            return Problem.of(e.status(), e.slug(), e.status() == 413 ? "Content Too Large" : e.status() == 503 ? "Service Unavailable" : "Unprocessable Content",
                    e.getMessage()).toResponse();
        } finally {
            resetTimeout();
        }
    }

    private void resetTimeout() {
        try {
            transaction.setTransactionTimeout(0);
        } catch (SystemException e) {
            // the next transaction of this thread keeps the longer timeout: harmless
        }
    }

    /** Reads what the client still sends of a refused file, so it gets the answer instead of a reset connection. */
    private static void drain(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long left = 200L * 1024 * 1024;
        try {
            for (int n = body.read(buffer); n > 0 && (left -= n) > 0; n = body.read(buffer)) {
                // discard
            }
        } catch (java.io.IOException e) {
            // the client went away: nothing to answer
        }
    }
}
