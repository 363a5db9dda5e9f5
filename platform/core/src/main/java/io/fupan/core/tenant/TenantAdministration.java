package io.fupan.core.tenant;

import io.fupan.core.i18n.Messages;
import io.fupan.core.error.DomainException;
import io.fupan.core.identity.KeycloakAdmin;
import io.fupan.core.record.Inputs;
import io.fupan.core.record.Patch;
import io.fupan.core.tenant.config.TenantDefinition;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import io.fupan.core.tenancy.InTransaction;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * What platform operators do with tenants: create one with its plan, default pipeline and first
 * admin (a Keycloak user holding {@code tenant_admin}), suspend and reactivate it.
 */
@ApplicationScoped
public class TenantAdministration {

    @Inject
    TenantRegistry registry;
    @Inject
    InstallationConfig installation;
    @Inject
    KeycloakAdmin keycloak;
    @Inject
    Inputs inputs;
    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Creates the tenant. The Keycloak user is made last, inside the database transaction; should the
     * transaction still fail, the user is removed again, so a failed creation leaves nothing behind.
     */
    @InTransaction
    public RegisteredTenant create(NewTenant input) {
        inputs.validate(input);
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (installation.plan(input.plan()).isEmpty()) {
            errors.add(new DomainException.FieldError("plan", Messages.get("tenant.notPlanOf", input.plan(),
                    String.join(", ", installation.plans().stream().map(p -> p.id()).toList()))));
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(input.timeZone());
        } catch (DateTimeException e) {
            errors.add(new DomainException.FieldError("timeZone", Messages.get("tenant.timeZone", input.timeZone())));
        }
        Currency currency = null;
        try {
            currency = Currency.getInstance(input.currency());
        } catch (IllegalArgumentException e) {
            errors.add(new DomainException.FieldError("currency", Messages.get("tenant.currency", input.currency())));
        }
        String locale = input.locale() == null ? "zh-CN" : input.locale();
        if (!List.of("zh-CN", "en").contains(locale)) {
            errors.add(new DomainException.FieldError("locale", Messages.get("tenant.locale")));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        if (registry.find(input.id()).isPresent()) {
            throw new DomainException.Conflict(Messages.get("tenant.exists", input.id()));
        }
        registry.register(new TenantDefinition(input.id(), input.name().strip(), input.plan(),
                TenantDefinition.Status.ACTIVE, zone, currency, Locale.forLanguageTag(locale), List.of()), "api");
        String userId = keycloak.createUser(input.adminEmail(), input.adminPassword(), "Admin",
                input.name().strip(), input.id(), "tenant_admin");
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    keycloak.deleteUser(userId);
                }
            }
        });
        return registry.find(input.id()).orElseThrow();
    }

    @InTransaction
    public RegisteredTenant change(String id, Patch<TenantChange> change) {
        inputs.validate(change);
        RegisteredTenant tenant = registry.find(id).orElseThrow(() -> new DomainException.NotFound("tenant", id));
        TenantChange in = change.values();
        if (change.has("plan") && in.plan() != null && installation.plan(in.plan()).isEmpty()) {
            throw new DomainException.Invalid("plan", Messages.get("tenant.notPlan", in.plan()));
        }
        return registry.update(tenant.id(),
                change.has("name") && in.name() != null ? in.name().strip() : tenant.name(),
                change.has("plan") && in.plan() != null ? in.plan() : tenant.plan(),
                change.has("status") && in.status() != null ? TenantStatus.ofCode(in.status()) : tenant.status());
    }
}
