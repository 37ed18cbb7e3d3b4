package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.ingest.MergeStatement;
import ai.altertable.reactive.mock.internal.ingest.SqlQuoting;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Bulk ingest, plain and upsert (protocol §10). The whole upload runs in the session's turn: the session lock is held
 * from the table checks until the answer, so another call of the same session waits for the client to finish the
 * upload (§4; use separate sessions for concurrent work).
 *
 * <p>In order, as the official mock: the command is checked ({@link IngestRequest}); the session's {@code USE}
 * settings run; the schema is created if missing; the table-definition options are applied before any batch is read
 * (FAIL answers {@code FAILED_PRECONDITION} or {@code ALREADY_EXISTS}, REPLACE drops the table); the table is created
 * from the schema of the first batch ({@link ArrowTableDdl}), so a stream with no batch creates nothing and answers 0.
 * Each batch is then handed to DuckDB through the Arrow C Data interface and inserted by position; {@code record_count}
 * is the number of rows received. An upsert stages the batches in a temporary table named like the official mock's
 * and merges them by key with the REST side's {@link MergeStatement} (by name; the greatest cursor tuple wins);
 * {@code record_count} is then the number of rows the merge inserted or updated.
 *
 * <p>A failing batch leaves the batches before it in place (each insert commits on its own, unless the session has a
 * transaction open). Positional inserts cast like {@code INSERT … SELECT}, a little more leniently than the official
 * mock's appender.
 */
final class BulkIngest {

    private static final AtomicLong VIEWS = new AtomicLong();

    private final BufferAllocator allocator;

