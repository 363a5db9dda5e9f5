package io.fupan.server.currency;

import io.fupan.core.currency.CurrencyRates;
import io.fupan.core.currency.CurrencyRates.RateInput;
import io.fupan.core.currency.CurrencyRatesView;
import io.fupan.core.error.DomainException;
import io.fupan.core.error.DomainException.FieldError;
import io.fupan.core.record.Json;
import io.fupan.server.rest.JsonInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * {@code /currency-rates}: the tenant's conversion table (what one unit of another currency is worth in
 * the tenant's); every role reads it, tenant admins replace it. Review totals across currencies use it.
 */
@Path("/currency-rates")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CurrencyRatesResource {

    /** The body of a PUT: the whole new table. */
    public record RatesBody(List<Map<String, Object>> rates) {}

    @Inject
    CurrencyRates rates;

    @GET
    @Operation(summary = "The tenant's currency and what one unit of each other currency is worth in it")
    public CurrencyRatesView get() {
        return rates.view();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the conversion table (tenant_admin); an empty list clears it")
    public CurrencyRatesView replace(@RequestBody(description = "{ rates: [{currency, rate}] }") String body) {
        RatesBody table = JsonInput.read(body, RatesBody.class).values();
        if (table.rates() == null) {
            throw new DomainException.Invalid("rates", "must list the rates (an empty list clears the table)");
        }
        List<RateInput> inputs = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < table.rates().size(); i++) {
            Map<String, Object> rate = table.rates().get(i);
            if (rate == null) {
                errors.add(new FieldError("rates[" + i + "]", "must be an object"));
                continue;
            }
            try {
                inputs.add(JsonInput.read(Json.write(rate), RateInput.class).values());
            } catch (DomainException.Invalid e) {
                String at = "rates[" + i + "].";
                e.errors().forEach(f -> errors.add(new FieldError(at + f.field(), f.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return rates.replace(inputs);
    }
}
