package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.vector.types.pojo.Schema;

import java.util.Objects;

/**
 * A prepared statement of a session (protocol §9): its SQL, the schemas reported at creation, and the parameter values
 * bound last, as text. The values persist until the next bind, so executing again without rebinding reuses them.
 * {@link #failure} words an execution failure with what the binding limits did to those values.
 */
final class PreparedQuery {

    private final String sql;
    private final Schema datasetSchema;
    private final Schema parameterSchema;
    private volatile BoundParameters bound = BoundParameters.NONE;

    /**
     * @param sql             the SQL as DuckDB JDBC runs it (named parameters renumbered, see {@link SqlText})
     * @param datasetSchema   the result schema of the prepare step (§13.1)
     * @param parameterSchema the parameter schema, or null when the SQL has no parameters
     */
    PreparedQuery(String sql, Schema datasetSchema, Schema parameterSchema) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.datasetSchema = Objects.requireNonNull(datasetSchema, "datasetSchema");
        this.parameterSchema = parameterSchema;
    }

    String sql() {
        return sql;
    }

    Schema datasetSchema() {
        return datasetSchema;
    }

    Schema parameterSchema() {
        return parameterSchema;
    }

    /** The values bound last ({@link BoundParameters#NONE} before the first bind). */
    BoundParameters bound() {
        return bound;
    }

    /** How many parameters the SQL has. */
    int parameterCount() {
        return parameterSchema == null ? 0 : parameterSchema.getFields().size();
    }

    /**
     * The message of a failed execution with {@code values} (the ones it ran with): the prefix of protocol §9.3, DuckDB's
     * text, and how to bind instead when the server's limits explain the failure.
     */
    String failure(BoundParameters values, String duckDbMessage) {
        return Statements.EXECUTE_FAILED + values.explain(duckDbMessage, parameterCount());
    }

    /** Replaces the bound values. */
    void bind(BoundParameters values) {
        this.bound = Objects.requireNonNull(values, "values");
    }
}
