package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.db.CatalogSelection;
import ai.altertable.reactive.core.model.AutocompleteResponse;
import ai.altertable.reactive.core.model.ExplainResponse;
import ai.altertable.reactive.core.model.ValidateResponse;
import ai.altertable.reactive.mock.internal.sql.ExplainPlans;
import ai.altertable.reactive.mock.internal.sql.SqlCompletions;
import ai.altertable.reactive.mock.internal.sql.SqlMessages;
import ai.altertable.reactive.mock.internal.sql.Validation;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code POST /validate}, {@code /explain} and {@code /autocomplete} (protocol §9): JSON in, JSON out, the DuckDB work
 * on the database scheduler with a fresh connection after the optional {@code USE catalog} / {@code USE schema}.
 */
final class SqlHelperHandler {

    private static final int DEFAULT_SUGGESTIONS = 20;
    private static final int MAX_SUGGESTIONS = 200;

    private final Scheduler scheduler;

    SqlHelperHandler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    Mono<Void> validate(Exchange ex) {
        return body(ex, "ValidateRequest").flatMap(b -> {
            String statement = b.requireString("statement");
            String catalog = b.optionalString("catalog");
            String schema = b.optionalString("schema");
            b.optionalString("session_id");
            return onDatabase(ex, c -> {
                try {
                    CatalogSelection.use(c, catalog, schema);
                } catch (SQLException e) {
                    return ValidateResponse.invalid(statement, SqlMessages.of(e));
                }
                return Validation.validate(c, statement);
            });
        });
    }

    Mono<Void> explain(Exchange ex) {
        return body(ex, "ExplainRequest").flatMap(b -> {
            String statement = b.requireString("statement");
            String catalog = b.optionalString("catalog");
            String schema = b.optionalString("schema");
            b.optionalString("session_id");
            boolean includePlan = b.strictBoolean("include_plan", false);
            return onDatabase(ex, c -> {
                try {
                    CatalogSelection.use(c, catalog, schema);
                } catch (SQLException e) {
                    return ExplainResponse.failure(statement.strip(), SqlMessages.of(e));
                }
                return ExplainPlans.explain(c, statement, includePlan);
            });
        });
    }

    Mono<Void> autocomplete(Exchange ex) {
        return body(ex, "AutocompleteRequest").flatMap(b -> {
            String statement = b.requireString("statement").strip();
            String catalog = b.optionalString("catalog");
            String schema = b.optionalString("schema");
            b.optionalString("session_id");
            Long requested = b.optionalU32("max_suggestions");
            int max = requested == null || requested == 0 ? DEFAULT_SUGGESTIONS
                    : (int) Math.min(requested, MAX_SUGGESTIONS);
            return onDatabase(ex, c -> {
                try {
                    CatalogSelection.use(c, catalog, schema);
                    return AutocompleteResponse.of(statement, SqlCompletions.suggest(c, statement, max));
                } catch (SQLException e) {
                    throw new Rejection(400, SqlMessages.of(e)); // axum's String answer: text/plain; charset=utf-8
                }
            });
        });
    }

    private static Mono<JsonBody> body(Exchange ex, String typeName) {
        return RequestBodies.readJson(ex).map(bytes -> JsonBody.parseObject(bytes, typeName));
    }

    /** Database work that yields a response model. */
    @FunctionalInterface
    private interface Work {
        Object run(Connection c) throws SQLException;
    }

    private Mono<Void> onDatabase(Exchange ex, Work work) {
        return Mono.fromCallable(() -> {
            try (Connection c = ex.user().database().connect()) {
                return work.run(c);
            }
        }).subscribeOn(scheduler).flatMap(model -> Mono.from(Replies.json(ex.response(), 200,
                IngestHandler.json(model))));
    }
}
