package com.example.stalled;

import java.util.UUID;

/**
 * One stalled deal, as {@code GET alerts} lists it. Public: the server writes response bodies as JSON
 * by their public accessors.
 *
 * @param message the alert in the caller's language
 */
public record Alert(UUID opportunityId, String name, String stage, long daysInStage, long thresholdDays, String message) {}
