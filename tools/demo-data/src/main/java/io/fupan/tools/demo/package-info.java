/**
 * The demo-data generator: a realistic, seed-deterministic year of a tenant's CRM history
 * (accounts with hierarchies and contacts, leads with behaviour, opportunities with stage
 * history, quotes, activities) written as the CSV files of IMPORT.md. {@link io.fupan.tools.demo.DemoData}
 * writes them; {@link io.fupan.tools.demo.Main} is the command line.
 */
package io.fupan.tools.demo;
