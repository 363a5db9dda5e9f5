/**
 * Domain events (records) and the listener capability. Events are written to an outbox in the same
 * transaction as the change and delivered after commit, at least once, in order per record.
 *
 * @since 0.1.0
 */
package io.fupan.api.event;
