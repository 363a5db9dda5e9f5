package io.fupan.core.tenant.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The plans and tenants of the tenant-config folder, checked: ids are unique and every tenant's
 * plan is one of {@code plans}. Lookups scan the lists, which hold a handful of entries; the
 * registry that answers per request keeps its own index.
 */
public record TenantConfig(List<PlanDefinition> plans, List<TenantDefinition> tenants) {

    public TenantConfig {
        plans = List.copyOf(plans);
        tenants = List.copyOf(tenants);
        var planIds = new HashSet<String>();
        plans.forEach(p -> requireNew(planIds, "plan", p.id()));
        var tenantIds = new HashSet<String>();
        tenants.forEach(t -> requireNew(tenantIds, "tenant", t.id()));
        for (TenantDefinition tenant : tenants) {
            if (!planIds.contains(tenant.plan())) {
                throw new IllegalArgumentException("tenant " + tenant.id() + " has plan " + tenant.plan()
                        + ", which is not one of " + plans.stream().map(PlanDefinition::id).collect(Collectors.joining(", ")));
            }
        }
    }

    public Optional<PlanDefinition> plan(String id) {
        return plans.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<TenantDefinition> tenant(String id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The plan of one of this config's tenants. */
    public PlanDefinition planOf(TenantDefinition tenant) {
        return plan(tenant.plan()).orElseThrow(() -> new IllegalArgumentException("unknown plan " + tenant.plan()));
    }

    private static void requireNew(HashSet<String> seen, String kind, String id) {
        if (!seen.add(id)) {
            throw new IllegalArgumentException("two " + kind + "s have the id " + id);
        }
    }
}
