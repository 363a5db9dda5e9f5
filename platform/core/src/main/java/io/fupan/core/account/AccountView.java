package io.fupan.core.account;

import io.fupan.core.record.Versioned;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An account as the API shows it; {@code version} is its ETag. */
public record AccountView(UUID id, String externalId, String name, String industry, String region, Integer employees,
                          BigDecimal annualRevenue, String tier, UUID parentId, UUID ownerId, boolean shared,
                          Map<String, Object> custom, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                          long version) implements Versioned {

    static AccountView of(Account a) {
        return new AccountView(a.id(), a.externalId(), a.name(), a.industry(), a.region(), a.employees(),
                a.annualRevenue(), a.tier(), a.parentId(), a.ownerId(), a.shared(), a.custom(), a.createdAt(),
                a.updatedAt(), a.version());
    }
}
