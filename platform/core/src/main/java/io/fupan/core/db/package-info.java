/**
 * The database schema: Flyway migrations from {@code db/migration}, run as the schema's owner at start-up.
 */
package io.fupan.core.db;
