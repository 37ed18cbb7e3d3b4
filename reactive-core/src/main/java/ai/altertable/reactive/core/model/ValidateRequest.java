package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /validate} (protocol §9.1), sent by the {@code validate} operation.
 *
 * <p>{@code statement} is required; {@code catalog}, {@code schema} and {@code session_id} are optional and omitted when
 * {@code null}. On the official mock only {@code catalog}/{@code schema} have an effect (a sticky {@code USE}), and
 * validation runs {@code EXPLAIN <statement>}: validating multi-statement text runs all but the last statement for real.
 *
 * @param statement the SQL text; required
 * @param catalog   {@code catalog}, optional
 * @param schema    {@code schema}, optional
 * @param sessionId {@code session_id}, optional
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"statement", "catalog", "schema", "session_id"})
public record ValidateRequest(
        @JsonProperty("statement") String statement,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("session_id") String sessionId) {

    /**
     * Checks the statement is present.
     *
     * @throws NullPointerException if {@code statement} is {@code null}
     */
    public ValidateRequest {
        Require.present(statement, "statement");
    }

    /** A request with only a statement. */
    public static ValidateRequest of(String statement) {
        return new ValidateRequest(statement, null, null, null);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder mutate() {
        return new Builder().statement(statement).catalog(catalog).schema(schema).sessionId(sessionId);
    }

    /** Builder for {@link ValidateRequest}. */
    public static final class Builder {
        private String statement;
        private String catalog;
        private String schema;
        private String sessionId;

        private Builder() {
        }

        /** The SQL text (required). */
        public Builder statement(String statement) {
            this.statement = statement;
            return this;
        }

        /** {@code catalog}. */
        public Builder catalog(String catalog) {
            this.catalog = catalog;
            return this;
        }

        /** {@code schema}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** {@code session_id}. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws NullPointerException if no statement was set
         */
        public ValidateRequest build() {
            return new ValidateRequest(statement, catalog, schema, sessionId);
        }
    }
}
