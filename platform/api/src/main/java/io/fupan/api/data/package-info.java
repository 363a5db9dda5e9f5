/**
 * Read models (records) of the tenant's core records, queries with filters and paging, and the
 * tenant's pipeline. Every read is bound to the plugin's tenant: row-level security keeps any
 * other tenant's rows out of reach.
 *
 * @since 0.1.0
 */
package io.fupan.api.data;
