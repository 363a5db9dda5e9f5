/**
 * Opportunities: amount, currency, channel, industry, region, close date and stage, with every
 * entry into a stage recorded (time, who moved it): the raw material of the review's funnel.
 */
package io.fupan.core.opportunity;
