package ai.altertable.reactive.mock.internal.ingest;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The DuckDB table function that reads an uploaded file: {@code read_csv(…, auto_detect=true)},
 * {@code read_json_auto(…)} or {@code read_parquet(…)}. A JSON file going into an existing table is instead read with
 * {@code read_json(…, columns={…})} pinned to the table's column names and types, so values are cast to the table's
 * types rather than re-inferred; keys that are not table columns are then ignored and absent keys read as NULL.
 *
 * <p>The path is written as a quoted SQL literal. DuckDB expands glob characters in reader paths, so a path holding
 * {@code *}, {@code ?} or {@code [} is refused rather than risk reading other files.
 */
final class FileScan {

    private final String pathLiteral;
    private final IngestFormat format;
    private final List<TableColumn> pinnedColumns;

    private FileScan(IngestBody body, List<TableColumn> pinnedColumns) {
        String path = body.path().toAbsolutePath().toString();
        if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
            throw new IllegalArgumentException("an ingestion file path must not contain glob characters: " + path);
        }
        this.pathLiteral = SqlQuoting.literal(path);
        this.format = body.format();
        this.pinnedColumns = List.copyOf(pinnedColumns);
    }

    /** Reads {@code body} with its format's auto-detecting reader. */
    static FileScan inferred(IngestBody body) {
        return new FileScan(body, List.of());
    }

    /**
     * Reads {@code body} into {@code tableColumns} if it is JSON and the table exists (the list is not empty);
     * otherwise as {@link #inferred}.
     */
    static FileScan pinnedTo(IngestBody body, List<TableColumn> tableColumns) {
        Objects.requireNonNull(tableColumns, "tableColumns");
        return new FileScan(body, body.format() == IngestFormat.JSON ? tableColumns : List.of());
    }

    /** The table function call, to be used as {@code SELECT * FROM <sql>}. */
    String sql() {
        return switch (format) {
            case CSV -> "read_csv(" + pathLiteral + ", auto_detect=true)";
            case PARQUET -> "read_parquet(" + pathLiteral + ")";
            case JSON -> pinnedColumns.isEmpty()
                    ? "read_json_auto(" + pathLiteral + ")"
                    : "read_json(" + pathLiteral + ", columns={" + columnsSpec() + "})";
        };
    }

    private String columnsSpec() {
        return pinnedColumns.stream()
                .map(column -> SqlQuoting.literal(column.name()) + ": " + SqlQuoting.literal(column.type()))
                .collect(Collectors.joining(", "));
    }
}
