package io.fupan.server.ui;

import io.fupan.core.plugin.TenantPlugins;
import io.fupan.core.plugin.UiPanelView;
import io.fupan.core.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /ui/panels}: the UI panels the caller sees — those of the plugins the caller's tenant
 * enabled (in the version it runs), limited to the caller's roles. The web UI reads it after sign-in
 * and mounts each panel in its slot; a plugin the tenant did not enable is not in the list.
 */
@Path("/ui/panels")
@ApplicationScoped
public class UiPanelResource {

    @Inject
    TenantContext context;
    @Inject
    TenantPlugins plugins;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The UI panels of the plugins this tenant enabled, for the caller's roles")
    public Map<String, List<UiPanelView>> list() {
        return Map.of("items", plugins.panels(context.tenantId(), context.actor().roles()));
    }
}
