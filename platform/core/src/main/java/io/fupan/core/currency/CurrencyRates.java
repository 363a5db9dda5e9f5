package io.fupan.core.currency;

import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.i18n.Messages;
import io.fupan.core.record.Times;
import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The current tenant's currency conversion table (METRICS.md: "totals across currencies use the
 * tenant's conversion table and say so"): for each other currency, what one unit of it is worth in the
 * tenant's currency. Every role reads it; tenant admins replace it; the audit trail keeps each change.
 */
@ApplicationScoped
@InTransaction
public class CurrencyRates {

    /** More currencies than ISO 4217 knows in circulation is a mistake. */
    public static final int MAX_RATES = 200;
    private static final BigDecimal MAX_RATE = new BigDecimal("1000000000");
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    /** The table is one record to the audit trail. */
    static final UUID AUDIT_ID = UUID.nameUUIDFromBytes("currency-rates".getBytes(StandardCharsets.UTF_8));

    /** One rate as a tenant admin sends it. */
    public record RateInput(String currency, BigDecimal rate) {}

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    TenantRegistry registry;
    @Inject
    io.fupan.core.audit.AuditTrail audit;

    /** The tenant's currency and its table, by currency code. */
    public CurrencyRatesView view() {
        return view(context.tenantId(), data.em());
    }

    /** The table of {@code tenantId} (for plugins and background work, which carry the tenant explicitly). */
    public CurrencyRatesView view(String tenantId) {
        return view(tenantId, data.em(tenantId));
    }

    private CurrencyRatesView view(String tenantId, EntityManager em) {
        String base = registry.find(tenantId).map(t -> t.currency()).orElseThrow();
        List<?> rows = em.createNativeQuery("select currency, rate, updated_at from currency_rate order by currency")
                .setHint(NATIVE, "true").getResultList();
        List<CurrencyRatesView.Rate> items = rows.stream().map(r -> (Object[]) r)
                .map(r -> new CurrencyRatesView.Rate((String) r[0], ((BigDecimal) r[1]).stripTrailingZeros(), Times.of(r[2])))
                .toList();
        return new CurrencyRatesView(base, items);
    }

    /** Replaces the table (tenant admins only); every bad rate is reported with its field ({@code rates[2].rate}). */
    public CurrencyRatesView replace(List<RateInput> rates) {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("currency.adminOnly"));
        }
        CurrencyRatesView before = view();
        Map<String, BigDecimal> wanted = validate(rates, before.currency());
        EntityManager em = data.em();
        em.createNativeQuery("delete from currency_rate").setHint(NATIVE, "true").executeUpdate();
        for (Map.Entry<String, BigDecimal> r : wanted.entrySet()) {
            em.createNativeQuery("insert into currency_rate (tenant_id, currency, rate, updated_at)"
                            + " values (?1, ?2, ?3, ?4)").setHint(NATIVE, "true")
                    .setParameter(1, context.tenantId()).setParameter(2, r.getKey()).setParameter(3, r.getValue())
                    .setParameter(4, before.items().stream().filter(x -> x.currency().equals(r.getKey())
                            && x.rate().compareTo(r.getValue()) == 0).findFirst()
                            .map(CurrencyRatesView.Rate::updatedAt).orElse(Times.now()))
                    .executeUpdate();
        }
        CurrencyRatesView after = view();
        audit.updated("currency-rates", AUDIT_ID, summary(before), summary(after));
        return after;
    }

    private static Map<String, Object> summary(CurrencyRatesView v) {
        Map<String, Object> out = new LinkedHashMap<>();
        v.items().forEach(r -> out.put(r.currency(), r.rate().toPlainString() + " " + v.currency()));
        return out;
    }

    private static Map<String, BigDecimal> validate(List<RateInput> rates, String base) {
        if (rates == null) {
            throw new DomainException.Invalid("rates", Messages.get("currency.ratesMissing"));
        }
        if (rates.size() > MAX_RATES) {
            throw new DomainException.Invalid("rates", Messages.get("currency.tooMany", MAX_RATES));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rates.size(); i++) {
            String at = "rates[" + i + "]";
            RateInput r = rates.get(i);
            if (r == null) {
                errors.add(new FieldError(at, Messages.get("currency.notObject")));
                continue;
            }
            String code = r.currency();
            if (code == null || !code.matches("[A-Z]{3}") || !isIso(code)) {
                errors.add(new FieldError(at + ".currency", Messages.get("currency.notIso", String.valueOf(code))));
            } else if (code.equals(base)) {
                errors.add(new FieldError(at + ".currency", Messages.get("currency.own", code)));
            } else if (seen.putIfAbsent(code, i) != null) {
                errors.add(new FieldError(at + ".currency", Messages.get("currency.twice", code, "rates[" + seen.get(code) + "]")));
            }
            if (r.rate() == null) {
                errors.add(new FieldError(at + ".rate", Messages.get("currency.rateMissing")));
            } else if (r.rate().signum() <= 0 || r.rate().compareTo(MAX_RATE) > 0) {
                errors.add(new FieldError(at + ".rate", Messages.get("currency.rateRange")));
            } else if (Math.max(0, r.rate().stripTrailingZeros().scale()) > 10) {
                errors.add(new FieldError(at + ".rate", Messages.get("currency.rateScale")));
            }
            if (code != null && r.rate() != null) {
                out.put(code, r.rate());
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return out;
    }

    private static boolean isIso(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
