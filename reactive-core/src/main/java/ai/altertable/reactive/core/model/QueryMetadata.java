package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The first line of a {@code POST /query} NDJSON response (protocol §5.2): what the server ran, with which ids.
 *
 * <p>On the wire the eight known keys are always present, in this order, with explicit {@code null}s (e.g.
 * {@code "rows_limit":null}); any {@link #extra()} keys follow. Every key is optional on read: a missing one is
 * {@code null} ({@code connections_errors} becomes an empty map), and unknown keys are kept in {@link #extra()} in
 * arrival order rather than dropped.
 *
 * <p>Official mock vs production (§5.2, §14): the mock echoes {@code statement} verbatim (production trims/transpiles),
 * reports the whole execution time in {@code init_time_ms} (at least 1), always sends {@code connections_errors:{}}
 * and {@code worker_slug:"altertable-mock"} ({@link #MOCK_WORKER_SLUG}); production slugs look like
 * {@code api-worker-l-…}. Always take {@code query_id}/{@code session_id} from here: the server may not have used the
 * ones that were sent.
 *
 * @param statement         the statement as the server echoes it
 * @param rowsLimit         {@code rows_limit}: the request's {@code limit}, or {@code null}
 * @param rowsOffset        {@code rows_offset}: the request's {@code offset}, or {@code null}
 * @param initTimeMs        {@code init_time_ms}
 * @param connectionsErrors {@code connections_errors}: connection name to error text; never {@code null}
 * @param sessionId         {@code session_id}
 * @param queryId           {@code query_id}: lowercase hyphenated UUID
 * @param workerSlug        {@code worker_slug}
 * @param extra             keys this model does not know, in arrival order; never {@code null}, written after the others
 */
@JsonDeserialize(builder = QueryMetadata.Builder.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"statement", "rows_limit", "rows_offset", "init_time_ms", "connections_errors", "session_id",
        "query_id", "worker_slug"})
public record QueryMetadata(
        @JsonProperty("statement") String statement,
        @JsonProperty("rows_limit") Long rowsLimit,
        @JsonProperty("rows_offset") Long rowsOffset,
        @JsonProperty("init_time_ms") Long initTimeMs,
        @JsonProperty("connections_errors") Map<String, String> connectionsErrors,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("query_id") String queryId,
        @JsonProperty("worker_slug") String workerSlug,
        @JsonAnyGetter Map<String, JsonNode> extra) {

    /** The {@code worker_slug} of the official mock. */
    public static final String MOCK_WORKER_SLUG = "altertable-mock";

    private static final Set<String> KNOWN_KEYS = Set.of("statement", "rows_limit", "rows_offset", "init_time_ms",
            "connections_errors", "session_id", "query_id", "worker_slug");

    /**
     * Normalizes {@code null} maps to empty ones and copies both maps, keeping their order.
     *
     * @throws IllegalArgumentException if {@code extra} holds one of the known keys (it would be written twice)
     */
    public QueryMetadata {
        connectionsErrors = orderedCopy(connectionsErrors);
        extra = orderedCopy(extra);
        for (String key : extra.keySet()) {
            if (KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException("extra key '" + key + "' is a known metadata key; set it directly");
            }
        }
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A new builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this metadata's values. */
    public Builder mutate() {
        Builder b = new Builder()
                .statement(statement)
                .rowsLimit(rowsLimit)
                .rowsOffset(rowsOffset)
                .initTimeMs(initTimeMs)
                .connectionsErrors(connectionsErrors)
                .sessionId(sessionId)
                .queryId(queryId)
                .workerSlug(workerSlug);
        extra.forEach(b::putExtra);
        return b;
    }

    /**
     * Builder for {@link QueryMetadata}, also used by Jackson to decode it (which is how unknown keys reach
     * {@link #putExtra(String, JsonNode)}). No field is required.
     */
    @JsonPOJOBuilder(withPrefix = "")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Builder {
        private String statement;
        private Long rowsLimit;
        private Long rowsOffset;
        private Long initTimeMs;
        private Map<String, String> connectionsErrors;
        private String sessionId;
        private String queryId;
        private String workerSlug;
        private final Map<String, JsonNode> extra = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code statement}. */
        @JsonProperty("statement")
        public Builder statement(String statement) {
            this.statement = statement;
            return this;
        }

        /** {@code rows_limit}. */
        @JsonProperty("rows_limit")
        public Builder rowsLimit(Long rowsLimit) {
            this.rowsLimit = rowsLimit;
            return this;
        }

        /** {@code rows_offset}. */
        @JsonProperty("rows_offset")
        public Builder rowsOffset(Long rowsOffset) {
            this.rowsOffset = rowsOffset;
            return this;
        }

        /** {@code init_time_ms}. */
        @JsonProperty("init_time_ms")
        public Builder initTimeMs(Long initTimeMs) {
            this.initTimeMs = initTimeMs;
            return this;
        }

        /** {@code connections_errors}; {@code null} means empty. */
        @JsonProperty("connections_errors")
        public Builder connectionsErrors(Map<String, String> connectionsErrors) {
            this.connectionsErrors = connectionsErrors;
            return this;
        }

        /** {@code session_id}. */
        @JsonProperty("session_id")
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** {@code query_id}. */
        @JsonProperty("query_id")
        public Builder queryId(String queryId) {
            this.queryId = queryId;
            return this;
        }

        /** {@code worker_slug}. */
        @JsonProperty("worker_slug")
        public Builder workerSlug(String workerSlug) {
            this.workerSlug = workerSlug;
            return this;
        }

        /** Adds a key this model does not know; it is written after the known keys (a known key fails at build). */
        @JsonAnySetter
        public Builder putExtra(String key, JsonNode value) {
            extra.put(key, value);
            return this;
        }

        /** Builds the metadata. */
        public QueryMetadata build() {
            return new QueryMetadata(statement, rowsLimit, rowsOffset, initTimeMs, connectionsErrors, sessionId,
                    queryId, workerSlug, extra);
        }
    }
}
