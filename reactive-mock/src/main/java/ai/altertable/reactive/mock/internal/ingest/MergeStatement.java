package ai.altertable.reactive.mock.internal.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the {@code MERGE} that applies an upsert file to its table.
 *
 * <p><b>Deduplication.</b> The file is numbered in file order ({@code row_number() OVER ()} over the reader: DuckDB
 * keeps scan order with its default {@code preserve_insertion_order = true}, verified for CSV, JSON and Parquet on
 * 3 million rows with 16 threads), then {@code DISTINCT ON (key)} keeps, per key, the row with the greatest cursor
 * tuple ({@code DESC NULLS LAST}, so NULL ranks lowest) and, among equals or without a cursor, the highest row number:
 * the last one in the file. {@code DISTINCT ON} groups NULL keys together like any other value, as the official mock
 * does, so of several rows with the same NULL-containing key only one survives (and is then inserted, since a NULL key
 * never matches).
 *
 * <p><b>Merge.</b> A row matches when every key column is equal ({@code =}, so NULL never matches). Matched rows are
 * updated, setting every non-key column of the file; with a cursor only when the incoming tuple is strictly greater,
 * compared left to right ({@link #cursorWins}). A file with only key columns has no update clause
 * (insert-if-absent). Unmatched rows are inserted {@code BY NAME}; table columns absent from the file take their
 * default. A file column unknown to the table fails the statement: there is no schema evolution.
 *
 * <p>Flight's bulk-ingest upsert merges its staged batches with the same statement, the staging table as reader.
 */
public final class MergeStatement {

    private MergeStatement() {
    }

    /**
     * The {@code MERGE} statement.
     *
     * @param table       the quoted target table
     * @param reader      the file's table function ({@link FileScan#sql()})
     * @param fileColumns the names of the columns the reader produces
     * @param keys        the primary key columns, at least one
     * @param cursor      the cursor columns, possibly none
     */
    public static String build(String table, String reader, List<String> fileColumns, List<String> keys, List<String> cursor) {
        Objects.requireNonNull(table, "table");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key column is required");
        }
        String on = keys.stream()
                .map(key -> "target." + SqlQuoting.identifier(key) + " = source." + SqlQuoting.identifier(key))
                .collect(Collectors.joining(" AND "));
        return "MERGE INTO " + table + " AS target USING (" + dedupedSource(reader, keys, cursor) + ") AS source ON "
                + on + whenMatched(fileColumns, keys, cursor) + " WHEN NOT MATCHED THEN INSERT BY NAME";
    }

    /** The file, one row per key: the greatest cursor tuple, then the last in file order. */
    static String dedupedSource(String reader, List<String> keys, List<String> cursor) {
        String order = SqlQuoting.identifier("__altertable_file_row_" + UUID.randomUUID().toString().replace("-", ""));
        String keyList = keys.stream().map(SqlQuoting::identifier).collect(Collectors.joining(", "));
        List<String> ranking = new ArrayList<>();
        cursor.forEach(column -> ranking.add(SqlQuoting.identifier(column) + " DESC NULLS LAST"));
        ranking.add(order + " DESC");
        return "SELECT * EXCLUDE (" + order + ") FROM (SELECT DISTINCT ON (" + keyList + ") * FROM"
                + " (SELECT *, row_number() OVER () AS " + order + " FROM " + reader + ")"
                + " ORDER BY " + keyList + ", " + String.join(", ", ranking) + ")";
    }

    private static String whenMatched(List<String> fileColumns, List<String> keys, List<String> cursor) {
        Set<String> keySet = keys.stream().map(MergeStatement::fold).collect(Collectors.toSet());
        String assignments = fileColumns.stream()
                .filter(column -> !keySet.contains(fold(column)))
                .map(SqlQuoting::identifier)
                .map(column -> column + " = source." + column)
                .collect(Collectors.joining(", "));
        if (assignments.isEmpty()) {
            return "";
        }
        String condition = cursor.isEmpty() ? "" : " AND (" + cursorWins(cursor) + ")";
        return " WHEN MATCHED" + condition + " THEN UPDATE SET " + assignments;
    }

    /**
     * True when the incoming cursor tuple is strictly greater than the stored one, left to right: a column decides
     * when the incoming value is greater, or is not NULL while the stored one is; the next column is consulted only
     * when the two are equal or both NULL. An incoming NULL never wins.
     */
    static String cursorWins(List<String> cursor) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < cursor.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (String earlier : cursor.subList(0, i)) {
                String quoted = SqlQuoting.identifier(earlier);
                terms.add("source." + quoted + " IS NOT DISTINCT FROM target." + quoted);
            }
            String column = SqlQuoting.identifier(cursor.get(i));
            terms.add("(source." + column + " > target." + column
                    + " OR (source." + column + " IS NOT NULL AND target." + column + " IS NULL))");
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return String.join(" OR ", alternatives);
    }

    /** DuckDB compares identifiers case-insensitively. */
    private static String fold(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
