package io.fupan.tools.demo;

import java.util.List;

/** The files of IMPORT.md, in the order they are imported (a file names rows of earlier files only). */
public enum Kind {
    ACCOUNTS("accounts", "external_id", "name", "industry", "region", "employees", "annual_revenue", "tier", "parent",
            "owner"),
    CONTACTS("contacts", "external_id", "name", "account", "title", "department", "email", "phone", "reports_to", "role"),
    OPPORTUNITIES("opportunities", "external_id", "name", "account", "owner", "amount", "currency", "channel", "industry",
            "region", "created_at", "closed_at", "stage"),
    STAGE_HISTORY("stage-history", "opportunity", "stage", "entered_at"),
    /** After opportunities: a converted lead names its opportunity. */
    LEADS("leads", "external_id", "name", "company", "email", "phone", "channel", "industry", "region", "employees",
            "created_at", "status", "status_changed_at", "converted_opportunity", "owner"),
    ACTIVITIES("activities", "external_id", "lead", "contact", "opportunity", "type", "occurred_at", "subject"),
    QUOTES("quotes", "external_id", "opportunity", "version", "issued_at", "list_total", "net_total", "currency");

    private final String key;
    private final List<String> columns;

    Kind(String key, String... columns) {
        this.key = key;
        this.columns = List.of(columns);
    }

    /** The kind as the import endpoint names it ({@code POST /api/v1/import/{key}}). */
    public String key() {
        return key;
    }

    /** The header row, IMPORT.md's column names. */
    public List<String> columns() {
        return columns;
    }

    public String fileName() {
        return key + ".csv";
    }
}
