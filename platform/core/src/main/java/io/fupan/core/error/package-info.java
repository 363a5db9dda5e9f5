/**
 * What services refuse, as one sealed family of exceptions that the REST layer maps to one HTTP
 * status each (404, 422 with fields, 409, 412, 403).
 */
package io.fupan.core.error;
