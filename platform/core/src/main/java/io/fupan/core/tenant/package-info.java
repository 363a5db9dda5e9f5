/**
 * Tenants: the registry of who may work on this installation (active or suspended, plan, zone,
 * currency, locale) and each tenant's plugin choices. The registry is seeded from
 * {@code tenant-config/tenants/*.yaml} at start-up ({@link io.fupan.core.tenant.config}) and
 * consulted on every request: a token whose tenant is unknown or suspended is refused.
 */
package io.fupan.core.tenant;
