package ai.altertable.reactive.mock.internal.lakehouse;

import java.time.Instant;

/**
 * One entry of a user's query log, as {@code GET /query/{id}} reports it (protocol §7). Immutable.
 *
 * @param queryId       the query id (lowercase UUID)
 * @param startTime     when execution started
 * @param endTime       when the response finished
 * @param durationMs    end minus start, in milliseconds
 * @param query         the statement as sent
 * @param visible       the request's {@code visible}, default true
 * @param sessionId     the session id (sent or generated)
 * @param error         the execution error text, or null
 * @param requestedBy   the request's {@code requested_by}, or null
 * @param userAgent     the request's {@code User-Agent}, or null (the official mock always reports null)
 */
record LoggedQuery(String queryId, Instant startTime, Instant endTime, long durationMs, String query, boolean visible,
                   String sessionId, String error, String requestedBy, String userAgent) {
}
