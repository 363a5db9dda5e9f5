package io.fupan.server.currency;

import io.fupan.core.currency.CurrencyRates;
import io.fupan.core.currency.CurrencyRates.RateInput;
import io.fupan.core.currency.CurrencyRatesView;
import io.fupan.core.error.DomainException;
import io.fupan.server.rest.JsonInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
            throw new DomainException.Invalid("rates", io.fupan.core.i18n.Messages.get("currency.ratesMissing"));
        }
        List<RateInput> inputs = JsonInput.readEach("rates", table.rates(), RateInput.class);
        return rates.replace(inputs);
    }
}
