/** The tenant's currency conversion table. */
package io.fupan.core.currency;
