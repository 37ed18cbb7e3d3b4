package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;
import java.util.Objects;

/**
 * A prepared statement of a session (protocol §9): its SQL, the schemas reported at creation, and the parameter values
 * bound last, as text. The values persist until the next bind, so executing again without rebinding reuses them.
 */
final class PreparedQuery {

    private final String sql;
    private final Schema datasetSchema;
    private final Schema parameterSchema;
    private volatile List<String> parameters = List.of();

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

    List<String> parameters() {
        return parameters;
    }

    /** Replaces the bound values. */
    void bind(List<String> values) {
        this.parameters = List.copyOf(values);
    }
}
