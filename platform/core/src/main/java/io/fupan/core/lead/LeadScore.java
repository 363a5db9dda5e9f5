package io.fupan.core.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.annotations.ReadOnly;
import org.eclipse.persistence.config.CacheIsolationType;

/**
 * A lead's score as a scoring plugin last wrote it (Changes.putLeadScores, in set-based SQL); read here,
 * never written through this entity. A lead without one has not been scored.
 *
 * <p>Not a tenant-discriminated entity: EclipseLink puts a discriminated entity's tenant condition in the
 * WHERE clause even when it is outer-joined, which would drop the leads not scored yet from a list sorted
 * by score. Every query here names the tenant itself ({@link LeadService}), row-level security holds it
 * to the tenant as everywhere, and nothing is kept beyond the transaction (isolated cache): scores change
 * by SQL, never through this entity.
 */
@Entity
@Table(name = "lead_scores")
@ReadOnly
@Cache(isolation = CacheIsolationType.ISOLATED)
public class LeadScore {

    @Id
    @Column(name = "lead_id")
    private UUID leadId;
    @Column(name = "tenant_id")
    private String tenantId;
    private BigDecimal total;
    private BigDecimal behavior;
    private BigDecimal fit;
    private Double predicted;
    private String grade;
    @Column(name = "scored_at")
    private OffsetDateTime scoredAt;

    protected LeadScore() {}

    public UUID leadId() { return leadId; }

    LeadScoreView view() {
        return new LeadScoreView(total, behavior, fit, predicted, grade);
    }
}
