package io.fupan.core.importer;

import io.fupan.core.importer.ImportSession.Outcome;
import io.fupan.core.importer.ImportSession.Value;
import io.fupan.core.pipeline.PipelineStage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * opportunities: created (and, when won or lost, closed) at the times of the file. A new one has
 * entered its stage at its close (won, lost) or creation (open); an update keeps the time its stage
 * was entered unless the stage changes. Industry and region default to the account's.
 */
final class OpportunityRows implements RowMapper {

    @Override
    public List<String> columns() {
        return List.of("external_id", "name", "account", "owner", "amount", "currency", "channel", "industry", "region",
                "created_at", "closed_at", "stage");
    }

    @Override
    public List<String> required() {
        return List.of("external_id", "name", "created_at", "stage");
    }

    @Override
    public String customEntity() {
        return "opportunity";
    }

    @Override
    public String table() {
        return "opportunity";
    }

    @Override
    public Outcome write(Row row, ImportSession session, String custom, boolean last) {
        String externalId = row.required("external_id", 200);
        List<Value> values = new ArrayList<>();
        values.add(new Value("name", "text", row.required("name", 200)));
        UUID account = row.has("account") ? session.reference(row, "account", "account", "account") : null;
        if (row.has("account")) values.add(new Value("account_id", "uuid", account));
        if (row.has("owner")) values.add(new Value("owner_id", "uuid", session.owner(row, "owner")));
        if (row.has("amount")) values.add(new Value("amount", "numeric", row.amount("amount")));
        String currency = row.text("currency", 3);
        if (currency != null && !isCurrency(currency)) {
            row.error("currency", "must be an ISO 4217 currency code such as CNY or USD, not '" + currency + "'");
        }
        values.add(new Value("currency", "text", currency == null ? session.currency : currency));
        if (row.has("channel")) values.add(new Value("channel", "text", row.text("channel", 100)));
        String industry = row.text("industry", 100);
        String region = row.text("region", 100);
        OffsetDateTime created = row.requiredTime("created_at");
        OffsetDateTime closedAt = row.time("closed_at");
        String key = row.required("stage", 40);
        PipelineStage stage = null;
        if (key != null) {
            stage = session.stage(key).orElse(null);
            if (stage == null) {
                row.error("stage", "'" + key + "' is not a stage of this pipeline (stages: " + session.stageList() + ")");
            } else if (stage.kind() != PipelineStage.Kind.OPEN && closedAt == null && !row.errors().stream()
                    .anyMatch(e -> "closed_at".equals(e.column()))) {
                row.error("closed_at", "is required when the stage is won or lost");
            }
        }
        if (!row.valid()) {
            return Outcome.UNCHANGED;
        }
        if (account != null && (industry == null || region == null)) {
            List<?> defaults = session.sql("select industry, region from account where tenant_id = ?1 and id = cast(?2 as uuid)",
                    session.tenantId, account.toString()).getResultList();
            if (!defaults.isEmpty()) {
                Object[] fields = (Object[]) defaults.get(0);
                industry = industry == null ? (String) fields[0] : industry;
                region = region == null ? (String) fields[1] : region;
            }
        }
        values.add(new Value("industry", "text", industry));
        values.add(new Value("region", "text", region));
        boolean closed = stage.kind() != PipelineStage.Kind.OPEN;
        values.add(new Value("created_at", "timestamptz", created));
        values.add(new Value("stage", "text", stage.key()));
        values.add(new Value("stage_entered_at", "timestamptz", closed ? closedAt : created,
                "case when t.stage = v.stage then t.stage_entered_at else v.stage_entered_at end"));
        values.add(new Value("closed_at", "timestamptz", closed ? closedAt : null));
        return session.upsert("opportunity", externalId, values, custom, true);
    }

    private static boolean isCurrency(String code) {
        try {
            return code.equals(Currency.getInstance(code).getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
