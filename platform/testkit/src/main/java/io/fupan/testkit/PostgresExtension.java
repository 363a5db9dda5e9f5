package io.fupan.testkit;

import io.fupan.testkit.stack.Postgres;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test one real PostgreSQL shared by the whole test run (clean data, a free port), with
 * database and role {@code fupan}. Data goes under {@code fupan.work.dir}, else {@code target/fupan-test}.
 */
public class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedParts.postgres();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Postgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedParts.postgres();
    }
}
