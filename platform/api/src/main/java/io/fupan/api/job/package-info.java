/**
 * Scheduled jobs a plugin runs per tenant.
 *
 * @since 0.1.0
 */
package io.fupan.api.job;
