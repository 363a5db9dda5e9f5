package io.fupan.core.tenant.config;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant as written in {@code tenant-config/tenants/<id>.yaml}.
 *
 * @param plan id of a {@link PlanDefinition} of the same {@link TenantConfig}
 * @param plugins the tenant's plugin choices, each plugin id at most once; a plugin not listed is off
 */
public record TenantDefinition(
        String id,
        String name,
        String plan,
        Status status,
        ZoneId timeZone,
        Currency currency,
        Locale locale,
        List<TenantPluginSetting> plugins) {

    /** {@code active}: may sign in and use the API; {@code suspended}: every request is refused. */
    public enum Status { ACTIVE, SUSPENDED }

    public TenantDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(locale, "locale");
        plugins = List.copyOf(plugins);
    }

    public Optional<TenantPluginSetting> plugin(String pluginId) {
        return plugins.stream().filter(p -> p.id().equals(pluginId)).findFirst();
    }
}
