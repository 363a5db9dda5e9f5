package io.fupan.core.pipeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** One stage of a tenant's pipeline, with its healthy conversion range to the next stage. */
@Entity
@Table(name = "pipeline_stage")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id", primaryKey = true)
public class PipelineStage {

    /** Open stages are in the order; won ends it; lost is outside the order. */
    public enum Kind { OPEN, WON, LOST }

    @Id
    private String key;
    private int position;
    @Column(name = "label_zh")
    private String labelZh;
    @Column(name = "label_en")
    private String labelEn;
    private String kind;
    @Column(name = "healthy_low")
    private BigDecimal healthyLow;
    @Column(name = "healthy_high")
    private BigDecimal healthyHigh;
    @Column(name = "aging_days")
    private Integer agingDays;

    protected PipelineStage() {}

    public PipelineStage(String key, int position, String labelZh, String labelEn, Kind kind, BigDecimal healthyLow,
                         BigDecimal healthyHigh, Integer agingDays) {
        this.key = key;
        this.position = position;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.healthyLow = healthyLow;
        this.healthyHigh = healthyHigh;
        this.agingDays = agingDays;
    }

    public String key() { return key; }
    public int position() { return position; }
    public String labelZh() { return labelZh; }
    public String labelEn() { return labelEn; }
    public Kind kind() { return Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)); }
    public BigDecimal healthyLow() { return healthyLow; }
    public BigDecimal healthyHigh() { return healthyHigh; }
    public Integer agingDays() { return agingDays; }

    void update(int position, String labelZh, String labelEn, Kind kind, BigDecimal low, BigDecimal high, Integer aging) {
        this.position = position;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
        this.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.healthyLow = low;
        this.healthyHigh = high;
        this.agingDays = aging;
    }
}
