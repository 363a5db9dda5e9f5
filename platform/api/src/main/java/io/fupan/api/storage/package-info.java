/**
 * Storage the platform gives each plugin, isolated by tenant (discriminator and row-level security)
 * and by plugin.
 *
 * @since 0.1.0
 */
package io.fupan.api.storage;
