package io.fupan.core.contact;

import io.fupan.core.i18n.Messages;
import io.fupan.core.account.Account;
import io.fupan.core.audit.AuditTrail;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Contacts of the current tenant, as far as the caller sees them. */
@ApplicationScoped
@InTransaction
public class ContactService {

    public static final String KIND = "contact";
    public static final Map<String, String> SORTABLE = Map.of(
            "name", "c.name", "createdAt", "c.createdAt", "updatedAt", "c.updatedAt", "title", "c.title");

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

    public Page<ContactView> list(ContactFilter filter, PageRequest page) {
        if (filter.buyingRole() != null && !filter.buyingRole().matches(ContactInput.BUYING_ROLES)) {
            throw new DomainException.Invalid("buyingRole", Messages.get("field.buyingRole"));
        }
        Jpql<Contact> query = new Jpql<>(Contact.class, "c")
                .whereIf(filter.q() == null ? null : "%" + filter.q().toLowerCase(Locale.ROOT) + "%",
                        "lower(c.name) like :q or lower(c.email) like :q", "q")
                .whereIf(filter.accountId(), "c.accountId = :account", "account")
                .whereIf(filter.ownerId(), "c.ownerId = :owner", "owner")
                .whereIf(filter.buyingRole(), "c.buyingRole = :role", "role")
                .whereIf(filter.externalId(), "c.externalId = :ext", "ext");
        return visibility.restrict(query, "c", RecordKind.CONTACT).page(data.em(), page, SORTABLE)
                .map(ContactView::of);
    }

    public ContactView get(UUID id) {
        return ContactView.of(visibility.require(Contact.class, RecordKind.CONTACT, id, data.em()));
    }

    /** Creates a contact owned by {@code input.ownerId()}, or by the caller when none is given (also for lead conversion). */
    public ContactView create(ContactInput input) {
        visibility.requireReach(RecordKind.CONTACT);
        inputs.validate(input);
        UUID owner = visibility.requireNewOwner(RecordKind.CONTACT, input.ownerId());
        Contact contact = new Contact(input.name());
        apply(contact, new Patch<>(input, Patch.allOf(ContactInput.class)), owner);
        EntityManager em = data.em();
        em.persist(contact);
        em.flush();
        audit.created(KIND, contact.id(), contact.fields());
        return ContactView.of(contact);
    }

    public ContactView update(UUID id, long expectedVersion, Patch<ContactInput> patch) {
        Contact contact = visibility.requireWritable(Contact.class, RecordKind.CONTACT, id, expectedVersion,
                data.em());
        inputs.validate(patch);
        Map<String, Object> before = contact.fields();
        apply(contact, patch, patch.has("ownerId") ? patch.values().ownerId() : contact.ownerId());
        data.em().flush();
        audit.updated(KIND, id, before, contact.fields());
        return ContactView.of(contact);
    }

    /** Deletes a contact nobody reports to and no converted lead points at; its activities go with it. */
    public void delete(UUID id, long expectedVersion) {
        Contact contact = visibility.requireWritable(Contact.class, RecordKind.CONTACT, id, expectedVersion,
                data.em());
        EntityManager em = data.em();
        long reports = em.createQuery("select count(c) from Contact c where c.reportsToId = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        long leads = data.count("select count(*) from lead where converted_contact_id = ?1", id);
        if (reports + leads > 0) {
            throw new DomainException.Conflict(Messages.get("contact.referenced", String.valueOf(reports),
                    String.valueOf(leads)));
        }
        audit.deleted(KIND, id, contact.fields());
        em.remove(contact);
    }

    private void apply(Contact contact, Patch<ContactInput> patch, UUID owner) {
        ContactInput in = patch.values();
        if (patch.has("externalId")) {
            inputs.requireUniqueExternalId(Contact.class, in.externalId(), contact.externalId(), KIND);
            contact.externalId(in.externalId());
        }
        if (patch.has("name")) contact.name(in.name().strip());
        if (patch.has("accountId")) {
            inputs.requireExists(Account.class, in.accountId(), "accountId", "account");
            contact.accountId(in.accountId());
        }
        if (patch.has("title")) contact.title(in.title());
        if (patch.has("department")) contact.department(in.department());
        if (patch.has("email")) contact.email(in.email() == null ? null : in.email().strip());
        if (patch.has("phone")) contact.phone(in.phone());
        if (patch.has("reportsToId")) {
            inputs.requireExists(Contact.class, in.reportsToId(), "reportsToId", KIND);
            requireNoCycle(contact.id(), in.reportsToId());
            contact.reportsToId(in.reportsToId());
        }
        if (patch.has("buyingRole")) contact.buyingRole(in.buyingRole());
        if (!Objects.equals(owner, contact.ownerId())) {
            inputs.requireUser(owner, "ownerId");
            contact.ownerId(owner);
        }
        if (patch.has("shared")) contact.shared(Boolean.TRUE.equals(in.shared()));
    }

    /** A reporting line must never come back to the contact itself. */
    private void requireNoCycle(UUID self, UUID reportsTo) {
        UUID cursor = reportsTo;
        for (int depth = 0; cursor != null; depth++) {
            if (cursor.equals(self) || depth > 100) {
                throw new DomainException.Invalid("reportsToId", Messages.get("field.reportsToCycle"));
            }
            Contact next = data.em().find(Contact.class, cursor);
            cursor = next == null ? null : next.reportsToId();
        }
    }
}
