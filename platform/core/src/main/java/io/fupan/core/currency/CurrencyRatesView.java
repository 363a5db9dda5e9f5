package io.fupan.core.currency;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A tenant's conversion table: {@code currency} is the tenant's own; each item says what one unit of
 * another currency is worth in it.
 */
public record CurrencyRatesView(String currency, List<Rate> items) {

    public record Rate(String currency, BigDecimal rate, OffsetDateTime updatedAt) {}
}
