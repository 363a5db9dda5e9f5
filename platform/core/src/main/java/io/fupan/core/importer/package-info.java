/**
 * CSV import (IMPORT.md), synchronous: {@link io.fupan.core.importer.Importer} streams one file of a kind
 * through the project's one CSV reader ({@code CsvInput}, commons-csv with size limits) into one
 * transaction, a small row mapper per kind, idempotent by external id; atomic unless partial.
 */
package io.fupan.core.importer;
