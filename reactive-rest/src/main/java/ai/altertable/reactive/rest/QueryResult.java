package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;

import java.util.List;

/**
 * A whole query result, collected in memory by {@link LakehouseClient#queryAll}: the metadata, the columns and every
 * row. A result still arriving from the network is a {@link QueryStream}. Holds no resource.
 *
 * @param metadata the metadata line
 * @param columns  the columns
 * @param rows     every row, in order (unmodifiable)
 */
public record QueryResult(QueryMetadata metadata, RowMetadata columns, List<Row> rows) {

    public QueryResult {
        rows = List.copyOf(rows);
    }
}
