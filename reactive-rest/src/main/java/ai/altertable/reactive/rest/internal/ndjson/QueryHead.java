package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.RowMetadata;

import java.util.Objects;

/**
 * The head of a {@code /query} NDJSON body: the metadata of line 1 and the columns of line 2 (protocol §5.2), known
 * before the first row. Immutable and thread-safe.
 *
 * @param metadata the metadata line; take {@code query_id} and {@code session_id} from here (§15.13)
 * @param columns  the columns line; {@link RowMetadata#empty()} when it was {@code []}, and then rows may have any length
 */
public record QueryHead(QueryMetadata metadata, RowMetadata columns) {

    /** Checks that both parts are present. */
    public QueryHead {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(columns, "columns");
    }
}
