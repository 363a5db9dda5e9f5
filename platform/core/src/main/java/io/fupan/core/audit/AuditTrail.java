package io.fupan.core.audit;

import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Writes who changed which field of which record, in the same transaction as the change. */
@ApplicationScoped
public class AuditTrail {

    public static final Map<String, String> SORTABLE = Map.of("at", "e.at");

    @Inject
    TenantData data;

    @Inject
    TenantContext context;

    /** A created record: one event per field that has a value. */
    public void created(String entityType, UUID id, Map<String, ?> fields) {
        write(entityType, id, "create", Map.of(), fields);
    }

    /** An updated record: one event per field whose value changed. */
    public void updated(String entityType, UUID id, Map<String, ?> before, Map<String, ?> after) {
        write(entityType, id, "update", before, after);
    }

    public void deleted(String entityType, UUID id, Map<String, ?> before) {
        write(entityType, id, "delete", before, Map.of());
    }

    private void write(String entityType, UUID id, String action, Map<String, ?> before, Map<String, ?> after) {
        OffsetDateTime now = io.fupan.core.record.Times.now();
        String actor = context.actor().username();
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        boolean any = false;
        for (String field : fields) {
            Object old = before.get(field);
            Object now2 = after.get(field);
            if (!Objects.equals(text(old), text(now2))) {
                data.em().persist(new AuditEvent(now, actor, entityType, id, action, field, text(old), text(now2)));
                any = true;
            }
        }
        if (!any && !"update".equals(action)) {
            data.em().persist(new AuditEvent(now, actor, entityType, id, action, null, null, null));
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value);
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    /** The trail, newest first, optionally of one entity type and record. */
    public Page<AuditEvent> list(String entityType, UUID entityId, PageRequest page) {
        return new Jpql<>(AuditEvent.class, "e")
                .whereIf(entityType, "e.entityType = :type", "type")
                .whereIf(entityId, "e.entityId = :entity", "entity")
                .page(data.em(), page, SORTABLE);
    }
}
