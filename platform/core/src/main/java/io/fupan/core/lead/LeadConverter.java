package io.fupan.core.lead;

import io.fupan.core.i18n.Messages;
import io.fupan.core.account.AccountInput;
import io.fupan.core.account.AccountService;
import io.fupan.core.account.AccountView;
import io.fupan.core.contact.ContactInput;
import io.fupan.core.contact.ContactService;
import io.fupan.core.contact.ContactView;
import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.opportunity.OpportunityInput;
import io.fupan.core.opportunity.OpportunityService;
import io.fupan.core.opportunity.OpportunityView;
import io.fupan.core.record.Inputs;
import io.fupan.core.user.RecordKind;
import io.fupan.core.user.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.fupan.core.tenancy.InTransaction;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lead to opportunity (L2O): one transaction creates the account (unless an existing one is named),
 * a contact from the lead's person and an opportunity from the lead, and closes the lead as
 * {@code converted}, pointing at all three. Each record is created by its own service, with that
 * service's checks, visibility and audit; a refusal at any step rolls the whole conversion back.
 */
@ApplicationScoped
@InTransaction
public class LeadConverter {

    /** The opportunity's name limit; a default name is cut to it. */
    private static final int NAME_MAX = 200;

    @Inject
    LeadService leads;
    @Inject
    AccountService accounts;
    @Inject
    ContactService contacts;
    @Inject
    OpportunityService opportunities;
    @Inject
    Visibility visibility;
    @Inject
    Inputs inputs;

    public LeadConversion convert(UUID leadId, LeadConversionInput input) {
        Lead lead = leads.lockedForConversion(leadId);
        for (RecordKind kind : new RecordKind[] {RecordKind.ACCOUNT, RecordKind.CONTACT, RecordKind.OPPORTUNITY}) {
            if (!visibility.reaches(kind)) {
                throw new DomainException.Forbidden(Messages.get("lead.convertReach",
                        Messages.kind(kind.label())));
            }
        }
        inputs.validate(input);

        AccountView account;
        if (input.accountId() != null) {
            if (input.accountName() != null) {
                throw new DomainException.Invalid("accountName", Messages.get("lead.accountNameWithId"));
            }
            try {
                account = accounts.get(input.accountId());
            } catch (DomainException.NotFound e) {
                throw new DomainException.Invalid("accountId", Messages.get("field.noSuchRecord",
                        Messages.kind("account"), String.valueOf(input.accountId())));
            }
        } else {
            String name = firstText(input.accountName(), lead.company(), lead.name());
            account = step(() -> accounts.create(new AccountInput(null, name, lead.industry(), lead.region(),
                    lead.employees(), null, null, null, input.ownerId(), lead.shared(), null)),
                    field -> "name".equals(field) ? "accountName" : field);
        }
        UUID accountId = account.id();

        ContactView contact = step(() -> contacts.create(new ContactInput(null, lead.name(), accountId, null, null,
                        lead.email(), lead.phone(), null, null, input.ownerId(), lead.shared())),
                field -> "ownerId".equals(field) ? field : "contact." + field);

        String opportunityName = input.opportunityName() != null ? input.opportunityName()
                : defaultOpportunityName(lead, account);
        OpportunityView opportunity = step(() -> opportunities.create(new OpportunityInput(null, opportunityName,
                        accountId, input.ownerId(), input.amount(), input.currency(), lead.channel(), lead.industry(),
                        lead.region(), null, input.closeDate(), lead.id(), lead.shared(), null)),
                field -> "name".equals(field) ? "opportunityName" : field);

        LeadView converted = leads.markConverted(lead, accountId, contact.id(), opportunity.id());
        return new LeadConversion(converted, account, contact, opportunity);
    }

    /**
     * "<company> – <lead name>", the company being the lead's, else the account's name; just the lead's
     * name when that would repeat it.
     */
    static String defaultOpportunityName(Lead lead, AccountView account) {
        String company = firstText(lead.company(), account.name());
        String name = company.equals(lead.name()) ? lead.name() : company + " – " + lead.name();
        if (name.length() <= NAME_MAX) {
            return name;
        }
        int end = NAME_MAX - 1;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return name.substring(0, end) + "…";
    }

    /** Runs one creation; its field errors are renamed to the fields of the conversion's body. */
    private static <T> T step(Supplier<T> creation, Function<String, String> rename) {
        try {
            return creation.get();
        } catch (DomainException.Invalid e) {
            throw new DomainException.Invalid(e.errors().stream()
                    .map(f -> new FieldError(rename.apply(f.field()), f.message())).toList());
        }
    }

    private static String firstText(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.strip();
            }
        }
        throw new IllegalStateException("a lead always has a name");
    }
}
