package ai.altertable.reactive.core.model;

import ai.altertable.reactive.core.model.internal.NonNullBooleanDeserializer;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /explain} (protocol §9.2), sent by the {@code explain} operation. <b>Mock only:</b> the
 * endpoint is not in the client spec.
 *
 * <p>{@code statement} is required; the other fields are optional and omitted when {@code null}. {@code include_plan}
 * (default {@code false}) asks for DuckDB's JSON plan. Unlike every other optional field of the protocol, the mock
 * rejects an explicit {@code "include_plan":null} (422) while accepting an absent key; decoding this record does the
 * same (a {@link com.fasterxml.jackson.databind.exc.InvalidNullException}), and it accepts only a JSON boolean there.
 *
 * @param statement   the SQL text; required
 * @param catalog     {@code catalog}, optional
 * @param schema      {@code schema}, optional
 * @param sessionId   {@code session_id}, optional
 * @param includePlan {@code include_plan}, optional
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"statement", "catalog", "schema", "session_id", "include_plan"})
public record ExplainRequest(
        @JsonProperty("statement") String statement,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("include_plan") @JsonDeserialize(using = NonNullBooleanDeserializer.class) Boolean includePlan) {

    /**
     * Checks the statement is present.
     *
     * @throws NullPointerException if {@code statement} is {@code null}
     */
    public ExplainRequest {
        Require.present(statement, "statement");
    }

    /** A request with only a statement (no plan). */
    public static ExplainRequest of(String statement) {
        return new ExplainRequest(statement, null, null, null, null);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder mutate() {
        return new Builder().statement(statement).catalog(catalog).schema(schema).sessionId(sessionId)
                .includePlan(includePlan);
    }

    /** Builder for {@link ExplainRequest}. */
    public static final class Builder {
        private String statement;
        private String catalog;
        private String schema;
        private String sessionId;
        private Boolean includePlan;

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

        /** {@code include_plan}; {@code null} leaves the key out. */
        public Builder includePlan(Boolean includePlan) {
            this.includePlan = includePlan;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws NullPointerException if no statement was set
         */
        public ExplainRequest build() {
            return new ExplainRequest(statement, catalog, schema, sessionId, includePlan);
        }
    }
}
