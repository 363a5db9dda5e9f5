package io.fupan.core.record;

import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.i18n.Messages;
import io.fupan.core.tenancy.TenantContext;
import io.fupan.core.tenancy.TenantData;
import io.fupan.core.user.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The checks every write shares: Bean Validation of inputs, versions, and references to other records. */
@ApplicationScoped
public class Inputs {

    @Inject
    ValidatorFactory validators;

    /** A validator per language: its messages are interpolated in that language (zh-CN or en). */
    private final Map<Locale, Validator> byLocale = new ConcurrentHashMap<>();

    @Inject
    TenantData data;

    @Inject
    TenantContext context;

    /** Every constraint of {@code input} (a create). */
    public <T> void validate(T input) {
        raise(validator().validate(input));
    }

    /** The constraints of the fields a patch sends (an update). */
    public <T> void validate(Patch<T> patch) {
        List<ConstraintViolation<T>> violations = new ArrayList<>();
        Validator validator = validator();
        for (String field : patch.fields()) {
            if (!field.contains(".")) {
                violations.addAll(validator.validateProperty(patch.values(), field));
            }
        }
        raise(Set.copyOf(violations));
    }

    /** The validator speaking the request's language (Messages.locale()). */
    private Validator validator() {
        return byLocale.computeIfAbsent(Messages.locale(), locale -> {
            MessageInterpolator standard = validators.getMessageInterpolator();
            return validators.usingContext().messageInterpolator(new MessageInterpolator() {
                @Override
                public String interpolate(String template, Context context) {
                    return standard.interpolate(template, context, locale);
                }

                @Override
                public String interpolate(String template, Context context, Locale ignored) {
                    return standard.interpolate(template, context, locale);
                }
            }).getValidator();
        });
    }

    private static <T> void raise(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new DomainException.Invalid(violations.stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
    }

    /** Refuses a write against an older version than the stored one. */
    public static void requireVersion(String kind, UUID id, long expected, long actual) {
        if (expected != actual) {
            throw new DomainException.Stale(kind, id, expected, actual);
        }
    }

    /** Refuses a reference ({@code field}) to a record of {@code type} that the tenant does not have. */
    public void requireExists(Class<?> type, UUID id, String field, String kind) {
        if (id != null && data.em().find(type, id) == null) {
            throw new DomainException.Invalid(field, Messages.get("field.noSuchRecord", Messages.kind(kind), String.valueOf(id)));
        }
    }

    /**
     * Refuses a reference ({@code field}) to a user the tenant does not have. The caller is one: the
     * sign-in found them in the tenant's users moments ago, and users are deactivated, never deleted.
     */
    public void requireUser(UUID id, String field) {
        if (id != null && !id.equals(context.actor().userId())) {
            requireExists(AppUser.class, id, field, "user");
        }
    }

    /** Refuses an {@code externalId} that another record of {@code type} (a {@code kind}) already has. */
    public void requireUniqueExternalId(Class<?> type, String externalId, String current, String kind) {
        if (externalId == null || externalId.equals(current)) {
            return;
        }
        boolean taken = !data.em().createQuery("select x.id from " + type.getSimpleName() + " x where x.externalId = :e",
                        UUID.class)
                .setParameter("e", externalId).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new DomainException.Invalid("externalId", Messages.get("field.externalIdTaken", Messages.kind(kind), externalId));
        }
    }
}
