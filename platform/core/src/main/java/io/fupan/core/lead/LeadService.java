package io.fupan.core.lead;

import io.fupan.core.i18n.Messages;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Times;
import io.fupan.core.record.Patch;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.user.RecordKind;
import io.fupan.core.user.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import io.fupan.core.tenancy.InTransaction;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Leads of the current tenant, as far as the caller sees them (marketing sees and edits them all),
 * with the history of every status each one entered.
 */
@ApplicationScoped
@InTransaction
public class LeadService {

    public static final String KIND = "lead";
    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "l.createdAt", "updatedAt", "l.updatedAt", "name", "l.name", "status", "l.status",
            "company", "l.company", "score", "s.total" + io.fupan.core.query.Jpql.NULLS_LAST);

    /** The join that brings a lead's score to a condition or an order on it (a lead without one: null). */
    private static final String SCORE = "left join LeadScore s on s.leadId = l.id and s.tenantId = :scoreTenant";

    @Inject
    TenantData data;
    @Inject
    TenantContext context;
    @Inject
    Visibility visibility;
    @Inject
    Inputs inputs;
    @Inject
    CustomAttributes customAttributes;
    @Inject
    AuditTrail audit;

    public Page<LeadView> list(LeadFilter filter, PageRequest page) {
        Jpql<Lead> query = new Jpql<>(Lead.class, "l")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(Locale.ROOT) + "%",
                        "lower(l.name) like :q or lower(l.company) like :q or lower(l.email) like :q", "q")
                .whereIf(filter.channel(), "l.channel = :channel", "channel")
                .whereIf(filter.ownerId(), "l.ownerId = :owner", "owner")
                .whereIf(filter.industry(), "l.industry = :industry", "industry")
                .whereIf(filter.region(), "l.region = :region", "region")
                .whereIf(filter.externalId(), "l.externalId = :ext", "ext")
                .whereIf(filter.createdFrom(), "l.createdAt >= :createdFrom", "createdFrom")
                .whereIf(filter.createdTo(), "l.createdAt < :createdTo", "createdTo");
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            for (String status : filter.statuses()) {
                if (LeadStatus.of(status).isEmpty()) {
                    throw new DomainException.Invalid("status", Messages.get("list.leadStatus",
                            LeadStatus.PATTERN.replace("|", ", "), status));
                }
            }
            query.where("l.status in :statuses", "statuses", filter.statuses());
        }
        if (filter.minScore() != null) {
            query.join(SCORE, "scoreTenant", context.tenantId()).where("s.total >= :minScore", "minScore", filter.minScore());
        }
        if (filter.grades() != null && !filter.grades().isEmpty()) {
            for (String grade : filter.grades()) {
                if (!grade.matches("[A-D]")) {
                    throw new DomainException.Invalid("grade", Messages.get("list.grade", grade));
                }
            }
            query.join(SCORE, "scoreTenant", context.tenantId()).where("s.grade in :grades", "grades", filter.grades());
        }
        customAttributes.filter(query, "l", KIND, filter.custom());
        if (page.sort().stream().anyMatch(s -> s.field().equals("score"))) {
            query.join(SCORE, "scoreTenant", context.tenantId());
        }
        return views(visibility.restrict(query, "l", RecordKind.LEAD).page(data.em(), page, SORTABLE));
    }

    public LeadView get(UUID id) {
        return view(visible(id));
    }

    /** A lead with its score. */
    private LeadView view(Lead lead) {
        return LeadView.of(lead, scores(List.of(lead.id())).get(lead.id()));
    }

    /** A page of leads with their scores, read in one query. */
    private io.fupan.core.query.Page<LeadView> views(io.fupan.core.query.Page<Lead> leads) {
        Map<UUID, LeadScore> scores = scores(leads.items().stream().map(Lead::id).toList());
        return leads.map(l -> LeadView.of(l, scores.get(l.id())));
    }

    /** The scores of these leads of the current tenant, by lead. */
    private Map<UUID, LeadScore> scores(List<UUID> leadIds) {
        Map<UUID, LeadScore> scores = new java.util.HashMap<>();
        if (!leadIds.isEmpty()) {
            data.em().createQuery("select s from LeadScore s where s.tenantId = :tenant and s.leadId in :ids", LeadScore.class)
                    .setParameter("tenant", context.tenantId()).setParameter("ids", leadIds)
                    .getResultList().forEach(s -> scores.put(s.leadId(), s));
        }
        return scores;
    }

    /** Every status the lead entered, oldest first; the lead must be visible to the caller. */
    public LeadHistoryView history(UUID id) {
        Lead lead = visible(id);
        return new LeadHistoryView(data.em().createQuery(
                        "select c from LeadStatusChange c where c.leadId = :lead order by c.changedAt, c.id",
                        LeadStatusChange.class)
                .setParameter("lead", lead.id()).getResultList().stream().map(LeadHistoryView.Entry::of).toList());
    }

    public LeadView create(LeadInput input) {
        visibility.requireReach(RecordKind.LEAD);
        inputs.validate(input);
        LeadStatus status = input.status() == null ? LeadStatus.NEW : requireSettable(input.status());
        UUID owner = visibility.requireNewOwner(RecordKind.LEAD, input.ownerId());
        Lead lead = new Lead(input.name());
        apply(lead, new Patch<>(input, Patch.allOf(LeadInput.class)), owner);
        OffsetDateTime now = Times.now();
        lead.enter(status, now);
        EntityManager em = data.em();
        em.persist(lead);
        em.flush(); // the lead row first: its history row refers to it
        record(lead, now);
        audit.created(KIND, lead.id(), lead.fields());
        return LeadView.of(lead, null);   // not scored yet
    }

    public LeadView update(UUID id, long expectedVersion, Patch<LeadInput> patch) {
        Lead lead = visibility.requireWritable(Lead.class, RecordKind.LEAD, id, expectedVersion,
                data.em());
        inputs.validate(patch);
        LeadStatus next = null;
        if (patch.has("status")) {
            if (patch.values().status() == null) {
                throw new DomainException.Invalid("status", Messages.get("field.leadStatusNull"));
            }
            if (!patch.values().status().equals(lead.status())) {
                if (lead.is(LeadStatus.CONVERTED)) {
                    throw new DomainException.Conflict(Messages.get("lead.convertedStatus", String.valueOf(id)));
                }
                next = requireSettable(patch.values().status());
            }
        }
        Map<String, Object> before = lead.fields();
        apply(lead, patch, patch.has("ownerId") ? patch.values().ownerId() : lead.ownerId());
        if (next != null) {
            OffsetDateTime now = Times.now();
            lead.enter(next, now);
            record(lead, now);
        }
        data.em().flush();
        audit.updated(KIND, id, before, lead.fields());
        return view(lead);
    }

    public void delete(UUID id, long expectedVersion) {
        Lead lead = visibility.requireWritable(Lead.class, RecordKind.LEAD, id, expectedVersion,
                data.em());
        EntityManager em = data.em();
        long opportunities = data.count("select count(*) from opportunity where lead_id = ?1", id);
        if (lead.is(LeadStatus.CONVERTED) || opportunities > 0) {
            throw new DomainException.Conflict(Messages.get("lead.convertedDelete", String.valueOf(id)));
        }
        audit.deleted(KIND, id, lead.fields());
        em.remove(lead); // its status history and activities go with it (on delete cascade)
    }

    /** The lead if the caller sees it, else 404 (absent, another tenant's, or out of sight). */
    Lead visible(UUID id) {
        return visibility.require(Lead.class, RecordKind.LEAD, id, data.em());
    }

    /**
     * The lead, visible, writable by the caller and locked until the transaction ends, so that two
     * conversions of the same lead run one after the other and the second sees the first's result.
     */
    Lead lockedForConversion(UUID id) {
        Lead lead = visible(id);
        visibility.requireWrite(RecordKind.LEAD, lead.ownerId());
        data.em().refresh(lead, LockModeType.PESSIMISTIC_WRITE);
        if (lead.is(LeadStatus.CONVERTED) || lead.is(LeadStatus.DISQUALIFIED)) {
            throw new DomainException.Conflict(Messages.get("lead.notOpen", String.valueOf(id),
                    Messages.has("lead.status." + lead.status()) ? Messages.get("lead.status." + lead.status()) : lead.status()));
        }
        return lead;
    }

    /** Closes a conversion: the lead points at what it became and enters {@code converted}. */
    LeadView markConverted(Lead lead, UUID accountId, UUID contactId, UUID opportunityId) {
        Map<String, Object> before = lead.fields();
        OffsetDateTime now = Times.now();
        lead.converted(accountId, contactId, opportunityId);
        lead.enter(LeadStatus.CONVERTED, now);
        record(lead, now);
        data.em().flush();
        audit.updated(KIND, lead.id(), before, lead.fields());
        return view(lead);
    }

    private void record(Lead lead, OffsetDateTime at) {
        data.em().persist(new LeadStatusChange(lead.id(), lead.status(), at, context.actor().userId()));
    }

    private static LeadStatus requireSettable(String status) {
        LeadStatus s = LeadStatus.of(status).orElseThrow(() -> new DomainException.Invalid("status",
                Messages.get("field.leadStatus")));
        if (s == LeadStatus.CONVERTED) {
            throw new DomainException.Invalid("status", Messages.get("field.convertInstead"));
        }
        return s;
    }

    private void apply(Lead lead, Patch<LeadInput> patch, UUID owner) {
        LeadInput in = patch.values();
        if (patch.has("externalId")) {
            inputs.requireUniqueExternalId(Lead.class, in.externalId(), lead.externalId(), KIND);
            lead.externalId(in.externalId());
        }
        if (patch.has("name")) lead.name(in.name().strip());
        if (patch.has("company")) lead.company(in.company());
        if (patch.has("email")) lead.email(in.email());
        if (patch.has("phone")) lead.phone(in.phone());
        if (patch.has("channel")) lead.channel(in.channel());
        if (patch.has("industry")) lead.industry(in.industry());
        if (patch.has("region")) lead.region(in.region());
        if (patch.has("employees")) lead.employees(in.employees());
        if (!Objects.equals(owner, lead.ownerId())) {
            inputs.requireUser(owner, "ownerId");
            lead.ownerId(owner);
        }
        if (patch.has("shared")) lead.shared(Boolean.TRUE.equals(in.shared()));
        if (patch.has("custom")) lead.custom(customAttributes.merge(KIND, lead.custom(), in.custom()));
    }

    /** Microseconds, as PostgreSQL keeps them: the time a write returns is the time a later read shows. */
}
