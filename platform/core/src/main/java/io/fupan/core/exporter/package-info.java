/**
 * CSV export (issue 4): every kind of IMPORT.md written in the import's own format, so that an
 * export imported into an empty tenant gives the same records and exports again byte for byte.
 * {@link io.fupan.core.exporter.Exporter} is the entry point; files stream in keyset-paged chunks,
 * each read in a short transaction ({@code ExportChunks}), through the project's one CSV writer
 * ({@link io.fupan.core.exporter.CsvOutput}).
 *
 * <p>What the format cannot carry is not exported: a lead's earlier statuses (only the current one
 * and its time), the account and contact a converted lead made, an opportunity's expected close
 * date and source lead, an activity's detail and owner. Custom attributes come back with their
 * values under the same keys, but an empty tenant defines them as an import does (number when every
 * value is one, else text): a boolean, date or choice attribute comes back as text, and a text one
 * whose values all look like numbers (say zip codes with leading zeros) as a number.
 */
package io.fupan.core.exporter;
