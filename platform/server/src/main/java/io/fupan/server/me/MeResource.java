package io.fupan.server.me;

import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.server.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /me}: who am I, in which tenant, with which roles and plugins. */
@Path("/me")
@ApplicationScoped
public class MeResource {

    @Inject
    Caller caller;

    @Inject
    TenantRegistry registry;

    public record Me(User user, Tenant tenant, List<String> roles, List<Plugin> plugins) {}

    public record User(String id, String username, String email, String name) {}

    public record Tenant(String id, String name, String plan, String status, String timeZone, String currency,
                         String locale) {
        static Tenant of(RegisteredTenant t) {
            return new Tenant(t.id(), t.name(), t.plan(), t.status().code(), t.timeZone(), t.currency(), t.locale());
        }
    }

    /** An enabled plugin; {@code version} is null when the tenant follows the newest version. */
    public record Plugin(String id, String version) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller: user, tenant, roles and enabled plugins")
    public Me me() {
        Caller.Identity who = caller.identity();
        Tenant tenant = who.tenantId() == null ? null
                : registry.find(who.tenantId()).map(Tenant::of).orElseThrow();
        List<Plugin> plugins = who.tenantId() == null ? List.of()
                : registry.pluginChoices(who.tenantId()).stream()
                        .filter(PluginChoice::enabled)
                        .map(p -> new Plugin(p.pluginId(), p.version()))
                        .toList();
        return new Me(new User(who.userId(), who.username(), who.email(), who.displayName()), tenant,
                who.roles().stream().sorted().toList(), plugins);
    }
}
