/**
 * The tenant-config files: the plans ({@code plans/*.yaml}: which plugins and limits each plan
 * allows) and the tenants ({@code tenants/*.yaml}: plan, status, zone, currency, locale and
 * plugin choices) that an installation starts with. {@link io.fupan.core.tenant.config.TenantConfigLoader}
 * reads them once at start-up, checks each against its JSON Schema (shipped in this package under
 * {@code schema/}) and against the others (ids match file names, plans exist, zones and currencies
 * are real), and either returns them as records in a {@link io.fupan.core.tenant.config.TenantConfig}
 * or stops start-up with a {@link io.fupan.core.tenant.config.TenantConfigException} that names
 * every problem by file, line and reason. The tenant registry seeds itself from the result; nothing
 * here reads the files again at run time.
 */
package io.fupan.core.tenant.config;
