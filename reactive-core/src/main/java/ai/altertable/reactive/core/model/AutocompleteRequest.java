package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /autocomplete} (protocol §9.3), sent by the {@code autocomplete} operation.
 *
 * <p>{@code statement} (the text up to the cursor) is required; the other fields are optional and omitted when
 * {@code null}. {@code max_suggestions} must be {@code >= 0} (negative is a 422 on the mock); the mock treats absent or
 * {@code 0} as {@value #DEFAULT_MAX_SUGGESTIONS} and caps larger values at {@value #MAX_SUGGESTIONS_CAP}.
 *
 * @param statement      the SQL text; required
 * @param catalog        {@code catalog}, optional
 * @param schema         {@code schema}, optional
 * @param sessionId      {@code session_id}, optional
 * @param maxSuggestions {@code max_suggestions}, optional, {@code >= 0}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"statement", "catalog", "schema", "session_id", "max_suggestions"})
public record AutocompleteRequest(
        @JsonProperty("statement") String statement,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("max_suggestions") Integer maxSuggestions) {

    /** What the mock uses when {@code max_suggestions} is absent or {@code 0}. */
    public static final int DEFAULT_MAX_SUGGESTIONS = 20;
    /** The mock's cap on {@code max_suggestions}; larger values are not an error. */
    public static final int MAX_SUGGESTIONS_CAP = 200;

    /**
     * Checks the fields the server checks.
     *
     * @throws NullPointerException     if {@code statement} is {@code null}
     * @throws IllegalArgumentException if {@code max_suggestions} is negative
     */
    public AutocompleteRequest {
        Require.present(statement, "statement");
        Require.nonNegative(maxSuggestions, "max_suggestions");
    }

    /** A request with only a statement. */
    public static AutocompleteRequest of(String statement) {
        return new AutocompleteRequest(statement, null, null, null, null);
    }

    /**
     * The number of suggestions the mock will return at most for this request: {@code max_suggestions}, with
     * absent or {@code 0} meaning {@value #DEFAULT_MAX_SUGGESTIONS}, capped at {@value #MAX_SUGGESTIONS_CAP}.
     */
    public int effectiveMaxSuggestions() {
        if (maxSuggestions == null || maxSuggestions == 0) {
            return DEFAULT_MAX_SUGGESTIONS;
        }
        return Math.min(maxSuggestions, MAX_SUGGESTIONS_CAP);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder mutate() {
        return new Builder().statement(statement).catalog(catalog).schema(schema).sessionId(sessionId)
                .maxSuggestions(maxSuggestions);
    }

    /** Builder for {@link AutocompleteRequest}. */
    public static final class Builder {
        private String statement;
        private String catalog;
        private String schema;
        private String sessionId;
        private Integer maxSuggestions;

        private Builder() {
        }

        /** The SQL text up to the cursor (required). */
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

        /** {@code max_suggestions}, {@code >= 0}. */
        public Builder maxSuggestions(Integer maxSuggestions) {
            this.maxSuggestions = maxSuggestions;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws NullPointerException     if no statement was set
         * @throws IllegalArgumentException if {@code max_suggestions} is negative
         */
        public AutocompleteRequest build() {
            return new AutocompleteRequest(statement, catalog, schema, sessionId, maxSuggestions);
        }
    }
}
