package ai.altertable.reactive.core.model;

import java.util.Collections;
import java.util.Map;

/**
 * The query parameters of {@code POST /upload?catalog=&schema=&table=&mode=} (protocol §11.1), used by the
 * {@code upload} operation. The body (a CSV, JSON or Parquet file) is not part of this model.
 *
 * <p>Both parts are required and {@code mode} is always sent, since the client spec requires it (the official mock
 * would default to {@code append}). Success is a 200 with an <em>empty</em> body; failure a 400 text/plain. Each upload
 * is one transaction on the mock, but a retried upload can still duplicate rows: never retry it automatically.
 *
 * @param table the target table
 * @param mode  how to write it; not {@link UploadMode#UNKNOWN}
 */
public record UploadOptions(TableRef table, UploadMode mode) {

    /**
     * Checks both parts.
     *
     * @throws NullPointerException     if either is {@code null}
     * @throws IllegalArgumentException if {@code mode} is {@link UploadMode#UNKNOWN}
     */
    public UploadOptions {
        Require.present(table, "table");
        Require.present(mode, "mode");
        Require.known(mode, "mode");
    }

    /** Options for uploading into {@code table} with {@code mode}. */
    public static UploadOptions of(TableRef table, UploadMode mode) {
        return new UploadOptions(table, mode);
    }

    /**
     * The query parameters in the protocol's order, {@code catalog}, {@code schema}, {@code table}, {@code mode}, as raw
     * (unencoded) values; URL encoding is the transport's job. The map is unmodifiable and ordered.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> params = table.queryParameters();
        params.put("mode", mode.wire());
        return Collections.unmodifiableMap(params);
    }
}
