/**
 * The tenant's pipeline: ordered stages with zh/en labels, won/lost terminals, healthy conversion
 * ranges and aging thresholds; METRICS.md's default for every new tenant.
 */
package io.fupan.core.pipeline;
