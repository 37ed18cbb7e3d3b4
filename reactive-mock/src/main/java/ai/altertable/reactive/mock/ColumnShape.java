package ai.altertable.reactive.mock;

/** The shape of the columns line (line 2) of a {@code /query} NDJSON response. */
public enum ColumnShape {
    /**
     * Production and client-spec shape: {@code [{"name":"id","type":"BIGINT"}]}, with DuckDB type names, for every
     * result including empty ones. The default.
     */
    TYPED,
    /**
     * The official mock's shape: {@code ["id"]}, names only; an empty result or a statement without rows gives
     * {@code []}, losing the names, exactly as the official mock does.
     */
    NAMES
}
