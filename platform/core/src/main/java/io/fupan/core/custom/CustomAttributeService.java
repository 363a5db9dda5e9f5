package io.fupan.core.custom;

import io.fupan.core.i18n.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.core.error.DomainException;
import io.fupan.core.record.Inputs;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The definitions of the tenant's custom attributes: read by every role, changed by tenant admins.
 * Checking values against them is {@link CustomAttributes}' work.
 */
@ApplicationScoped
@InTransaction
public class CustomAttributeService {

    /** The table of each entity's records: fixed here, so no input ever reaches the SQL text. */
    private static final Map<String, String> TABLES = Map.of("lead", "lead", "account", "account",
            "opportunity", "opportunity");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TenantData data;
    @Inject
    io.fupan.core.audit.AuditTrail audit;
    @Inject
    TenantContext context;
    @Inject
    Inputs inputs;

    /** The definitions, of one entity or (null) of all, by entity and key. */
    public List<CustomAttributeView> list(String entity) {
        if (entity != null) {
            requireEntity(entity, "entity");
        }
        String where = entity == null ? "" : " where c.entity = :entity";
        var query = data.em().createQuery("select c from CustomAttribute c" + where + " order by c.entity, c.key",
                CustomAttribute.class);
        if (entity != null) {
            query.setParameter("entity", entity);
        }
        return query.getResultList().stream().map(CustomAttributeView::of).toList();
    }

    public CustomAttributeView define(CustomAttributeInput input) {
        requireAdmin();
        inputs.validate(input);
        CustomAttribute.Type type = CustomAttribute.Type.valueOf(input.type().toUpperCase(Locale.ROOT));
        String choices = null;
        if (type == CustomAttribute.Type.CHOICE) {
            if (input.choices() == null) {
                throw new DomainException.Invalid("choices", Messages.get("custom.choicesMissing"));
            }
            Set<String> seen = new HashSet<>();
            for (String choice : input.choices()) {
                if (!seen.add(choice)) {
                    throw new DomainException.Invalid("choices", Messages.get("custom.choiceTwice", choice));
                }
            }
            try {
                choices = JSON.writeValueAsString(input.choices());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (input.choices() != null) {
            throw new DomainException.Invalid("choices", Messages.get("custom.choicesNotChoice"));
        }
        if (find(input.entity(), input.key()) != null) {
            throw new DomainException.Conflict(Messages.get("custom.exists", Messages.kind(input.entity()),
                    input.key()));
        }
        CustomAttribute attribute = new CustomAttribute(input.entity(), input.key(), type, input.labelZh().strip(),
                input.labelEn().strip(), choices);
        EntityManager em = data.em();
        em.persist(attribute);
        em.flush();
        audit.created(AUDIT_TYPE, auditId(attribute), auditFields(attribute));
        return CustomAttributeView.of(attribute);
    }

    /** Removes a definition that no record has a value for any more (else 409: the values would be orphans). */
    public void remove(String entity, String key) {
        requireAdmin();
        String table = TABLES.get(entity);
        CustomAttribute attribute = table == null ? null : find(entity, key);
        if (attribute == null) {
            throw new DomainException.NotFound("custom attribute", entity + "/" + key);
        }
        EntityManager em = data.em();
        // jsonb -> key is SQL null exactly when the key is absent (a JSON null value is 'null'::jsonb): the same
        // test as "custom ? key", without a '?' operator that JDBC would take for a parameter.
        long used = ((Number) em.createNativeQuery("select count(*) from " + table
                        + " where custom -> cast(?1 as text) is not null")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, key)
                .getSingleResult()).longValue();
        if (used > 0) {
            throw new DomainException.Conflict(Messages.get("custom.inUse", String.valueOf(used),
                    Messages.kind(entity), key));
        }
        audit.deleted(AUDIT_TYPE, auditId(attribute), auditFields(attribute));
        em.remove(attribute);
        em.flush();
    }

    private static final String AUDIT_TYPE = "custom_attribute";

    /** A definition's key is (entity, key); the audit trail names it by a UUID made from that. */
    static java.util.UUID auditId(CustomAttribute a) {
        return java.util.UUID.nameUUIDFromBytes((a.entity() + "/" + a.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> auditFields(CustomAttribute a) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("entity", a.entity());
        f.put("key", a.key());
        f.put("type", a.type().name().toLowerCase(java.util.Locale.ROOT));
        f.put("labelZh", a.labelZh());
        f.put("labelEn", a.labelEn());
        f.put("choices", a.choicesJson());
        return f;
    }

    private CustomAttribute find(String entity, String key) {
        return data.em().createQuery("select c from CustomAttribute c where c.entity = :entity and c.key = :key",
                        CustomAttribute.class)
                .setParameter("entity", entity).setParameter("key", key)
                .getResultList().stream().findFirst().orElse(null);
    }

    private static void requireEntity(String entity, String field) {
        if (!TABLES.containsKey(entity)) {
            throw new DomainException.Invalid(field, Messages.get("custom.entity",
                    entity.length() > 40 ? entity.substring(0, 40) + "…" : entity));
        }
    }

    private void requireAdmin() {
        if (!context.actor().isAdmin()) {
            throw new DomainException.Forbidden(Messages.get("access.customAdminOnly"));
        }
    }
}
