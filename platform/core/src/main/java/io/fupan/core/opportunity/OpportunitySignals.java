package io.fupan.core.opportunity;

import io.fupan.api.data.OpportunitySignalRecord;
import io.fupan.core.record.Times;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one reading of opportunity signals: those of plugins the tenant has enabled (a disabled plugin's
 * signals stay stored but are seen by no one), for the opportunity's detail and for plugins.
 */
public final class OpportunitySignals {

    /** The columns of a signal of an enabled plugin; callers add their conditions and order. */
    public static final String SELECT = "select s.opportunity_id, s.plugin_id, s.kind, s.level, s.score, s.reason,"
            + " s.reason_zh, s.updated_at from opportunity_signal s"
            + " join tenant_plugin p on p.tenant_id = s.tenant_id and p.plugin_id = s.plugin_id and p.enabled";

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    private OpportunitySignals() {}

    /** The signals on these opportunities, by opportunity, plugin and kind. */
    public static List<OpportunitySignalRecord> of(EntityManager em, Collection<UUID> opportunityIds) {
        if (opportunityIds.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery(SELECT + " where s.opportunity_id = any(cast(?1 as uuid[]))"
                        + " order by s.opportunity_id, s.plugin_id, s.kind")
                .setHint(NATIVE, "true").setParameter(1, opportunityIds.stream().map(UUID::toString)
                        .collect(Collectors.joining(",", "{", "}"))).getResultList();
        return rows.stream().map(r -> row((Object[]) r)).toList();
    }

    /** A row of {@link #SELECT} as a record. */
    public static OpportunitySignalRecord row(Object[] r) {
        return new OpportunitySignalRecord(r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString()), (String) r[1],
                (String) r[2], (String) r[3], (BigDecimal) r[4], (String) r[5], (String) r[6], Times.of(r[7]));
    }
}
