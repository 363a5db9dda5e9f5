package io.fupan.core.tenant;

import io.fupan.core.tenant.config.PlanDefinition;
import io.fupan.core.tenant.config.TenantConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The tenant-config this server started with: its plans above all. Set once at start-up. */
@ApplicationScoped
public class InstallationConfig {

    private volatile TenantConfig config;

    public void set(TenantConfig config) {
        this.config = config;
    }

    public List<PlanDefinition> plans() {
        return config == null ? List.of() : config.plans();
    }

    public Optional<PlanDefinition> plan(String id) {
        return config == null ? Optional.empty() : config.plan(id);
    }
}
