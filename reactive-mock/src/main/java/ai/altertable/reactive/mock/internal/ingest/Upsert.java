package ai.altertable.reactive.mock.internal.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code POST /upsert}: merges one file into a table by primary key, optionally guarded by a cursor. Blocking JDBC
 * work: call it on a worker thread.
 *
 * <p>Steps, as in the official mock: validate the key lists; {@code CREATE SCHEMA IF NOT EXISTS} (autocommit, raw
 * DuckDB message on failure); reject an empty body; describe the file's columns (raw message on failure, e.g. a
 * malformed Parquet file); then one transaction that creates the table from the file's inferred schema if it is missing
 * and runs the {@link MergeStatement} ({@code Failed to execute ingest: …} on failure, everything rolled back).
 *
 * <p><b>The JSON quirk, kept on purpose.</b> A JSON file going into an <em>existing</em> table is read pinned to all
 * the table's columns ({@link FileScan}). Keys absent from the payload therefore read as NULL and <em>overwrite</em> the
 * stored values of matched rows, and keys unknown to the table are silently dropped instead of failing. CSV and Parquet
 * update only the columns the file has and fail on unknown columns. Production reportedly keeps omitted columns; this
 * mock follows the official mock, which SDK tests are written against.
 *
 * <p>CSV and Parquet keep their inferred types, also as the official mock does: a CSV key or cursor column with no value
 * at all is sniffed as VARCHAR and then cannot be compared with an INTEGER table column (a {@code Binder Error}).
 */
public final class Upsert {

    /** Response text when {@code primary_key} names nothing. */
    public static final String MISSING_PRIMARY_KEY = "primary_key must name at least one column";
    /** Response text when {@code cursor_field} is given but names nothing. */
    public static final String BLANK_CURSOR_FIELD = "cursor_field must name at least one column";

    private Upsert() {
    }

    /**
     * Parses a comma-separated column list the way the official mock does: items trimmed, empty items dropped, so
     * {@code " id, ,region "} is {@code [id, region]}. Null (parameter absent) stays null; a blank list is empty.
     */
    public static List<String> parseColumnList(String commaSeparated) {
        if (commaSeparated == null) {
            return null;
        }
        return Arrays.stream(commaSeparated.split(",", -1))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Merges {@code body} into {@code catalog.schema.table}.
     *
     * @param connection  the user's connection, not inside a transaction; not closed here
     * @param primaryKey  the key columns (see {@link #parseColumnList}); blank items are ignored, none left fails
     * @param cursorField the cursor columns, or null when the parameter is absent; given but blank fails
     * @param body        the request body on disk; not deleted here
     * @param contentType the request's {@code Content-Type}, or null
     * @return success, or the exact {@code 400} text
     * @throws IOException when {@code body} cannot be read
     */
    public static IngestOutcome upsert(Connection connection, String catalog, String schema, String table,
                                       List<String> primaryKey, List<String> cursorField, Path body,
                                       String contentType) throws IOException {
        Objects.requireNonNull(connection, "connection");
        List<String> keys = primaryKey == null ? List.of() : normalize(primaryKey);
        if (keys.isEmpty()) {
            return IngestOutcome.failure(MISSING_PRIMARY_KEY);
        }
        List<String> cursor = cursorField == null ? List.of() : normalize(cursorField);
        if (cursorField != null && cursor.isEmpty()) {
            return IngestOutcome.failure(BLANK_CURSOR_FIELD);
        }
        TableName target = new TableName(catalog, schema, table);
        IngestBody file = IngestBody.inspect(body, contentType);
        String merge;
        String reader;
        try {
            IngestSql.createSchema(connection, target);
            if (file.blank()) {
                return IngestOutcome.executeFailure(Upload.EMPTY_BODY_MESSAGE);
            }
            reader = FileScan.pinnedTo(file, TableColumns.find(connection, target)).sql();
            List<String> fileColumns = TableColumns.namesOf(connection, "SELECT * FROM " + reader);
            merge = MergeStatement.build(target.sql(), reader, fileColumns, keys, cursor);
        } catch (SQLException e) {
            return IngestOutcome.failure(IngestSql.message(e));
        }
        return merge(connection, target, reader, merge);
    }

    private static IngestOutcome merge(Connection connection, TableName target, String reader, String merge) {
        try {
            IngestSql.inTransaction(connection, () -> {
                IngestSql.execute(connection,
                        "CREATE TABLE IF NOT EXISTS " + target.sql() + " AS SELECT * FROM " + reader + " LIMIT 0");
                IngestSql.execute(connection, merge);
            });
            return IngestOutcome.success();
        } catch (SQLException e) {
            return IngestOutcome.executeFailure(IngestSql.message(e));
        }
    }

    private static List<String> normalize(List<String> columns) {
        return columns.stream()
                .filter(Objects::nonNull)
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
