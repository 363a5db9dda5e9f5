package io.fupan.core.query;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JPQL list query put together from conditions, with its count query and page. Conditions are
 * fixed strings written in code; values always travel as parameters.
 */
public final class Jpql<E> {

    private final Class<E> type;
    private final String alias;
    private final List<String> joins = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Ends a sortable path whose empty values sort last in either direction (PostgreSQL puts them first in descending order). */
    public static final String NULLS_LAST = " nulls last";

    public Jpql(Class<E> type, String alias) {
        this.type = type;
        this.alias = alias;
    }

    /** Adds {@code condition}; its parameters are given as name, value pairs. */
    public Jpql<E> where(String condition, Object... nameValuePairs) {
        conditions.add("(" + condition + ")");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return this;
    }

    /**
     * Joins another entity to the query, such as {@code left join LeadScore s on s.leadId = l.id} (for a
     * condition or an order on it), with the join's parameters as name, value pairs; the query still selects
     * its own entity.
     */
    public Jpql<E> join(String clause, Object... nameValuePairs) {
        if (!joins.contains(clause)) {
            joins.add(clause);
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
            }
        }
        return this;
    }

    /** Adds {@code condition} only when {@code value} is present. */
    public Jpql<E> whereIf(Object value, String condition, String parameter) {
        return value == null ? this : where(condition, parameter, value);
    }

    /** The one match, if any (for a record asked for by id, under the same conditions as its list). */
    public java.util.Optional<E> single(EntityManager em) {
        TypedQuery<E> select = em.createQuery("select " + alias + from(), type).setMaxResults(2);
        parameters.forEach(select::setParameter);
        List<E> found = select.getResultList();
        if (found.size() > 1) {
            throw new IllegalStateException("more than one " + type.getSimpleName() + " matched");
        }
        return found.stream().findFirst();
    }

    private String from() {
        return " from " + type.getSimpleName() + " " + alias + (joins.isEmpty() ? "" : " " + String.join(" ", joins))
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
    }

    /**
     * The next {@code limit} matches after the one with id {@code after} (null: from the first), in id
     * order: keyset paging for reading every match in chunks, each as cheap as the first.
     */
    public List<E> after(EntityManager em, Object after, int limit) {
        List<String> all = new ArrayList<>(conditions);
        if (after != null) {
            all.add("(" + alias + ".id > :after)");
        }
        TypedQuery<E> select = em.createQuery("select " + alias + " from " + type.getSimpleName() + " " + alias
                + (all.isEmpty() ? "" : " where " + String.join(" and ", all)) + " order by " + alias + ".id", type)
                .setMaxResults(limit);
        parameters.forEach(select::setParameter);
        if (after != null) {
            select.setParameter("after", after);
        }
        return select.getResultList();
    }

    public Page<E> page(EntityManager em, PageRequest request, Map<String, String> sortable) {
        String from = from();
        StringBuilder order = new StringBuilder();
        for (PageRequest.Sort sort : request.sort()) {
            String path = sortable.get(sort.field());
            boolean nullsLast = path.endsWith(NULLS_LAST);
            order.append(order.isEmpty() ? " order by " : ", ")
                    .append(nullsLast ? path.substring(0, path.length() - NULLS_LAST.length()) : path)
                    .append(sort.descending() ? " desc" : " asc").append(nullsLast ? NULLS_LAST : "");
        }
        // A stable order, so that pages neither skip nor repeat rows: id breaks ties in the direction of the
        // last key, so that one index (tenant_id, key, id) serves the list both ways (V22).
        List<PageRequest.Sort> keys = request.sort();
        boolean lastDescending = !keys.isEmpty() && keys.get(keys.size() - 1).descending();
        order.append(order.isEmpty() ? " order by " : ", ").append(alias).append(".id")
                .append(lastDescending ? " desc" : "");
        TypedQuery<E> select = em.createQuery("select " + alias + from + order, type)
                .setFirstResult(request.offset()).setMaxResults(request.size());
        parameters.forEach(select::setParameter);
        List<E> items = select.getResultList();
        return new Page<>(items, request.page(), request.size(), total(em, from, request, items.size()));
    }

    /**
     * How many match: known from a first page that is not full; kept by PostgreSQL for a record table
     * without conditions (RecordCounts); else counted.
     */
    private long total(EntityManager em, String from, PageRequest request, int onPage) {
        if (request.page() == 0 && onPage < request.size()) {
            return onPage;
        }
        String counted = conditions.isEmpty() && joins.isEmpty() ? RecordCounts.table(type) : null;
        if (counted != null) {
            return RecordCounts.total(em, counted);
        }
        TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + from, Long.class);
        parameters.forEach(count::setParameter);
        return count.getSingleResult();
    }
}
