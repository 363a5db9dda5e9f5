/**
 * Accounts: the customer organisations of a tenant, with parent/subsidiary hierarchy (no cycles),
 * industry, region, size, tier and custom attributes. {@link io.fupan.core.account.AccountService} is
 * the only way in; the entity stays inside the package.
 */
package io.fupan.core.account;
