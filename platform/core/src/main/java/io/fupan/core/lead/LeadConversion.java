package io.fupan.core.lead;

import io.fupan.core.account.AccountView;
import io.fupan.core.contact.ContactView;
import io.fupan.core.opportunity.OpportunityView;

/** What converting a lead produced (L2O): the converted lead and the three records it became. */
public record LeadConversion(LeadView lead, AccountView account, ContactView contact, OpportunityView opportunity) {}
