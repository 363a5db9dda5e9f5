package io.fupan.core.importer;

import io.fupan.core.i18n.Messages;
import static io.fupan.core.importer.ImportSession.LATEST;
import static io.fupan.core.importer.ImportSession.TENANT;

import io.fupan.core.importer.ImportSession.Field;
import io.fupan.core.importer.Staging.Column;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** quotes: each version of a quote sent for an opportunity, with its list and net totals (discount = list - net). */
final class QuoteRows implements RowMapper {

    @Override
    public List<String> columns() {
        return List.of("external_id", "opportunity", "version", "issued_at", "list_total", "net_total", "currency");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "opportunity", "version", "issued_at", "list_total", "net_total");
    }

    @Override
    public List<Column> staging() {
        return List.of(Column.text("external_id"), Column.text("opportunity"), new Column("quote_version", "integer"),
                new Column("issued_at", "timestamptz"), new Column("list_total", "numeric"),
                new Column("net_total", "numeric"), Column.text("currency"));
    }

    @Override
    public Object[] read(Row row, ImportSession session) {
        String externalId = row.required("external_id", 200);
        String opportunity = row.required("opportunity", 200);
        Integer version = row.integer("version");
        if (version == null && !row.failed("version")) {
            row.error("version", Messages.get("import.row.required"));
        } else if (version != null && version < 1) {
            row.error("version", Messages.get("import.row.version", String.valueOf(version)));
        }
        BigDecimal list = row.requiredAmount("list_total");
        BigDecimal net = row.requiredAmount("net_total");
        if (list != null && list.signum() < 0) {
            row.error("list_total", Messages.get("import.row.negative"));
        }
        if (net != null && net.signum() < 0) {
            row.error("net_total", Messages.get("import.row.negative"));
        }
        String currency = row.currency("currency");
        return new Object[] {externalId, opportunity, version, row.requiredTime("issued_at"), list, net,
                currency == null ? session.currency : currency};
    }

    @Override
    public long check(ImportSession session, Set<String> present) throws SQLException {
        return session.reference("opportunity", "opportunity", "opportunity", false);
    }

    @Override
    public long[] write(ImportSession session, Set<String> present, boolean custom) throws SQLException {
        return session.upsert("quote", LATEST + " join opportunity o on o.tenant_id = " + TENANT
                + " and o.external_id = r.opportunity", List.of(new Field("opportunity_id", "o.id"),
                new Field("quote_version", "r.quote_version"), new Field("issued_at", "r.issued_at"),
                new Field("list_total", "r.list_total"), new Field("net_total", "r.net_total"),
                new Field("currency", "r.currency")), true);
    }
}
