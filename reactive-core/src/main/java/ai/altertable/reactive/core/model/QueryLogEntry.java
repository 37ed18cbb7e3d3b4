package ai.altertable.reactive.core.model;

import ai.altertable.reactive.core.model.internal.Rfc3339Instant;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;

/**
 * A query's log entry, answered by {@code GET /query/{query_id}} (protocol §7) and returned by the {@code getQuery}
 * operation.
 *
 * <p>Wire shape: the eleven keys from {@code uuid} to {@code user_agent} are always written, in this order, with
 * explicit {@code null}s; {@code stats} and {@code progress} follow and are <b>omitted</b> when {@code null}. On read
 * every key is optional and unknown keys are ignored.
 *
 * <p>Timestamps are {@link Instant}s written as RFC 3339 UTC with the shortest fraction of 0, 3, 6 or 9 digits and a
 * {@code Z} ({@code "2026-08-19T13:30:00.123456789Z"}), exactly as the mock writes them; reading also accepts any
 * fraction width and numeric offsets. The codec is on the fields, so no {@code JavaTimeModule} is needed.
 *
 * <p>Official mock vs production (§7, §14): the mock always sets {@code end_time} and {@code duration_ms} (which may be
 * 0), writes {@code client_interface:"HttpQuery"} and {@code user_agent:null}, and never sends {@code stats} or
 * {@code progress}; production sends both. The log is written when a query finishes, so a running query is a 404 on the
 * mock. The mock's log is process-wide: any user who knows an id can read its entry.
 *
 * @param uuid            the query id
 * @param startTime       {@code start_time}
 * @param endTime         {@code end_time}, or {@code null} while running
 * @param durationMs      {@code duration_ms}, or {@code null}
 * @param query           the statement as sent
 * @param clientInterface {@code client_interface}
 * @param visible         the request's {@code visible} (default {@code true})
 * @param sessionId       {@code session_id}
 * @param error           the execution error text, or {@code null} on success
 * @param requestedBy     {@code requested_by}, or {@code null}
 * @param userAgent       {@code user_agent}, or {@code null} (always on the mock)
 * @param stats           production statistics, or {@code null} (always on the mock)
 * @param progress        production progress, or {@code null} (always on the mock)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"uuid", "start_time", "end_time", "duration_ms", "query", "client_interface", "visible",
        "session_id", "error", "requested_by", "user_agent", "stats", "progress"})
public record QueryLogEntry(
        @JsonProperty("uuid") String uuid,
        @JsonProperty("start_time")
        @JsonSerialize(using = Rfc3339Instant.Serializer.class)
        @JsonDeserialize(using = Rfc3339Instant.Deserializer.class) Instant startTime,
        @JsonProperty("end_time")
        @JsonSerialize(using = Rfc3339Instant.Serializer.class)
        @JsonDeserialize(using = Rfc3339Instant.Deserializer.class) Instant endTime,
        @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("query") String query,
        @JsonProperty("client_interface") ClientInterface clientInterface,
        @JsonProperty("visible") Boolean visible,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("error") String error,
        @JsonProperty("requested_by") String requestedBy,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_NULL) QueryStats stats,
        @JsonProperty("progress") @JsonInclude(JsonInclude.Include.NON_NULL) QueryProgress progress) {

    /** Whether the query failed ({@code error} is set). */
    public boolean failed() {
        return error != null;
    }

    /** A new builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entry's values. */
    public Builder mutate() {
        return new Builder().uuid(uuid).startTime(startTime).endTime(endTime).durationMs(durationMs).query(query)
                .clientInterface(clientInterface).visible(visible).sessionId(sessionId).error(error)
                .requestedBy(requestedBy).userAgent(userAgent).stats(stats).progress(progress);
    }

    /** Builder for {@link QueryLogEntry}; no field is required. */
    public static final class Builder {
        private String uuid;
        private Instant startTime;
        private Instant endTime;
        private Long durationMs;
        private String query;
        private ClientInterface clientInterface;
        private Boolean visible;
        private String sessionId;
        private String error;
        private String requestedBy;
        private String userAgent;
        private QueryStats stats;
        private QueryProgress progress;

        private Builder() {
        }

        /** {@code uuid}: the query id. */
        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        /** {@code start_time}. */
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** {@code end_time}. */
        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        /** {@code duration_ms}. */
        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        /** {@code query}: the statement. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** {@code client_interface}. */
        public Builder clientInterface(ClientInterface clientInterface) {
            this.clientInterface = clientInterface;
            return this;
        }

        /** {@code visible}. */
        public Builder visible(Boolean visible) {
            this.visible = visible;
            return this;
        }

        /** {@code session_id}. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** {@code error}. */
        public Builder error(String error) {
            this.error = error;
            return this;
        }

        /** {@code requested_by}. */
        public Builder requestedBy(String requestedBy) {
            this.requestedBy = requestedBy;
            return this;
        }

        /** {@code user_agent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** {@code stats}. */
        public Builder stats(QueryStats stats) {
            this.stats = stats;
            return this;
        }

        /** {@code progress}. */
        public Builder progress(QueryProgress progress) {
            this.progress = progress;
            return this;
        }

        /** Builds the entry. */
        public QueryLogEntry build() {
            return new QueryLogEntry(uuid, startTime, endTime, durationMs, query, clientInterface, visible, sessionId,
                    error, requestedBy, userAgent, stats, progress);
        }
    }
}
