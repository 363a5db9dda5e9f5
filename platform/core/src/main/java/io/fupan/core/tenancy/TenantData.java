package io.fupan.core.tenancy;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;

/**
 * The one way to tenant data: an EntityManager bound to one tenant for one JTA transaction, with
 * both locks of DESIGN.md closed. EclipseLink's tenant discriminator filters every query and
 * stamps every insert ({@code eclipselink.tenant-id}), and the transaction's database connection
 * carries the tenant for PostgreSQL row-level security ({@code set_config('fupan.tenant', …, true)},
 * which ends with the transaction, so a pooled connection never keeps it).
 *
 * <p>One transaction serves one tenant: asking for another tenant inside the same transaction is
 * refused. Outside a transaction there is no tenant data at all.
 */
@ApplicationScoped
public class TenantData {

    private static final String KEY = TenantData.class.getName();

    @PersistenceUnit(unitName = "fupan")
    EntityManagerFactory emf;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    TenantContext context;

    /** The EntityManager of the current transaction, bound to the tenant of the current unit of work. */
    public EntityManager em() {
        return em(context.tenantId());
    }

    /** The EntityManager of the current transaction, bound to {@code tenantId} (platform work such as seeding). */
    public EntityManager em(String tenantId) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("tenant data is reachable only inside an active transaction");
        }
        Bound bound = (Bound) transactions.getResource(KEY);
        if (bound != null) {
            if (!bound.tenantId.equals(tenantId)) {
                throw new IllegalStateException("this transaction already serves tenant " + bound.tenantId
                        + "; tenant " + tenantId + " needs a transaction of its own");
            }
            return bound.em;
        }
        EntityManager em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED,
                Map.of("eclipselink.tenant-id", tenantId));
        em.joinTransaction();
        em.createNativeQuery("select set_config('fupan.tenant', ?1, true)")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, tenantId)
                .getSingleResult();
        transactions.putResource(KEY, new Bound(tenantId, em));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                em.close();
            }
        });
        return em;
    }

    /**
     * A count by native SQL with one parameter ({@code ?1}), for rows of other features' tables;
     * row-level security keeps it to the tenant of the current transaction.
     */
    public long count(String sql, Object parameter) {
        return ((Number) em().createNativeQuery(sql)
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, parameter)
                .getSingleResult()).longValue();
    }

    private record Bound(String tenantId, EntityManager em) {}
}
