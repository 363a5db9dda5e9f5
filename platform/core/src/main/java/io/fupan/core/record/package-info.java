/**
 * What every write shares: partial updates ({@link io.fupan.core.record.Patch}), input checks
 * ({@link io.fupan.core.record.Inputs}), JSON text of jsonb columns, and the one clock
 * ({@link io.fupan.core.record.Times}).
 */
package io.fupan.core.record;
