/**
 * Users and teams of a tenant, the mapping of a signed-in person to their user record
 * ({@link io.fupan.core.user.UserDirectory}), and who sees which sales records
 * ({@link io.fupan.core.user.Visibility}).
 */
package io.fupan.core.user;
