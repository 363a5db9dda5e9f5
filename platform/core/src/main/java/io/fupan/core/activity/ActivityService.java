package io.fupan.core.activity;

import io.fupan.core.i18n.Messages;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Patch;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.user.RecordKind;
import io.fupan.core.user.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Activities of the current tenant, as far as the caller sees them. */
@ApplicationScoped
@InTransaction
public class ActivityService {

    public static final String KIND = "activity";
    public static final Map<String, String> SORTABLE = Map.of(
            "occurredAt", "v.occurredAt", "createdAt", "v.createdAt", "type", "v.type");

    private static final String SUBJECTS = "leadId, contactId, opportunityId";

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    Visibility visibility;
    @Inject
    Inputs inputs;
    @Inject
    AuditTrail audit;

    public Page<ActivityView> list(ActivityFilter filter, PageRequest page) {
        if (filter.type() != null && !filter.type().matches(ActivityInput.TYPE)) {
            throw new DomainException.Invalid("type", Messages.get("list.activityType"));
        }
        Jpql<Activity> query = new Jpql<>(Activity.class, "v")
                .whereIf(filter.leadId(), "v.leadId = :lead", "lead")
                .whereIf(filter.contactId(), "v.contactId = :contact", "contact")
                .whereIf(filter.opportunityId(), "v.opportunityId = :opportunity", "opportunity")
                .whereIf(filter.type(), "v.type = :type", "type")
                .whereIf(filter.ownerId(), "v.ownerId = :owner", "owner")
                .whereIf(utc(filter.occurredFrom()), "v.occurredAt >= :from", "from")
                .whereIf(utc(filter.occurredTo()), "v.occurredAt <= :to", "to");
        return visibility.restrict(query, "v", RecordKind.ACTIVITY).page(data.em(), page, SORTABLE)
                .map(ActivityView::of);
    }

    public ActivityView get(UUID id) {
        return ActivityView.of(visibility.require(Activity.class, RecordKind.ACTIVITY, id, data.em()));
    }

    public ActivityView create(ActivityInput input) {
        visibility.requireReach(RecordKind.ACTIVITY);
        inputs.validate(input);
        UUID owner = visibility.requireNewOwner(RecordKind.ACTIVITY, input.ownerId());
        Activity activity = new Activity(input.type(), utc(input.occurredAt()));
        apply(activity, new Patch<>(input, Patch.allOf(ActivityInput.class)), owner);
        EntityManager em = data.em();
        em.persist(activity);
        em.flush();
        audit.created(KIND, activity.id(), activity.fields());
        return ActivityView.of(activity);
    }

    public ActivityView update(UUID id, long expectedVersion, Patch<ActivityInput> patch) {
        Activity activity = visibility.requireWritable(Activity.class, RecordKind.ACTIVITY, id, expectedVersion,
                data.em());
        inputs.validate(patch);
        Map<String, Object> before = activity.fields();
        apply(activity, patch, patch.has("ownerId") ? patch.values().ownerId() : activity.ownerId());
        data.em().flush();
        audit.updated(KIND, id, before, activity.fields());
        return ActivityView.of(activity);
    }

    public void delete(UUID id, long expectedVersion) {
        Activity activity = visibility.requireWritable(Activity.class, RecordKind.ACTIVITY, id, expectedVersion,
                data.em());
        audit.deleted(KIND, id, activity.fields());
        data.em().remove(activity);
    }

    private void apply(Activity activity, Patch<ActivityInput> patch, UUID owner) {
        ActivityInput in = patch.values();
        if (patch.has("externalId")) {
            inputs.requireUniqueExternalId(Activity.class, in.externalId(), activity.externalId(), KIND);
            activity.externalId(in.externalId());
        }
        if (patch.has("type")) activity.type(in.type());
        if (patch.has("occurredAt")) activity.occurredAt(utc(in.occurredAt()));
        if (patch.has("subject")) activity.subject(in.subject());
        if (patch.has("detail")) activity.detail(in.detail());
        if (patch.has("leadId") || patch.has("contactId") || patch.has("opportunityId")) {
            UUID lead = patch.has("leadId") ? in.leadId() : activity.leadId();
            UUID contact = patch.has("contactId") ? in.contactId() : activity.contactId();
            UUID opportunity = patch.has("opportunityId") ? in.opportunityId() : activity.opportunityId();
            requireOneSubject(lead, contact, opportunity);
            if (lead == null && marketingOnly()) {
                throw new DomainException.Forbidden(Messages.get("access.marketingLeadsOnly"));
            }
            if (!Objects.equals(lead, activity.leadId())) requireSubject("lead", "leadId", lead);
            if (!Objects.equals(contact, activity.contactId())) requireSubject("contact", "contactId", contact);
            if (!Objects.equals(opportunity, activity.opportunityId())) {
                requireSubject("opportunity", "opportunityId", opportunity);
            }
            activity.subjectOf(lead, contact, opportunity);
        }
        if (!Objects.equals(owner, activity.ownerId())) {
            inputs.requireUser(owner, "ownerId");
            activity.ownerId(owner);
        }
    }

    /** The schema's check, answered per field: an activity is about exactly one lead, contact or opportunity. */
    private static void requireOneSubject(UUID lead, UUID contact, UUID opportunity) {
        int given = (lead != null ? 1 : 0) + (contact != null ? 1 : 0) + (opportunity != null ? 1 : 0);
        if (given == 1) {
            return;
        }
        String message = Messages.get(given == 0 ? "activity.subjectRequired" : "activity.subjectOnlyOne", SUBJECTS);
        List<FieldError> errors = new ArrayList<>();
        if (given == 0 || lead != null) errors.add(new FieldError("leadId", message));
        if (given == 0 || contact != null) errors.add(new FieldError("contactId", message));
        if (given == 0 || opportunity != null) errors.add(new FieldError("opportunityId", message));
        throw new DomainException.Invalid(errors);
    }

    /**
     * The lead, contact or opportunity must exist in the tenant. Native SQL, so that this service
     * needs none of those entities; row-level security (and the explicit tenant) keep it to the tenant.
     */
    private void requireSubject(String table, String field, UUID id) {
        if (id == null) {
            return;
        }
        List<?> found = data.em().createNativeQuery("select 1 from " + table + " where id = ?1 and tenant_id = ?2")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, id)
                .setParameter(2, context.tenantId())
                .getResultList();
        if (found.isEmpty()) {
            throw new DomainException.Invalid(field, Messages.get("field.noSuchRecord", Messages.kind(table), String.valueOf(id)));
        }
    }

    /** Marketing alone sees only lead activities (Visibility), so it may only record those. */
    private boolean marketingOnly() {
        Actor actor = context.actor();
        return actor.has(Actor.MARKETING) && !actor.isAdmin() && !actor.has(Actor.VIEWER)
                && !actor.has(Actor.SALES_MANAGER) && !actor.has(Actor.SALES_REP);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
