package io.fupan.server.exporter;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.exporter.Export;
import io.fupan.core.exporter.Exporter;
import io.fupan.server.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /export/{kind}}: every record of a kind as a CSV file in IMPORT.md's format (tenant
 * admins), streamed: the caller is checked and the header fixed before the first byte, then the
 * records follow chunk by chunk. Importing the file into an empty tenant gives the same records.
 */
@Path("/export")
@ApplicationScoped
public class ExportResource {

    @Inject
    Exporter exporter;

    @GET
    @Path("{kind}")
    @Produces({"text/csv", Problem.MEDIA_TYPE})
    @Operation(summary = "Export every account, contact, lead, opportunity, stage-history entry, activity or quote "
            + "as CSV in the import's format (tenant_admin); an attachment named <tenant>-<kind>-<date>.csv")
    public Response exportFile(@PathParam("kind") String kind,
                               @Parameter(description = "utf-8 (default) or gbk (written as GB18030, for Excel)")
                               @QueryParam("charset") String charset) {
        if (!Exporter.kinds().contains(kind)) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", Messages.get("export.noKind", kind,
                    String.join(", ", Exporter.kinds()))).toResponse();
        }
        String name = charset == null ? "utf-8" : charset.strip().toLowerCase(Locale.ROOT);
        Charset encoding;
        String label;
        if (name.equals("utf-8") || name.equals("utf8")) {
            encoding = StandardCharsets.UTF_8;
            label = "utf-8";
        } else if (name.equals("gbk") || name.equals("gb18030")) {
            encoding = Charset.forName("GB18030");
            label = "gb18030";
        } else {
            throw new DomainException.Invalid("charset", Messages.get("export.charset",
                    name.length() > 40 ? name.substring(0, 40) + "…" : name));
        }
        Export export = exporter.open(kind);
        StreamingOutput body = out -> exporter.write(export, out, encoding);
        return Response.ok(body, "text/csv; charset=" + label)
                .header("Content-Disposition", "attachment; filename=\"" + export.filename() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
