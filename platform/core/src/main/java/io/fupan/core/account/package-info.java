/**
 * Accounts: the customer organisations of a tenant, with parent/subsidiary hierarchy (no cycles),
 * industry, region, size, tier and custom attributes. {@link io.fupan.core.account.AccountService} is
 * how other packages change accounts.
 */
package io.fupan.core.account;
