/**
 * Contacts: the people of an account, with title, department, reports-to line (no cycles) and
 * buying role, which relationship mapping builds on.
 */
package io.fupan.core.contact;
