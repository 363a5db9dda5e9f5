/**
 * The audit trail: who changed which field of which record, when, from what to what; written in the
 * same transaction as the change, readable by tenant admins.
 */
package io.fupan.core.audit;
