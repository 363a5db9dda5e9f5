package io.fupan.plugins.leadscoring.model;

import java.util.Map;
import java.util.UUID;

/**
 * A closed lead as training sees it.
 *
 * @param leadId the lead
 * @param features its raw features ({@link LeadFeatures})
 * @param converted the outcome: converted (true) or disqualified (false)
 */
public record Sample(UUID leadId, Map<String, Object> features, boolean converted) {}
