package io.fupan.core.account;

import io.fupan.core.i18n.Messages;
import io.fupan.core.audit.AuditTrail;
import io.fupan.core.custom.CustomAttributes;
import io.fupan.core.error.DomainException;
import io.fupan.core.query.Jpql;
import io.fupan.core.query.Page;
import io.fupan.core.query.PageRequest;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Patch;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.user.RecordKind;
import io.fupan.core.user.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.fupan.core.tenancy.InTransaction;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Accounts of the current tenant, as far as the caller sees them. */
@ApplicationScoped
@InTransaction
public class AccountService {

    public static final String KIND = "account";
    public static final Map<String, String> SORTABLE = Map.of(
            "name", "a.name", "createdAt", "a.createdAt", "updatedAt", "a.updatedAt", "industry", "a.industry",
            "region", "a.region", "employees", "a.employees", "annualRevenue", "a.annualRevenue", "tier", "a.tier");

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

    public Page<AccountView> list(AccountFilter filter, PageRequest page) {
        Jpql<Account> query = new Jpql<>(Account.class, "a")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(java.util.Locale.ROOT) + "%",
                        "lower(a.name) like :q", "q")
                .whereIf(filter.industry(), "a.industry = :industry", "industry")
                .whereIf(filter.region(), "a.region = :region", "region")
                .whereIf(filter.tier(), "a.tier = :tier", "tier")
                .whereIf(filter.ownerId(), "a.ownerId = :owner", "owner")
                .whereIf(filter.parentId(), "a.parentId = :parent", "parent")
                .whereIf(filter.externalId(), "a.externalId = :ext", "ext");
        customAttributes.filter(query, "a", KIND, filter.custom());
        return visibility.restrict(query, "a", RecordKind.ACCOUNT).page(data.em(), page, SORTABLE)
                .map(AccountView::of);
    }

    public AccountView get(UUID id) {
        return AccountView.of(visibility.require(Account.class, RecordKind.ACCOUNT, id, data.em()));
    }

    public AccountView create(AccountInput input) {
        visibility.requireReach(RecordKind.ACCOUNT);
        inputs.validate(input);
        UUID owner = visibility.requireNewOwner(RecordKind.ACCOUNT, input.ownerId());
        Account account = new Account(input.name());
        apply(account, new Patch<>(input, Patch.allOf(AccountInput.class)), owner);
        EntityManager em = data.em();
        em.persist(account);
        em.flush();
        audit.created(KIND, account.id(), account.fields());
        return AccountView.of(account);
    }

    public AccountView update(UUID id, long expectedVersion, Patch<AccountInput> patch) {
        Account account = visibility.requireWritable(Account.class, RecordKind.ACCOUNT, id, expectedVersion,
                data.em());
        inputs.validate(patch);
        Map<String, Object> before = account.fields();
        apply(account, patch, patch.has("ownerId") ? patch.values().ownerId() : account.ownerId());
        data.em().flush();
        audit.updated(KIND, id, before, account.fields());
        return AccountView.of(account);
    }

    public void delete(UUID id, long expectedVersion) {
        Account account = visibility.requireWritable(Account.class, RecordKind.ACCOUNT, id, expectedVersion,
                data.em());
        EntityManager em = data.em();
        long children = em.createQuery("select count(a) from Account a where a.parentId = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        long contacts = data.count("select count(*) from contact where account_id = ?1", id);
        long opportunities = data.count("select count(*) from opportunity where account_id = ?1", id);
        if (children + contacts + opportunities > 0) {
            throw new DomainException.Conflict(Messages.get("account.referenced", String.valueOf(children),
                    String.valueOf(contacts), String.valueOf(opportunities)));
        }
        audit.deleted(KIND, id, account.fields());
        em.remove(account);
    }

    private void apply(Account account, Patch<AccountInput> patch, UUID owner) {
        AccountInput in = patch.values();
        if (patch.has("externalId")) {
            inputs.requireUniqueExternalId(Account.class, in.externalId(), account.externalId(), KIND);
            account.externalId(in.externalId());
        }
        if (patch.has("name")) account.name(in.name().strip());
        if (patch.has("industry")) account.industry(in.industry());
        if (patch.has("region")) account.region(in.region());
        if (patch.has("employees")) account.employees(in.employees());
        if (patch.has("annualRevenue")) account.annualRevenue(in.annualRevenue());
        if (patch.has("tier")) account.tier(in.tier());
        if (patch.has("parentId")) {
            inputs.requireExists(Account.class, in.parentId(), "parentId", KIND);
            requireNoCycle(account.id(), in.parentId());
            account.parentId(in.parentId());
        }
        if (!Objects.equals(owner, account.ownerId())) {
            inputs.requireUser(owner, "ownerId");
            account.ownerId(owner);
        }
        if (patch.has("shared")) account.shared(Boolean.TRUE.equals(in.shared()));
        if (patch.has("custom")) account.custom(customAttributes.merge(KIND, account.custom(), in.custom()));
    }

    /** A parent chain must never come back to the account itself. */
    private void requireNoCycle(UUID self, UUID parent) {
        UUID cursor = parent;
        for (int depth = 0; cursor != null; depth++) {
            if (cursor.equals(self) || depth > 100) {
                throw new DomainException.Invalid("parentId", Messages.get("field.parentCycle"));
            }
            Account next = data.em().find(Account.class, cursor);
            cursor = next == null ? null : next.parentId();
        }
    }
}
