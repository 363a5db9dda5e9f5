package io.fupan.core.lead;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a caller may send to convert a lead; everything is optional. {@code accountId} names an
 * existing (visible) account instead of creating one; {@code accountName} and {@code opportunityName}
 * override the names taken from the lead; the rest goes to the opportunity; {@code ownerId} owns all
 * three new records (default: the caller).
 *
 * <p>The names' bounds here only cap the body: the account's and the opportunity's own limits apply
 * when those are created, inside the conversion's transaction, and are reported on these fields.
 */
public record LeadConversionInput(
        UUID accountId,
        @Size(max = 1000) String accountName,
        @Size(max = 1000) String opportunityName,
        BigDecimal amount,
        @Size(max = 3) String currency,
        LocalDate closeDate,
        UUID ownerId) {}
