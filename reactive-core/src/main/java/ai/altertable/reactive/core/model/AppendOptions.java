package ai.altertable.reactive.core.model;

import java.util.Collections;
import java.util.Map;

/**
 * The query parameters of {@code POST /append?catalog=&schema=&table=[&sync=]} (protocol §11.3), used by the
 * {@code append} operation. The body (one JSON object or an array of objects, at most 2 MiB on the mock) is not part of
 * this model; the answer is an {@link AppendResponse}.
 *
 * <p>{@code sync} is optional and sent only when set: the client spec says {@code true} makes the server finish the task
 * before answering; the official mock ignores it (and writes synchronously anyway). The mock does not create the table.
 * Never retry an append automatically once it may have reached the server.
 *
 * @param table the target table; must exist
 * @param sync  {@code sync}, or {@code null} to leave it to the server
 */
public record AppendOptions(TableRef table, Boolean sync) {

    /**
     * Checks the table.
     *
     * @throws NullPointerException if {@code table} is {@code null}
     */
    public AppendOptions {
        Require.present(table, "table");
    }

    /** Options for appending to {@code table}, without {@code sync}. */
    public static AppendOptions of(TableRef table) {
        return new AppendOptions(table, null);
    }

    /** Options for appending to {@code table} with an explicit {@code sync}. */
    public static AppendOptions of(TableRef table, boolean sync) {
        return new AppendOptions(table, sync);
    }

    /**
     * The query parameters in the protocol's order, {@code catalog}, {@code schema}, {@code table}, then {@code sync}
     * ({@code "true"}/{@code "false"}) when set, as raw (unencoded) values. The map is unmodifiable and ordered.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> params = table.queryParameters();
        if (sync != null) {
            params.put("sync", sync.toString());
        }
        return Collections.unmodifiableMap(params);
    }
}
