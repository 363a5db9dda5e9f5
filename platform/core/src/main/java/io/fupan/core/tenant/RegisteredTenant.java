package io.fupan.core.tenant;

/** A tenant as the registry knows it. */
public record RegisteredTenant(
        String id, String name, String plan, TenantStatus status, String timeZone, String currency, String locale) {

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }
}
