/** {@code /export/{kind}}: CSV export of a tenant's records in the import's format (IMPORT.md). */
package io.fupan.server.exporter;
