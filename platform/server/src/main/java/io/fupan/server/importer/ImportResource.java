package io.fupan.server.importer;

import io.fupan.core.i18n.Messages;
import io.fupan.core.importer.ImportFileException;
import io.fupan.core.importer.ImportJobs;
import io.fupan.core.importer.ImportRejected;
import io.fupan.core.importer.ImportResult;
import io.fupan.core.importer.Importer;
import io.fupan.core.query.Page;
import io.fupan.server.problem.Problem;
import io.fupan.server.rest.Ids;
import io.fupan.server.rest.ListParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /import/{kind}}: a CSV file of IMPORT.md (tenant admins). Synchronous: 200 with the
 * counts; 422 with every bad line when the import was atomic and wrote nothing; a problem (413,
 * 415, 422, 503) when the file as a whole cannot be imported. With {@code ?async=true} the file is
 * stored and 202 names the job ({@code GET /import/jobs/{id}}) that shows progress and the result.
 */
@Path("/import")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    Importer importer;
    @Inject
    ImportJobs jobs;
    @Inject
    @ConfigProperty(name = "fupan.import.dir")
    Optional<String> importDir;

    @POST
    @Path("{kind}")
    @Consumes("text/csv")
    @Operation(summary = "Import a CSV file of accounts, contacts, leads, opportunities, stage-history, activities or "
            + "quotes (tenant_admin); atomic unless ?partial=true; ?async=true answers 202 with a job to follow")
    public Response importFile(@PathParam("kind") String kind, @QueryParam("partial") boolean partial,
                               @QueryParam("async") boolean async, @HeaderParam("Content-Type") String contentType,
                               InputStream body) {
        if (!Importer.kinds().contains(kind)) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", Messages.get("import.noKind", kind,
                    String.join(", ", Importer.kinds()))).toResponse();
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
                    Messages.get("import.charset", charset)).toResponse();
        }
        Importer.Plan plan = importer.plan(kind, partial);
        try {
            if (async) {
                return accept(plan, body, encoding);
            }
            ImportResult result = importer.run(plan, body, encoding, ImportFileException.MAX_BYTES, Importer.Progress.NONE);
            return Response.ok(result, MediaType.APPLICATION_JSON).build();
        } catch (ImportRejected rejected) {
            return Response.status(422).type(MediaType.APPLICATION_JSON).entity(rejected.result()).build();
        } catch (ImportFileException e) {
            if (e.status() != 413) {
                drain(body);
            }
            return problem(e.status(), e.slug(), e.getMessage()).toResponse();
        }
    }

    @GET
    @Path("jobs/{id}")
    @Operation(summary = "An asynchronous import: status (queued, running, succeeded, rejected, failed), phase, "
            + "rows done of the total, and the result or problem (tenant_admin)")
    public Map<String, Object> job(@PathParam("id") String id) {
        return view(jobs.get(Ids.parse(id, "import job")));
    }

    @GET
    @Path("jobs")
    @Operation(summary = "The tenant's asynchronous imports, newest first (tenant_admin)")
    public Page<Map<String, Object>> jobs(@Context UriInfo uri) {
        ListParams params = new ListParams(uri, Set.of());
        return jobs.list(params.page(Map.of("createdAt", "createdAt"), "-createdAt")).map(ImportResource::view);
    }

    /** Stores the body (counting its records), then queues the job: 202 with the job and its address. */
    private Response accept(Importer.Plan plan, InputStream body, Charset charset) {
        java.nio.file.Path file;
        long[] stored;
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(importDir.orElseGet(
                    () -> System.getProperty("java.io.tmpdir") + "/fupan-imports"));
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, plan.tenantId() + "-" + plan.kind() + "-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the import file", e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            stored = copyCounting(body, out, ImportFileException.MAX_ASYNC_BYTES);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            if (e instanceof ImportFileException file413) {
                throw file413;
            }
            throw new UncheckedIOException("cannot store the import file", e instanceof IOException io ? io
                    : new IOException(e));
        }
        ImportJobs.Job job = jobs.start(plan, file, charset, stored[0], Math.max(0, stored[1] - 1));
        return Response.accepted(view(job)).location(URI.create("import/jobs/" + job.id()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Copies the body, counting its CSV records (line ends outside quotes; a last line without one
     * counts too). Quotes and line ends are single bytes in UTF-8 and GBK alike.
     */
    static long[] copyCounting(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long bytes = 0;
        long records = 0;
        boolean quoted = false;
        int last = '\n';
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if ((bytes += n) > max) {
                throw ImportFileException.tooLarge(max);
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    records++;
                }
            }
            if (n > 0) {
                last = buffer[n - 1];
            }
            out.write(buffer, 0, n);
        }
        if (last != '\n') {
            records++;
        }
        return new long[] {bytes, records};
    }

    private static Map<String, Object> view(ImportJobs.Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("kind", job.kind());
        view.put("partial", job.partial());
        view.put("status", job.status());
        view.put("phase", job.phase());
        view.put("rowsDone", job.rowsDone());
        view.put("rowsTotal", job.rowsTotal());
        view.put("bytesTotal", job.bytesTotal());
        view.put("createdBy", job.createdBy());
        view.put("createdAt", job.createdAt());
        view.put("startedAt", job.startedAt());
        view.put("finishedAt", job.finishedAt());
        view.put("result", job.result());
        Map<String, Object> problem = job.problem();
        if (problem != null) {
            int status = ((Number) problem.get("status")).intValue();
            Problem p = problem(status, (String) problem.get("slug"), (String) problem.get("detail"));
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("type", p.type());
            shown.put("title", p.title());
            shown.put("status", p.status());
            shown.put("detail", p.detail());
            problem = shown;
        }
        view.put("problem", problem);
        return view;
    }

    private static Problem problem(int status, String slug, String detail) {
        String title = status == 413 ? "Content Too Large" : status == 503 ? "Service Unavailable"
                : status == 500 ? "Internal Server Error" : "Unprocessable Content";
        return Problem.of(status, slug, title, detail);
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the OS cleans it
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
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }
}
