package io.fupan.api.data;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Read access to the tenant's core records. Filters are equality on the fields named; every kind
 * sorts by {@code createdAt} and {@code updatedAt} as well.
 *
 * @since 0.1.0
 */
public interface Records {

    /** Filters: {@code stage}, {@code ownerId}, {@code accountId}, {@code channel}, {@code industry}, {@code region}, {@code closed}. */
    RecordSet<OpportunityRecord> opportunities();

    /** Filters: {@code status}, {@code ownerId}, {@code channel}, {@code industry}, {@code region}. */
    RecordSet<LeadRecord> leads();

    /** Filters: {@code ownerId}, {@code industry}, {@code region}, {@code tier}, {@code parentId}. */
    RecordSet<AccountRecord> accounts();

    /** Filters: {@code accountId}, {@code ownerId}, {@code buyingRole}. */
    RecordSet<ContactRecord> contacts();

    /** Filters: {@code type}, {@code opportunityId}, {@code leadId}, {@code contactId}, {@code ownerId}. */
    RecordSet<ActivityRecord> activities();

    /** Every entry of an opportunity into a stage, oldest first; empty for an unknown opportunity. */
    List<StageEntryRecord> stageHistory(UUID opportunityId);

    /**
     * Every stage entry of every opportunity, by opportunity id and then oldest first, read in chunks:
     * for a backfill of a plugin's own facts.
     *
     * @since 0.2.0
     */
    void forEachStageEntry(Consumer<StageEntryRecord> each);

    /**
     * As {@link #forEachStageEntry(Consumer)}, from the entries of the first opportunity whose id is
     * greater than {@code afterOpportunityId} (null: from the first): a backfill resumes there.
     *
     * @since 0.2.0
     */
    void forEachStageEntry(UUID afterOpportunityId, Consumer<StageEntryRecord> each);

    /**
     * Filters: {@code teamId}, {@code active}.
     *
     * @since 0.2.0
     */
    RecordSet<UserRecord> users();

    /**
     * Filters: {@code managerId}.
     *
     * @since 0.2.0
     */
    RecordSet<TeamRecord> teams();

    /**
     * The signals on these opportunities from every plugin the tenant has enabled (this one included),
     * by opportunity; opportunities without any are absent.
     *
     * @since 0.3.0
     */
    List<OpportunitySignalRecord> opportunitySignals(java.util.Collection<UUID> opportunityIds);

    /**
     * Every signal at {@code level} ({@code healthy}, {@code watch}, {@code at-risk}; null: every level)
     * from the plugins the tenant has enabled, on open opportunities, by opportunity id: for example the
     * deals at risk.
     *
     * @since 0.3.0
     */
    void forEachOpportunitySignal(String level, Consumer<OpportunitySignalRecord> each);
}
