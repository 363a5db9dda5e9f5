package io.fupan.core.opportunity;

import io.fupan.core.i18n.Messages;
import io.fupan.core.account.Account;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.pipeline.PipelineStage;
import io.fupan.core.pipeline.Pipelines;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Times;
import io.fupan.core.record.Patch;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.user.RecordKind;
import io.fupan.core.user.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Opportunities of the current tenant, as far as the caller sees them, with the history of every
 * stage each one entered (METRICS.md counts reached stages and times in stage from it).
 */
@ApplicationScoped
@InTransaction
public class OpportunityService {

    public static final String KIND = "opportunity";
    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "o.createdAt", "updatedAt", "o.updatedAt", "amount", "o.amount", "closeDate", "o.closeDate",
            "name", "o.name", "stage", "o.stage");

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
    @Inject
    Pipelines pipelines;
    @Inject
    TenantRegistry registry;

    public Page<OpportunityView> list(OpportunityFilter filter, PageRequest page) {
        if (filter.stage() != null) {
            pipelines.requireStage("stage", filter.stage());
        }
        Jpql<Opportunity> query = new Jpql<>(Opportunity.class, "o")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(Locale.ROOT) + "%",
                        "lower(o.name) like :q", "q")
                .whereIf(filter.stage(), "o.stage = :stage", "stage")
                .whereIf(filter.ownerId(), "o.ownerId = :owner", "owner")
                .whereIf(filter.accountId(), "o.accountId = :account", "account")
                .whereIf(filter.leadId(), "o.leadId = :lead", "lead")
                .whereIf(filter.channel(), "o.channel = :channel", "channel")
                .whereIf(filter.industry(), "o.industry = :industry", "industry")
                .whereIf(filter.region(), "o.region = :region", "region")
                .whereIf(filter.externalId(), "o.externalId = :ext", "ext")
                .whereIf(filter.createdFrom(), "o.createdAt >= :createdFrom", "createdFrom")
                .whereIf(filter.createdTo(), "o.createdAt < :createdTo", "createdTo");
        if (filter.closed() != null) {
            query.where(filter.closed() ? "o.closedAt is not null" : "o.closedAt is null");
        }
        customAttributes.filter(query, "o", KIND, filter.custom());
        return visibility.restrict(query, "o", RecordKind.OPPORTUNITY).page(data.em(), page, SORTABLE)
                .map(OpportunityView::of);
    }

    public OpportunityView get(UUID id) {
        return OpportunityView.of(visible(id));
    }

    /** Every entry of the opportunity into a stage, oldest first; 404 like the opportunity itself. */
    public StageHistoryView history(UUID id) {
        visible(id);
        return new StageHistoryView(data.em().createQuery(
                        "select h from StageEntry h where h.opportunityId = :id order by h.enteredAt, h.id", StageEntry.class)
                .setParameter("id", id).getResultList().stream().map(StageHistoryView.Entry::of).toList());
    }

    /**
     * The signals plugins the tenant has enabled published on the opportunity, worst level first, with
     * reasons in {@code locale} (Chinese where the plugin gave it).
     */
    public SignalsView signals(UUID id, Locale locale) {
        visible(id);
        List<String> worstFirst = List.of("at-risk", "watch", "healthy");
        return new SignalsView(OpportunitySignals.of(data.em(), List.of(id)).stream()
                .sorted(java.util.Comparator.comparingInt(s -> worstFirst.indexOf(s.level())))
                .map(s -> new SignalsView.Signal(s.pluginId(), s.kind(), s.level(), s.score(), s.reason(locale), s.updatedAt()))
                .toList());
    }

    /**
     * Creates an opportunity in {@code input.stage()} (default: the first open stage) and writes its
     * first stage history entry, at its creation time. Lead conversion calls this within its own transaction.
     */
    public OpportunityView create(OpportunityInput input) {
        visibility.requireReach(RecordKind.OPPORTUNITY);
        inputs.validate(input);
        UUID owner = visibility.requireNewOwner(RecordKind.OPPORTUNITY, input.ownerId());
        PipelineStage stage = input.stage() == null ? pipelines.firstOpenStage()
                : pipelines.requireStage("stage", input.stage());
        OffsetDateTime now = Times.now();
        Opportunity opportunity = new Opportunity(input.name().strip(), now, stage.key(), closes(stage));
        apply(opportunity, new Patch<>(input, Patch.allOf(OpportunityInput.class)), owner, true);
        if (opportunity.currency() == null) {
            opportunity.currency(registry.find(context.tenantId()).map(RegisteredTenant::currency)
                    .orElseThrow(() -> new IllegalStateException("tenant " + context.tenantId() + " is not registered")));
        }
        if (opportunity.accountId() != null && (opportunity.industry() == null || opportunity.region() == null)) {
            Account account = data.em().find(Account.class, opportunity.accountId());
            if (opportunity.industry() == null) opportunity.industry(account.industry());
            if (opportunity.region() == null) opportunity.region(account.region());
        }
        EntityManager em = data.em();
        em.persist(opportunity);
        em.flush(); // the opportunity before its history row, which refers to it
        em.persist(new StageEntry(opportunity.id(), stage.key(), now, context.actor().userId()));
        em.flush();
        audit.created(KIND, opportunity.id(), opportunity.fields());
        return OpportunityView.of(opportunity);
    }

    /** Changes the fields sent; a new {@code stage} is entered now, by the caller, and written to the history. */
    public OpportunityView update(UUID id, long expectedVersion, Patch<OpportunityInput> patch) {
        Opportunity opportunity = visibility.requireWritable(Opportunity.class, RecordKind.OPPORTUNITY, id, expectedVersion,
                data.em());
        inputs.validate(patch);
        Map<String, Object> before = opportunity.fields();
        apply(opportunity, patch, patch.has("ownerId") ? patch.values().ownerId() : opportunity.ownerId(), false);
        if (patch.has("stage")) {
            String key = patch.values().stage();
            if (key == null) {
                throw new DomainException.Invalid("stage", Messages.get("field.stageNotClearable"));
            }
            PipelineStage stage = pipelines.requireStage("stage", key);
            if (!stage.key().equals(opportunity.stage())) {
                OffsetDateTime now = Times.now();
                opportunity.enter(stage.key(), now, closes(stage));
                data.em().persist(new StageEntry(id, stage.key(), now, context.actor().userId()));
            }
        }
        data.em().flush();
        audit.updated(KIND, id, before, opportunity.fields());
        return OpportunityView.of(opportunity);
    }

    public void delete(UUID id, long expectedVersion) {
        Opportunity opportunity = visibility.requireWritable(Opportunity.class, RecordKind.OPPORTUNITY, id, expectedVersion,
                data.em());
        EntityManager em = data.em();
        long leads = data.count("select count(*) from lead where converted_opportunity_id = ?1", id);
        if (leads > 0) {
            throw new DomainException.Conflict(Messages.get("opportunity.fromLeads", String.valueOf(leads)));
        }
        audit.deleted(KIND, id, opportunity.fields());
        em.remove(opportunity); // its stage history and activities go with it (on delete cascade)
        em.flush();
    }

    private Opportunity visible(UUID id) {
        return visibility.require(Opportunity.class, RecordKind.OPPORTUNITY, id, data.em());
    }

    private void apply(Opportunity o, Patch<OpportunityInput> patch, UUID owner, boolean creating) {
        OpportunityInput in = patch.values();
        if (patch.has("externalId")) {
            inputs.requireUniqueExternalId(Opportunity.class, in.externalId(), o.externalId(), KIND);
            o.externalId(in.externalId());
        }
        if (patch.has("name")) o.name(in.name().strip());
        if (patch.has("accountId")) {
            inputs.requireExists(Account.class, in.accountId(), "accountId", "account");
            o.accountId(in.accountId());
        }
        if (!Objects.equals(owner, o.ownerId())) {
            inputs.requireUser(owner, "ownerId");
            o.ownerId(owner);
        }
        if (patch.has("amount")) o.amount(in.amount());
        if (patch.has("currency")) {
            if (in.currency() != null) {
                o.currency(currency(in.currency()));
            } else if (!creating) {
                throw new DomainException.Invalid("currency", Messages.get("field.currencyNotClearable"));
            }
        }
        if (patch.has("channel")) o.channel(in.channel());
        if (patch.has("industry")) o.industry(in.industry());
        if (patch.has("region")) o.region(in.region());
        if (patch.has("closeDate")) o.closeDate(in.closeDate());
        if (patch.has("leadId")) {
            if (in.leadId() != null && !leadExists(in.leadId())) {
                throw new DomainException.Invalid("leadId", Messages.get("field.noSuchRecord", Messages.kind("lead"), String.valueOf(in.leadId())));
            }
            o.leadId(in.leadId());
        }
        if (patch.has("shared")) o.shared(Boolean.TRUE.equals(in.shared()));
        if (patch.has("custom")) o.custom(customAttributes.merge(KIND, o.custom(), in.custom()));
    }

    /** The ISO 4217 code, upper-cased, or a 422 on {@code currency}. */
    private static String currency(String code) {
        try {
            if (code.length() == 3) {
                return Currency.getInstance(code.toUpperCase(Locale.ROOT)).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the field error
        }
        throw new DomainException.Invalid("currency", Messages.get("field.currency", code));
    }

    /** Leads are another feature's records: their existence is asked of the table (row-level security keeps it to this tenant). */
    private boolean leadExists(UUID id) {
        return data.count("select count(*) from lead where id = ?1", id) > 0;
    }

    private static boolean closes(PipelineStage stage) {
        return stage.kind() != PipelineStage.Kind.OPEN;
    }

    /** Microseconds, as PostgreSQL keeps them: the time answered is the time stored. */
}
