package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.UploadMode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /upload}: loads one file into a table according to an {@link UploadMode}. Blocking JDBC work: call it
 * on a worker thread, never on an event loop.
 *
 * <p>Order of events, as in the official mock:
 * <ol>
 *   <li>{@code CREATE SCHEMA IF NOT EXISTS}, in autocommit, so it stays even if the upload then fails; a missing
 *       catalog fails here with DuckDB's message as the whole response text;</li>
 *   <li>an empty (or whitespace-only) body fails;</li>
 *   <li>for JSON in {@code append}/{@code create_append} mode into an existing table, the reader is pinned to the
 *       table's columns and types ({@link FileScan});</li>
 *   <li>the mode's statements run in one transaction; any failure rolls everything back and answers
 *       {@code Failed to execute ingest: <DuckDB message>}.</li>
 * </ol>
 */
public final class Upload {

    /** Response text for an empty body. The official mock leaves this to DuckDB; DuckDB 2 happily reads nothing. */
    static final String EMPTY_BODY_MESSAGE = "request body is empty";

    private Upload() {
    }

    /**
     * Ingests {@code body} into {@code catalog.schema.table}.
     *
     * @param connection  the user's connection; it must not be inside a transaction. Not closed here
     * @param body        the request body on disk; not deleted here
     * @param contentType the request's {@code Content-Type}, or null
     * @return success, or the exact {@code 400} text
     * @throws IOException when {@code body} cannot be read (a server fault, not a client one)
     */
    public static IngestOutcome upload(Connection connection, String catalog, String schema, String table,
                                       UploadMode mode, Path body, String contentType) throws IOException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(mode, "mode");
        if (mode == UploadMode.UNKNOWN) {
            throw new IllegalArgumentException("unknown upload mode; the HTTP layer rejects it with 400");
        }
        TableName target = new TableName(catalog, schema, table);
        IngestBody file = IngestBody.inspect(body, contentType);
        try {
            IngestSql.createSchema(connection, target);
        } catch (SQLException e) {
            return IngestOutcome.failure(IngestSql.message(e));
        }
        if (file.blank()) {
            return IngestOutcome.executeFailure(EMPTY_BODY_MESSAGE);
        }
        FileScan scan;
        try {
            scan = readerFor(connection, target, mode, file);
        } catch (SQLException e) {
            return IngestOutcome.failure(IngestSql.message(e));
        }
        try {
            List<String> statements = statements(mode, target.sql(), scan.sql());
            IngestSql.inTransaction(connection, () -> {
                for (String statement : statements) {
                    IngestSql.execute(connection, statement);
                }
            });
            return IngestOutcome.success();
        } catch (SQLException e) {
            return IngestOutcome.executeFailure(IngestSql.message(e));
        }
    }

    private static FileScan readerFor(Connection connection, TableName target, UploadMode mode, IngestBody file)
            throws SQLException {
        boolean appends = mode == UploadMode.APPEND || mode == UploadMode.CREATE_APPEND;
        if (appends && file.format() == IngestFormat.JSON) {
            return FileScan.pinnedTo(file, TableColumns.find(connection, target));
        }
        return FileScan.inferred(file);
    }

    /** The statements of one upload, run in order in one transaction. */
    static List<String> statements(UploadMode mode, String table, String reader) {
        String insert = "INSERT INTO " + table + " BY NAME SELECT * FROM " + reader;
        return switch (mode) {
            case CREATE -> List.of("CREATE TABLE " + table + " AS SELECT * FROM " + reader);
            case APPEND -> List.of(insert);
            case CREATE_APPEND -> List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + " AS SELECT * FROM " + reader + " LIMIT 0", insert);
            case OVERWRITE -> List.of(
                    "DROP TABLE IF EXISTS " + table,
                    "CREATE TABLE " + table + " AS SELECT * FROM " + reader);
            case UNKNOWN -> throw new IllegalArgumentException("unknown upload mode");
        };
    }
}
