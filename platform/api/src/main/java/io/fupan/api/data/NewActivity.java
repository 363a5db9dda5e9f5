package io.fupan.api.data;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An activity to record through {@link Changes#recordActivity}.
 *
 * @param type one of the activity types of the core ({@code call}, {@code meeting}, {@code demo},
 *             {@code visit}, {@code email_open}, {@code email_click}, {@code page_view}, {@code download},
 *             {@code form_submit}, …)
 * @param occurredAt when it happened; null for now
 * @param ownerId the user it belongs to, or null for the owner of the record it is linked to
 * @since 0.2.0
 */
public record NewActivity(String type, OffsetDateTime occurredAt, String subject, UUID leadId, UUID contactId,
                          UUID opportunityId, UUID ownerId) {}
