package io.fupan.server.plugin;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.plugin.LoadedPlugin;
import io.fupan.core.plugin.PluginCatalog;
import io.fupan.core.plugin.PluginDescriptor;
import io.fupan.server.security.Caller;
import io.fupan.server.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /admin/plugins}: what this server installed from its plugin directory and what it refused
 * (with the reason), for platform operators; {@code POST /admin/plugins/rescan} installs new jars now.
 */
@Path("/admin/plugins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginAdminResource {

    @Inject
    Caller caller;
    @Inject
    PluginCatalog catalog;

    /** One installed plugin version. */
    public record Installed(String id, String version, String name, String tier, String requires,
                            Map<String, String> dependencies, String file, String sha256) {
        static Installed of(LoadedPlugin p) {
            PluginDescriptor d = p.descriptor();
            return new Installed(d.id(), d.version(), d.name(), d.tier(), d.requires(), d.dependencies(),
                    d.jar().getFileName().toString(), d.sha256());
        }
    }

    /** The catalog: installed versions, refused files with reasons, and what the last scan changed. */
    public record CatalogView(String directory, List<Installed> installed, List<PluginCatalog.Refusal> refused,
                              PluginCatalog.ScanResult lastScan) {}

    @GET
    @Operation(summary = "Installed plugin versions and refused plugin files with the reason (platform_admin)")
    public CatalogView catalog() {
        requireOperator();
        return view(null);
    }

    @POST
    @Path("rescan")
    @Operation(summary = "Scan the plugin directory now: install new jars, uninstall removed ones (platform_admin)")
    public CatalogView rescan() {
        requireOperator();
        return view(catalog.rescan());
    }

    private CatalogView view(PluginCatalog.ScanResult scan) {
        return new CatalogView(catalog.directory().toString(),
                catalog.all().values().stream().flatMap(List::stream).map(Installed::of).toList(),
                catalog.refused(), scan);
    }

    private void requireOperator() {
        if (!caller.identity().roles().contains(Roles.PLATFORM_ADMIN)) {
            throw new DomainException.Forbidden(Messages.get("access.pluginsOperatorsOnly"));
        }
    }
}
