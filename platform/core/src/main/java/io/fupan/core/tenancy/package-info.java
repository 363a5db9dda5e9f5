/**
 * Tenancy: who a unit of work acts for ({@link io.fupan.core.tenancy.TenantContext},
 * {@link io.fupan.core.tenancy.Actor}) and the one way to tenant data
 * ({@link io.fupan.core.tenancy.TenantData}), with EclipseLink's tenant discriminator and
 * PostgreSQL row-level security both bound to the same tenant for each transaction.
 */
package io.fupan.core.tenancy;
