package io.fupan.api.data;

import java.util.Map;
import java.util.UUID;

/**
 * Changes a plugin may make to the tenant's core records. Each runs as the core's own services do:
 * one transaction, the same validation (an invalid change throws {@link IllegalArgumentException}
 * naming the field, an unknown id {@link java.util.NoSuchElementException}), the audit trail (the
 * actor is {@code plugin:<id>}) and the domain events other plugins see.
 *
 * @since 0.2.0
 */
public interface Changes {

    /**
     * Moves a lead to {@code status} ({@code new}, {@code contacted}, {@code mql}, {@code sql} or
     * {@code disqualified}; conversion stays a user's act). Its status history records the move; a lead
     * already in that status is returned unchanged.
     */
    LeadRecord setLeadStatus(UUID leadId, String status);

    /** Moves an open opportunity to {@code stage} of the tenant's pipeline, recording the entry in its history. */
    OpportunityRecord moveOpportunity(UUID opportunityId, String stage);

    /** Records an activity, linked to a lead, a contact or an opportunity. */
    ActivityRecord recordActivity(NewActivity activity);

    /**
     * Sets custom attributes of a lead, an account or an opportunity ({@code kind}: {@code lead},
     * {@code account}, {@code opportunity}); a null value clears one. Attributes must be defined by the
     * tenant and values of their type.
     */
    void setCustom(String kind, UUID id, Map<String, Object> values);

    /**
     * Sets the scores shown with leads ({@code score} on the lead list and detail, {@code sort=-score});
     * a null score removes a lead's. Leads unknown to the tenant are skipped.
     *
     * @return how many leads' scores were written
     */
    int putLeadScores(Map<UUID, LeadScore> scores);

    /**
     * Publishes this plugin's signals of kind {@code kind} on opportunities (a health indicator or a risk
     * data provider): one per opportunity and kind, replacing the plugin's earlier one; a null signal
     * removes it. Opportunities the tenant lacks are skipped. Signals of a plugin the tenant disables
     * stop being visible.
     *
     * @param kind lower-case letters, digits and dashes, at most 40 characters
     * @return how many opportunities' signals were written or removed
     * @since 0.3.0
     */
    int putOpportunitySignals(String kind, Map<UUID, OpportunitySignal> signals);
}
