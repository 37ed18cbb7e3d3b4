package ai.altertable.reactive.mock;

/**
 * What the mock saw of one {@code /query}, for tests: rows it produced so far, whether it is still running, whether a
 * {@code DELETE /query/{id}} with the matching session arrived, and how it ended. A snapshot; ask again for fresh
 * values.
 *
 * @param queryId         the query id
 * @param rowsProduced    rows read from DuckDB and encoded so far
 * @param running         whether the response is still being produced
 * @param cancelRequested whether a matching cancel arrived
 * @param error           the error the stream ended with, or {@code null}
 */
public record ObservedQuery(String queryId, long rowsProduced, boolean running, boolean cancelRequested, String error) {
}