    BulkIngest(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** DoPut(CommandStatementIngest). */
    Runnable ingest(MockFlightSession session, CommandStatementIngest command, FlightStream upload,
                    StreamListener<PutResult> ack) {
        return () -> {
            IngestRequest request = IngestRequest.of(command);
            long count;
            session.lock().acquire().join();
            try (BufferAllocator batches = allocator.newChildAllocator("flight-ingest", 0, Long.MAX_VALUE)) {
                count = load(session, request, upload, batches);
            } finally {
                session.lock().release();
            }
            Statements.sendUpdateCount(ack, count, allocator);
        };
    }

    private static long load(MockFlightSession session, IngestRequest request, FlightStream upload,
                             BufferAllocator allocator) {
        boolean exists = sql(() -> session.onDb(connection -> prepareTarget(session, connection, request)), "");
        if (!upload.next()) {
            return 0;
        }
        DictionaryProvider dictionaries = upload.getDictionaryProvider();
        Schema schema = DictionaryHydration.decoded(upload.getRoot().getSchema(), dictionaries);
        if (!exists) {
            sql(() -> session.onDb(connection -> create(connection, request.temporary(), request.target(), schema)),
                    null);
        }
        String staging = request.upsert() ? "temp.main." + SqlQuoting.identifier("temp_upsert_" + System.nanoTime()
                + "_" + ProcessHandle.current().pid()) : null;
        try {
            if (staging != null) {
                sql(() -> session.onDb(connection -> create(connection, true, staging, schema)), null);
            }
            String into = staging != null ? staging : request.target();
            long rows = 0;
            do {
                VectorSchemaRoot batch = upload.getRoot();
                rows += batch.getRowCount();
                sql(() -> session.onDb(connection -> insert(connection, into, batch, dictionaries, allocator)),
                        "Append failed: ");
            } while (upload.next());
            if (staging == null) {
                return rows;
            }
            List<String> columns = schema.getFields().stream().map(Field::getName).collect(Collectors.toList());
            String merge = MergeStatement.build(request.target(), staging, columns, request.primaryKey(),
                    request.cursorField());
            return sql(() -> session.onDb(connection -> DuckDbResults.run(connection, merge)),
                    "Failed to execute MERGE: ");
        } finally {
            if (staging != null) {
                dropQuietly(session, "DROP TABLE IF EXISTS " + staging);
            }
        }
    }

    /**
     * {@code USE}, {@code CREATE SCHEMA IF NOT EXISTS}, then the §10.2 table-definition rules.
     *
     * @return whether the table exists now
     */
    private static boolean prepareTarget(MockFlightSession session, Connection connection, IngestRequest request)
            throws SQLException {
        session.applyCatalogAndSchema(connection);
        if (!request.temporary()) {
            DuckDbResults.run(connection, "CREATE SCHEMA IF NOT EXISTS " + request.schemaSql());
        }
        boolean exists = exists(connection, request);
        if (request.definition() == null) {
            return exists;
        }
        if (!exists && request.definition().getIfNotExist() == TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL) {
            throw FlightStatus.failedPrecondition("Table " + request.target() + " does not exist");
        }
        if (exists && request.definition().getIfExists() == TableExistsOption.TABLE_EXISTS_OPTION_FAIL) {
            throw FlightStatus.alreadyExists("Table " + request.target() + " already exists");
        }
        if (exists && request.definition().getIfExists() == TableExistsOption.TABLE_EXISTS_OPTION_REPLACE) {
            DuckDbResults.run(connection, "DROP TABLE " + request.target());
            return false;
        }
        return exists;
    }

    private static boolean exists(Connection connection, IngestRequest request) throws SQLException {
        try (PreparedStatement statement = Statements.prepareBound(connection, "SELECT 1 FROM duckdb_tables()"
                + " WHERE lower(database_name) = lower(?) AND lower(schema_name) = lower(?)"
                + " AND lower(table_name) = lower(?)", List.of(request.catalog(), request.schema(), request.table()))) {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** {@code CREATE [TEMPORARY] TABLE}; any failure, a type without DuckDB equivalent included, is "Failed to create table". */
    private static long create(Connection connection, boolean temporary, String table, Schema schema) {
        try {
            DuckDbResults.run(connection, "CREATE " + (temporary ? "TEMPORARY " : "") + "TABLE " + table + " "
                    + ArrowTableDdl.columns(schema));
            return 0;
        } catch (SQLException | IllegalArgumentException e) {
            throw FlightStatus.internal("Failed to create table");
        }
    }

    /**
     * Inserts one uploaded batch by position: exported through the C Data interface, registered as a temporary view on
     * the session connection, {@code INSERT INTO … SELECT * FROM} it, view dropped. The batch is left empty.
     */
    private static long insert(Connection connection, String table, VectorSchemaRoot batch,
                               DictionaryProvider dictionaries, BufferAllocator allocator) throws SQLException {
        String view = SqlQuoting.identifier("__altertable_flight_ingest_" + VIEWS.incrementAndGet());
        try (VectorSchemaRoot rows = DictionaryHydration.decode(batch, dictionaries, allocator);
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, new RootReader(allocator, rows.getSchema(), root -> {
                try (ArrowRecordBatch records = new VectorUnloader(rows).getRecordBatch()) {
                    new VectorLoader(root).load(records);
                }
            }), stream);
            try {
                connection.unwrap(DuckDBConnection.class).registerArrowStream(view.substring(1, view.length() - 1),
                        stream);
                return DuckDbResults.run(connection, "INSERT INTO " + table + " SELECT * FROM temp.main." + view);
            } finally {
                try {
                    DuckDbResults.run(connection, "DROP VIEW IF EXISTS temp.main." + view);
                } finally {
                    stream.release(); // a no-op once DuckDB has released it; frees the batch when it never read it
                }
            }
        }
    }

    private static void dropQuietly(MockFlightSession session, String sql) {
        try {
            session.onDb(connection -> DuckDbResults.run(connection, sql));
        } catch (SQLException | RuntimeException ignored) {
            // the staging table is temporary: it goes with the connection at the latest
        }
    }

    /** Work that fails with DuckDB's message. */
    @FunctionalInterface
    private interface SqlStep<T> {
        T run() throws SQLException;
    }

    /** {@code INTERNAL <prefix><DuckDB message>}; a null prefix means the step reports its own status. */
    private static <T> T sql(SqlStep<T> step, String prefix) {
        try {
            return step.run();
        } catch (SQLException e) {
            throw FlightStatus.internal((prefix == null ? "" : prefix) + FlightStatus.message(e));
        }
    }
}
