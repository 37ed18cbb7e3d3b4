package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.UUID;

/**
 * The body of {@code POST /query} (protocol §5.1), sent by the {@code query} and {@code queryAll} operations.
 *
 * <p>Only {@code statement} is required; every other field is optional and <b>omitted</b> from the JSON when {@code null}
 * (the server treats {@code null} and absent alike). Keys are written in the order of §5.1.
 *
 * <p>Field notes, official mock vs spec/production (§5.1, §14):
 * <ul>
 *   <li>{@code session_id}, {@code query_id}: the spec calls both UUIDs. The mock accepts any session string and silently
 *       replaces a {@code query_id} that is not a UUID. Generate both on the client so a cancel can be sent before the
 *       first response line, but always read the ids the server used from {@link QueryMetadata}.</li>
 *   <li>{@code catalog}, {@code schema}: the mock runs a sticky {@code USE}; send them on every request that needs them.</li>
 *   <li>{@code limit}, {@code offset}: must be {@code >= 0} (negative is a 422); either wraps the statement in
 *       {@code SELECT * FROM (...) LIMIT n OFFSET m}.</li>
 *   <li>{@code format}: mock only ({@link QueryFormat}).</li>
 *   <li>{@code compute_size}: ignored by the REST mock; the spec's enum is {@code XS}–{@code XL} ({@link ComputeSize}).</li>
 *   <li>{@code sanitize}, {@code ephemeral}, {@code timezone}: accepted and ignored by the mock.</li>
 *   <li>{@code cache}: in the spec, not declared by the mock. It is written but never read back: a server decoding this
 *       record ignores {@code cache} whatever its type, as the official mock does.</li>
 * </ul>
 *
 * <p>Validation: the canonical constructor enforces what the official mock rejects with 422 (a {@code null} statement,
 * negative {@code limit}/{@code offset}), so decoding a request with this record behaves like the mock; an empty
 * statement is allowed (the server reports it in-stream). {@link Builder#build()} additionally refuses the
 * {@code UNKNOWN} enum constants, which are for decoding only.
 *
 * @param statement    the SQL text; required, never {@code null}
 * @param sessionId    {@code session_id}, optional
 * @param queryId      {@code query_id}, optional (a UUID string)
 * @param catalog      {@code catalog}, optional
 * @param schema       {@code schema}, optional
 * @param limit        {@code limit}, optional, {@code >= 0}
 * @param offset       {@code offset}, optional, {@code >= 0}
 * @param format       {@code format}, optional, mock only
 * @param visible      {@code visible}, optional (the log's default is {@code true})
 * @param requestedBy  {@code requested_by}, optional
 * @param computeSize  {@code compute_size}, optional
 * @param sanitize     {@code sanitize}, optional
 * @param ephemeral    {@code ephemeral}, optional
 * @param timezone     {@code timezone}, optional (does not change how the mock renders timestamps)
 * @param cache        {@code cache}, optional, written only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"statement", "session_id", "query_id", "catalog", "schema", "limit", "offset", "format", "visible",
        "requested_by", "compute_size", "sanitize", "ephemeral", "timezone", "cache"})
public record QueryRequest(
        @JsonProperty("statement") String statement,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("query_id") String queryId,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("limit") Long limit,
        @JsonProperty("offset") Long offset,
        @JsonProperty("format") QueryFormat format,
        @JsonProperty("visible") Boolean visible,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("compute_size") ComputeSize computeSize,
        @JsonProperty("sanitize") Boolean sanitize,
        @JsonProperty("ephemeral") Boolean ephemeral,
        @JsonProperty("timezone") String timezone,
        @JsonProperty(value = "cache", access = JsonProperty.Access.READ_ONLY) Boolean cache) {

    /**
     * Checks the fields the server checks.
     *
     * @throws NullPointerException     if {@code statement} is {@code null}
     * @throws IllegalArgumentException if {@code limit} or {@code offset} is negative
     */
    public QueryRequest {
        Require.present(statement, "statement");
        Require.nonNegative(limit, "limit");
        Require.nonNegative(offset, "offset");
    }

    /** A request with only a statement. */
    public static QueryRequest of(String statement) {
        return builder().statement(statement).build();
    }

    /** A new, empty builder; {@link Builder#statement(String)} must be set before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to derive a changed copy. */
    public Builder mutate() {
        Builder b = new Builder();
        b.statement = statement;
        b.sessionId = sessionId;
        b.queryId = queryId;
        b.catalog = catalog;
        b.schema = schema;
        b.limit = limit;
        b.offset = offset;
        b.format = format;
        b.visible = visible;
        b.requestedBy = requestedBy;
        b.computeSize = computeSize;
        b.sanitize = sanitize;
        b.ephemeral = ephemeral;
        b.timezone = timezone;
        b.cache = cache;
        return b;
    }

    /** Builder for {@link QueryRequest}; every setter accepts {@code null} to clear an optional field. */
    public static final class Builder {
        private String statement;
        private String sessionId;
        private String queryId;
        private String catalog;
        private String schema;
        private Long limit;
        private Long offset;
        private QueryFormat format;
        private Boolean visible;
        private String requestedBy;
        private ComputeSize computeSize;
        private Boolean sanitize;
        private Boolean ephemeral;
        private String timezone;
        private Boolean cache;

        private Builder() {
        }

        /** The SQL text (required). */
        public Builder statement(String statement) {
            this.statement = statement;
            return this;
        }

        /** {@code session_id}. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** {@code query_id}. */
        public Builder queryId(String queryId) {
            this.queryId = queryId;
            return this;
        }

        /** {@code query_id} from a UUID, written lowercase and hyphenated. */
        public Builder queryId(UUID queryId) {
            this.queryId = queryId == null ? null : queryId.toString();
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

        /** {@code limit}, {@code >= 0}. */
        public Builder limit(Long limit) {
            this.limit = limit;
            return this;
        }

        /** {@code offset}, {@code >= 0}. */
        public Builder offset(Long offset) {
            this.offset = offset;
            return this;
        }

        /** {@code format} (mock only); not {@link QueryFormat#UNKNOWN}. */
        public Builder format(QueryFormat format) {
            this.format = format;
            return this;
        }

        /** {@code visible}. */
        public Builder visible(Boolean visible) {
            this.visible = visible;
            return this;
        }

        /** {@code requested_by}. */
        public Builder requestedBy(String requestedBy) {
            this.requestedBy = requestedBy;
            return this;
        }

        /** {@code compute_size}; not {@link ComputeSize#UNKNOWN}. */
        public Builder computeSize(ComputeSize computeSize) {
            this.computeSize = computeSize;
            return this;
        }

        /** {@code sanitize}. */
        public Builder sanitize(Boolean sanitize) {
            this.sanitize = sanitize;
            return this;
        }

        /** {@code ephemeral}. */
        public Builder ephemeral(Boolean ephemeral) {
            this.ephemeral = ephemeral;
            return this;
        }

        /** {@code timezone}, e.g. {@code "Europe/Paris"}. */
        public Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        /** {@code cache}. */
        public Builder cache(Boolean cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws NullPointerException     if no statement was set
         * @throws IllegalArgumentException if {@code limit}/{@code offset} is negative, or {@code format} or
         *                                  {@code compute_size} is {@code UNKNOWN}
         */
        public QueryRequest build() {
            Require.known(format, "format");
            Require.known(computeSize, "compute_size");
            return new QueryRequest(statement, sessionId, queryId, catalog, schema, limit, offset, format, visible,
                    requestedBy, computeSize, sanitize, ephemeral, timezone, cache);
        }
    }
}
