package io.fupan.api.data;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's currency conversion table, as its admins keep it: a plugin that sums amounts of
 * several currencies converts them into the tenant's {@code currency} with it, and says so.
 *
 * @param currency the tenant's own currency (ISO 4217)
 * @param rates for each other currency, what one unit of it is worth in {@code currency}
 * @since 0.3.0
 */
public record CurrencyTable(String currency, Map<String, BigDecimal> rates) {

    public CurrencyTable {
        rates = Map.copyOf(rates);
    }

    /**
     * {@code amount} of {@code from} in the tenant's currency; empty when the table has no rate for
     * {@code from}. A null {@code from} is the tenant's currency.
     */
    public Optional<BigDecimal> convert(BigDecimal amount, String from) {
        if (amount == null) {
            return Optional.empty();
        }
        if (from == null || from.equals(currency)) {
            return Optional.of(amount);
        }
        BigDecimal rate = rates.get(from);
        return rate == null ? Optional.empty() : Optional.of(amount.multiply(rate));
    }
}
