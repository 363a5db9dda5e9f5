package io.fupan.server.plugin;

import io.fupan.core.i18n.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.UserInfo;
import io.fupan.api.rest.PluginRequest;
import io.fupan.api.rest.PluginResponse;
import io.fupan.api.rest.RestEndpoint;
import io.fupan.core.error.DomainException;
import io.fupan.core.plugin.PluginCallException;
import io.fupan.core.plugin.PluginChange;
import io.fupan.core.plugin.PluginInvoker;
import io.fupan.core.plugin.PluginView;
import io.fupan.core.plugin.TenantPlugins;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.server.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /plugins}: the plugins a tenant may use, their activation per tenant (API.md "Plugins"),
 * and the plugins' own endpoints under {@code /plugins/{id}/…}, served through the invoker.
 */
@Path("/plugins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CHANGE_FIELDS = Set.of("enabled", "version", "config");

    @Inject
    TenantContext context;
    @Inject
    TenantPlugins plugins;
    @Inject
    PluginInvoker invoker;
    @Inject
    TenantRegistry registry;

    private final Jsonb jsonb = JsonbBuilder.create();

    @GET
    @Operation(summary = "Every installed plugin this tenant's plan allows, with the tenant's choice")
    public Map<String, List<PluginView>> list() {
        return Map.of("items", plugins.list(context.tenantId()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One plugin with the tenant's choice")
    public PluginView get(@PathParam("id") String id) {
        return plugins.get(context.tenantId(), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable, disable, pin a version of or configure a plugin (tenant_admin); no restart")
    public PluginView change(@PathParam("id") String id, String body) {
        Map<String, Object> input = readObject(body);
        List<DomainException.FieldError> errors = new java.util.ArrayList<>();
        input.keySet().stream().filter(k -> !CHANGE_FIELDS.contains(k)).forEach(k ->
                errors.add(new DomainException.FieldError(k, Messages.get("field.unknown", "config, enabled, version"))));
        Object enabled = input.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            errors.add(new DomainException.FieldError("enabled", Messages.get("field.boolean")));
        }
        Object version = input.get("version");
        if (version != null && !(version instanceof String s && s.length() <= 64)) {
            errors.add(new DomainException.FieldError("version", Messages.get("plugin.versionFormat")));
        }
        Object config = input.get("config");
        if (input.containsKey("config") && !(config instanceof Map)) {
            errors.add(new DomainException.FieldError("config", Messages.get("plugin.configObject")));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = (Map<String, Object>) config;
        return plugins.change(context.tenantId(), context.actor(), id,
                new PluginChange((Boolean) enabled, input.containsKey("version"), (String) version, configMap));
    }

    @GET
    @Path("{id}/{path: .+}")
    public void getSub(@PathParam("id") String id, @PathParam("path") String path, @Context UriInfo uri,
                       @Context HttpHeaders headers, @Suspended AsyncResponse response) {
        dispatch("GET", id, path, uri, headers, "", response);
    }

    @POST
    @Path("{id}/{path: .+}")
    public void postSub(@PathParam("id") String id, @PathParam("path") String path, @Context UriInfo uri,
                        @Context HttpHeaders headers, String body, @Suspended AsyncResponse response) {
        dispatch("POST", id, path, uri, headers, body, response);
    }

    @PUT
    @Path("{id}/{path: .+}")
    public void putSub(@PathParam("id") String id, @PathParam("path") String path, @Context UriInfo uri,
                       @Context HttpHeaders headers, String body, @Suspended AsyncResponse response) {
        dispatch("PUT", id, path, uri, headers, body, response);
    }

    @PATCH
    @Path("{id}/{path: .+}")
    public void patchSub(@PathParam("id") String id, @PathParam("path") String path, @Context UriInfo uri,
                         @Context HttpHeaders headers, String body, @Suspended AsyncResponse response) {
        dispatch("PATCH", id, path, uri, headers, body, response);
    }

    @DELETE
    @Path("{id}/{path: .+}")
    public void deleteSub(@PathParam("id") String id, @PathParam("path") String path, @Context UriInfo uri,
                          @Context HttpHeaders headers, @Suspended AsyncResponse response) {
        dispatch("DELETE", id, path, uri, headers, "", response);
    }

    /**
     * Serves one call of a plugin endpoint. The request thread only finds the tenant's instance; the
     * plugin runs on its own pool and the response is resumed from there (or by the invoker's timer),
     * so a plugin that hangs holds no request thread of the server.
     */
    private void dispatch(String method, String pluginId, String path, UriInfo uri, HttpHeaders headers, String body,
                          AsyncResponse async) {
        long received = System.nanoTime();
        String tenantId = context.tenantId();
        TenantPlugins.Active active;
        try {
            active = plugins.active(tenantId, pluginId).orElse(null);
        } catch (PluginCallException e) {
            async.resume(failure(e));
            return;
        }
        if (active == null || !(active.instance() instanceof RestEndpoint endpoint)) {
            async.resume(new DomainException.NotFound("plugin endpoint", pluginId + "/" + path
                    + " (the plugin is not enabled for this tenant, or has no endpoints)"));
            return;
        }
        Actor actor = context.actor();
        Locale locale = headers.getAcceptableLanguages().stream()
                .filter(l -> !l.getLanguage().isEmpty() && !"*".equals(l.getLanguage())).findFirst()
                .orElseGet(() -> registry.find(tenantId).map(t -> Locale.forLanguageTag(t.locale())).orElse(Locale.ENGLISH));
        PluginRequest request = new Call(method, path, Map.copyOf(uri.getQueryParameters()), body == null ? "" : body,
                new UserInfo(actor.userId(), actor.username(), actor.roles()), locale, jsonb);
        String version = active.plugin().descriptor().version();
        invoker.submit(active.plugin(), method + " " + path,
                active.plugin().descriptor().budgetFor(path, invoker.budget()), () -> {
                long started = System.nanoTime();
                PluginResponse r = endpoint.handle(request);
                if (r == null) {
                    throw new IllegalStateException("the endpoint returned no response");
                }
                long handled = System.nanoTime();
                if (r.body() instanceof PluginResponse.Problem p) {
                    return new Rendered(r.status(), null, p, null, r.headers(), started, handled, handled);
                }
                if (r.body() instanceof PluginResponse.Content c) {
                    return new Rendered(r.status(), null, null, c, r.headers(), started, handled, handled);
                }
                String json = r.body() == null ? null : jsonb.toJson(r.body());
                return new Rendered(r.status(), json, null, null, r.headers(), started, handled, System.nanoTime());
            }).whenComplete((rendered, error) -> {
                if (error != null) {
                    async.resume(error instanceof PluginCallException e ? failure(e)
                            : Problem.of(502, "plugin-failed", "Bad Gateway", "The plugin call failed.").toResponse());
                } else {
                    async.resume(respond(pluginId, version, rendered, received));
                }
            });
    }

    /**
     * The server's own time of a plugin call (W3C Server-Timing, milliseconds): {@code queue} from the
     * dispatch to the plugin's thread, {@code plugin} its handler, {@code json} writing its answer,
     * {@code total} dispatch to response (the authentication and routing before it are not in it).
     */
    static String serverTiming(long received, long started, long handled, long rendered) {
        return String.format(java.util.Locale.ROOT, "queue;dur=%.1f, plugin;dur=%.1f, json;dur=%.1f, total;dur=%.1f",
                (started - received) / 1e6, (handled - started) / 1e6, (rendered - handled) / 1e6,
                (System.nanoTime() - received) / 1e6);
    }

    private static Response respond(String pluginId, String version, Rendered rendered, long received) {
        Response.ResponseBuilder out;
        if (rendered.problem() != null) {
            Problem problem = new Problem("https://fupan.io/problems/" + pluginId + "/" + rendered.problem().slug(),
                    Response.Status.fromStatusCode(rendered.status()) == null ? "Error"
                            : Response.Status.fromStatusCode(rendered.status()).getReasonPhrase(),
                    rendered.status(), rendered.problem().detail(), null, rendered.problem().errors().isEmpty() ? null
                    : rendered.problem().errors().stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList());
            out = Response.status(rendered.status()).type(Problem.MEDIA).entity(problem);
        } else if (rendered.content() != null) {
            out = Response.status(rendered.status()).type(rendered.content().mediaType())
                    .entity(rendered.content().bytes()).header("X-Content-Type-Options", "nosniff");
            if (rendered.content().mediaType().startsWith("text/html")) {
                // A plugin's page is for reading and printing: no scripts, no requests out of it.
                out.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
            }
        } else {
            out = Response.status(rendered.status());
            if (rendered.json() != null) {
                out.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(rendered.json());
            }
        }
        rendered.headers().forEach(out::header);
        out.header("Fupan-Plugin-Version", version);
        out.header("Server-Timing", serverTiming(received, rendered.started(), rendered.handled(), rendered.rendered()));
        return out.build();
    }

    private record Rendered(int status, String json, PluginResponse.Problem problem, PluginResponse.Content content,
                            Map<String, String> headers, long started, long handled, long rendered) {}

    static Response failure(PluginCallException e) {
        Problem problem = switch (e.kind()) {
            case TIMEOUT -> Problem.of(504, "plugin-timeout", "Gateway Timeout", e.getMessage());
            case BUSY -> Problem.of(503, "plugin-busy", "Service Unavailable", e.getMessage());
            default -> Problem.of(502, "plugin-failed", "Bad Gateway", e.getMessage());
        };
        Response.ResponseBuilder r = Response.status(problem.status()).type(Problem.MEDIA).entity(problem);
        if (e.kind() == PluginCallException.Kind.BUSY) {
            r.header("Retry-After", "1");
        }
        return r.build();
    }

    private static Map<String, Object> readObject(String body) {
        if (body == null || body.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (!(value instanceof Map)) {
                throw new jakarta.ws.rs.WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "malformed-json",
                        "The body must be a JSON object.").toResponse());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        } catch (JsonProcessingException e) {
            throw new jakarta.ws.rs.WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "malformed-json",
                    "The body is not JSON: " + e.getOriginalMessage()).toResponse());
        }
    }

    /** One call as the plugin sees it. */
    private record Call(String method, String path, Map<String, List<String>> query, String body, UserInfo user,
                        Locale locale, Jsonb jsonb) implements PluginRequest {
        @Override
        public <T> T bodyAs(Class<T> type) {
            try {
                return jsonb.fromJson(body, type);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the body is not JSON of the expected shape: " + e.getMessage(), e);
            }
        }
    }
}
