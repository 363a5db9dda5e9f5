package io.fupan.core.lead;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A lead's status history, oldest entry first: {@code GET /leads/{id}/history}. */
public record LeadHistoryView(List<Entry> items) {

    public LeadHistoryView {
        items = List.copyOf(items);
    }

    /** One entry into a status; {@code changedById} is null when the system moved it. */
    public record Entry(String status, OffsetDateTime changedAt, UUID changedById) {

        static Entry of(LeadStatusChange c) {
            return new Entry(c.status(), c.changedAt(), c.changedById());
        }
    }
}
