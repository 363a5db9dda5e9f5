/**
 * The Fupan plugin SDK: the only artifact a plugin compiles against.
 *
 * <p>Everything here is a stable, semantically versioned contract between the platform and
 * plugins written by strangers: values that cross the boundary are records, results the host
 * produces are sealed interfaces, and nothing exposes persistence, JDBC or core classes. The
 * extension points, tenant-scoped services and events arrive with the plugin platform; this
 * version holds the values every other part names.
 *
 * @since 0.1.0
 */
package io.fupan.api;
