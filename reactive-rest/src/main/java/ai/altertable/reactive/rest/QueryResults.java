package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;

import java.util.List;

/**
 * A whole query result in memory, from {@link LakehouseClient#queryAll}.
 *
 * @param metadata the metadata line
 * @param columns  the columns
 * @param rows     every row, in order (unmodifiable)
 */
public record QueryResults(QueryMetadata metadata, RowMetadata columns, List<Row> rows) {

    public QueryResults {
        rows = List.copyOf(rows);
    }
}
