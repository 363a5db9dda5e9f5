/**
 * List queries: page requests ({@code page}, {@code size} ≤ 500, {@code sort}), pages with totals, and a
 * small JPQL builder whose conditions are fixed strings and whose values are always parameters.
 */
package io.fupan.core.query;
