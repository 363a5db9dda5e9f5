/**
 * Leads: status new → contacted → mql → sql → converted | disqualified with a timestamped history,
 * and conversion (L2O) into an account, a contact and an opportunity in one transaction.
 */
package io.fupan.core.lead;
