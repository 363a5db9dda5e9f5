package io.fupan.core.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one kind of IMPORT.md is made of in the database: the columns of its file in IMPORT.md's
 * order, each a SQL expression over the record {@code r} (and the joins that resolve references to
 * the referenced record's export key), the table whose records page the file, and the custom
 * attribute entity whose keys become extra columns.
 *
 * <p>A record's export key is its external id, or, for a record created through the API (which has
 * none), its id as text: stable, and written the same wherever the record is referenced, so that
 * an import of the files links the same records.
 */
record ExportKind(String name, String table, String pageTable, String on, List<Column> columns, String joins,
                  String order, String customEntity) {

    /** One column: its header, its value as SQL text, and whether it is a time (written in the tenant's zone). */
    record Column(String name, String sql, boolean time) {}

    static final Map<String, ExportKind> KINDS = new LinkedHashMap<>();

    static {
        add(new ExportKind("accounts", "account", "account", "r.id = page.id", List.of(
                key(), text("name"), text("industry"), text("region"), number("employees"), number("annual_revenue"),
                text("tier"), new Column("parent", ref("p"), false), owner()),
                join("account", "p", "r.parent_id") + owners(), "", "account"));
        add(new ExportKind("contacts", "contact", "contact", "r.id = page.id", List.of(
                key(), text("name"), new Column("account", ref("a"), false), text("title"), text("department"),
                text("email"), text("phone"), new Column("reports_to", ref("b"), false),
                new Column("role", "r.buying_role", false), owner()),
                join("account", "a", "r.account_id") + join("contact", "b", "r.reports_to_id") + owners(), "", null));
        add(new ExportKind("leads", "lead", "lead", "r.id = page.id", List.of(
                key(), text("name"), text("company"), text("email"), text("phone"), text("channel"), text("industry"),
                text("region"), number("employees"), time("created_at"), text("status"), time("status_changed_at"),
                new Column("converted_opportunity", ref("o"), false), owner()),
                join("opportunity", "o", "r.converted_opportunity_id") + owners(), "", "lead"));
        add(new ExportKind("opportunities", "opportunity", "opportunity", "r.id = page.id", List.of(
                key(), text("name"), new Column("account", ref("a"), false), owner(), number("amount"),
                new Column("currency", "trim(r.currency)", false), text("channel"), text("industry"), text("region"),
                time("created_at"), time("closed_at"), text("stage")),
                join("account", "a", "r.account_id") + owners(), "", "opportunity"));
        // One row per entry, the entries of an opportunity together and in time order; paged by opportunity.
        add(new ExportKind("stage-history", "stage_history", "opportunity", "r.opportunity_id = page.id", List.of(
                new Column("opportunity", ref("o"), false), text("stage"), time("entered_at")),
                join("opportunity", "o", "r.opportunity_id"), ", r.entered_at, r.stage", null));
        add(new ExportKind("activities", "activity", "activity", "r.id = page.id", List.of(
                key(), new Column("lead", ref("l"), false), new Column("contact", ref("c"), false),
                new Column("opportunity", ref("o"), false), text("type"), time("occurred_at"), text("subject")),
                join("lead", "l", "r.lead_id") + join("contact", "c", "r.contact_id")
                        + join("opportunity", "o", "r.opportunity_id"), "", null));
        add(new ExportKind("quotes", "quote", "quote", "r.id = page.id", List.of(
                key(), new Column("opportunity", ref("o"), false), new Column("version", "cast(r.quote_version as text)",
                        false), time("issued_at"), number("list_total"), number("net_total"),
                new Column("currency", "trim(r.currency)", false)),
                join("opportunity", "o", "r.opportunity_id"), "", null));
    }

    private static void add(ExportKind kind) {
        KINDS.put(kind.name(), kind);
    }

    /** The standard columns' names (custom attribute columns must not take one). */
    List<String> names() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }

    /** The export key of {@code alias}'s record: its external id, else its id. */
    static String ref(String alias) {
        return "coalesce(" + alias + ".external_id, cast(" + alias + ".id as text))";
    }

    private static Column key() {
        return new Column("external_id", ref("r"), false);
    }

    private static Column text(String column) {
        return new Column(column, "r." + column, false);
    }

    /** Numbers as PostgreSQL writes them: plain decimals, never an exponent ({@code numeric(20,2)} keeps its 2 decimals). */
    private static Column number(String column) {
        return new Column(column, "cast(r." + column + " as text)", false);
    }

    private static Column time(String column) {
        return new Column(column, "r." + column, true);
    }

    private static Column owner() {
        return new Column("owner", "u.username", false);
    }

    private static String owners() {
        return " left join app_user u on u.tenant_id = r.tenant_id and u.id = r.owner_id";
    }

    private static String join(String table, String alias, String column) {
        return " left join " + table + " " + alias + " on " + alias + ".tenant_id = r.tenant_id and " + alias + ".id = "
                + column;
    }
}
