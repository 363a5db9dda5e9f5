/**
 * Custom attributes: a tenant's own typed fields on leads, accounts and opportunities; their
 * definitions, the checking and normalising of values, and list filters ({@code custom.<key>=}).
 */
package io.fupan.core.custom;
