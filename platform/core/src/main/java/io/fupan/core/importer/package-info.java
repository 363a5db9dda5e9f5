/**
 * CSV import (IMPORT.md). {@link io.fupan.core.importer.Importer} reads one file of a kind through the
 * project's one CSV reader ({@code CsvInput}: commons-csv with size limits), checks each line in Java
 * (a small {@code RowMapper} per kind), stages the good lines with PostgreSQL's COPY ({@code Staging})
 * and writes the records with a few set-based statements ({@code ImportSession}), all in one database
 * transaction on the bulk connection: idempotent by external id, atomic unless partial, constant
 * memory. {@link io.fupan.core.importer.ImportJobs} runs imports sent with {@code ?async=true} on a
 * managed thread and keeps their progress and result.
 */
package io.fupan.core.importer;
