package io.fupan.core.opportunity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An opportunity's stage history, oldest entry first. */
public record StageHistoryView(List<Entry> items) {

    public record Entry(String stage, OffsetDateTime enteredAt, UUID movedById) {

        static Entry of(StageEntry e) {
            return new Entry(e.stage(), e.enteredAt(), e.movedById());
        }
    }
}
