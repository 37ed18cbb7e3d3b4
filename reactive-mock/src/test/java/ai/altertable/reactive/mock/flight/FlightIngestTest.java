package ai.altertable.reactive.mock.flight;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.ExecuteIngestOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static ai.altertable.reactive.mock.flight.IngestBatches.options;
import static ai.altertable.reactive.mock.flight.IngestBatches.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** Bulk ingest (protocol §10): table-definition modes, upsert, zero batches, the 4 MiB cap. */
class FlightIngestTest extends FlightTestBase {

    @Test
    void createThenAppendThenReplace() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a", 2, "b")) {
            assertThat(client.sql.executeIngest(batch, options("modes", IngestBatches.create()))).isEqualTo(2);
            assertThat(client.sql.executeIngest(batch, options("modes", IngestBatches.append()))).isEqualTo(2);
            assertThat(client.sql.executeIngest(batch, options("modes", IngestBatches.createAppend()))).isEqualTo(2);
            assertThat(client.query("SELECT count(*) FROM memory.main.modes")).containsExactly(List.of(6L));
            assertThat(client.sql.executeIngest(batch, options("modes", IngestBatches.replace()))).isEqualTo(2);
            assertThat(client.query("SELECT id, name FROM modes ORDER BY id"))
                    .containsExactly(List.of(1L, "a"), List.of(2L, "b"));
        }
        // the created columns follow the Arrow schema
        assertThat(client.query("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = 'modes' ORDER BY ordinal_position"))
                .containsExactly(List.of("id", "BIGINT"), List.of("name", "VARCHAR"));
    }

    @Test
    void failModesAnswerAlreadyExistsAndFailedPrecondition() throws Exception {
        StatusCapture capture = new StatusCapture();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", mock.flightPort()).usePlaintext()
                .intercept(capture).build();
        AuthorizationMiddleware auth = new AuthorizationMiddleware(FlightTestClient.basic(USER + ":" + PASSWORD
                + ":fail-modes"));
        FlightClient raw = FlightGrpcUtils.createFlightClient(allocator, channel);
        try (FlightSqlClient sql = new FlightSqlClient(raw);
             VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            var header = new org.apache.arrow.flight.HeaderCallOption(headers(auth.current()));
            sql.executeIngest(batch, options("fail_modes", IngestBatches.create()), header);
            assertThat(failure(FlightStatusCode.ALREADY_EXISTS, () -> sql.executeIngest(batch,
                    options("fail_modes", IngestBatches.create()), header)).getMessage())
                    .isEqualTo("Table \"memory\".\"main\".\"fail_modes\" already exists");
            assertThat(capture.last.get().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> sql.executeIngest(batch,
                    options("missing_table", IngestBatches.append()), header)).getMessage())
                    .isEqualTo("Table \"memory\".\"main\".\"missing_table\" does not exist");
            assertThat(capture.last.get().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        } finally {
            channel.shutdownNow().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void unspecifiedDefinitionEnumsAreInvalid() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            TableDefinitionOptions half = TableDefinitionOptions.newBuilder()
                    .setIfNotExist(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE).build();
            assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.sql.executeIngest(batch,
                    options("unspecified", half))).getMessage()).isEqualTo("Table definition options must be specified");
        }
    }

    @Test
    void withoutDefinitionOptionsTheTableIsCreatedOrAppended() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            for (int i = 0; i < 2; i++) {
                put(client, CommandStatementIngest.newBuilder().setTable("no_definition").build(), batch, true);
            }
        }
        assertThat(client.query("SELECT count(*) FROM memory.main.no_definition")).containsExactly(List.of(2L));
    }

    @Test
    void aStreamWithoutBatchesCreatesNothingAndReplaceThenDropsTheTable() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            CommandStatementIngest create = CommandStatementIngest.newBuilder().setTable("empty_stream")
                    .setTableDefinitionOptions(IngestBatches.createAppend()).build();
            assertThat(put(client, create, batch, false)).isZero();
            assertThat(client.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'empty_stream'"))
                    .containsExactly(List.of(0L));
            assertThat(put(client, create, batch, true)).isEqualTo(1);
            CommandStatementIngest replace = create.toBuilder().setTableDefinitionOptions(IngestBatches.replace())
                    .build();
            assertThat(put(client, replace, batch, false)).isZero();
            assertThat(client.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'empty_stream'"))
                    .containsExactly(List.of(0L));
        }
        try (VectorSchemaRoot none = rows(allocator)) {
            // one batch of zero rows does create the table
            assertThat(client.sql.executeIngest(none, options("zero_rows", IngestBatches.create()))).isZero();
            assertThat(client.query("SELECT count(*) FROM zero_rows")).containsExactly(List.of(0L));
        }
    }

    @Test
    void upsertKeepsOneRowPerKeyAndTheGreatestCursorWins() {
        FlightTestClient client = client();
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("updated_at", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Map<String, String> keys = Map.of("primary_key", "[\"id\"]", "cursor_field", "[\"updated_at\"]");
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            fill(batch, new long[] {1, 2, 1, 3}, new String[] {"old", "two", "new", "three"}, new long[] {1, 1, 5, 1});
            assertThat(client.sql.executeIngest(batch, options("upserted", IngestBatches.createAppend(), keys)))
                    .isEqualTo(3);
            assertThat(client.query("SELECT id, name FROM upserted ORDER BY id"))
                    .containsExactly(List.of(1L, "new"), List.of(2L, "two"), List.of(3L, "three"));
            // an older cursor does not win, a newer one does, an unknown key is inserted
            fill(batch, new long[] {1, 2, 4}, new String[] {"stale", "newer", "four"}, new long[] {4, 2, 1});
            assertThat(client.sql.executeIngest(batch, options("upserted", IngestBatches.createAppend(), keys)))
                    .isEqualTo(2);
            assertThat(client.query("SELECT id, name FROM upserted ORDER BY id")).containsExactly(List.of(1L, "new"),
                    List.of(2L, "newer"), List.of(3L, "three"), List.of(4L, "four"));
        }
        // no staging table is left behind
        assertThat(client.query("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'temp_upsert_%'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void malformedUpsertOptionsAreInvalid() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.sql.executeIngest(batch,
                    options("bad_options", IngestBatches.createAppend(), Map.of("primary_key", "id")))).getMessage())
                    .startsWith("Malformed options: error parsing command options: {\"primary_key\":\"parsing error: ");
            assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.sql.executeIngest(batch,
                    options("bad_options", IngestBatches.createAppend(),
                            Map.of("primary_key", "[\"id\"]", "cursor_field", "\"ts\"")))).getMessage())
                    .startsWith("Malformed options: error parsing command options: {\"cursor_field\":\"parsing error: ");
            // a missing key column fails the merge
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.executeIngest(batch,
                    options("bad_key", IngestBatches.createAppend(), Map.of("primary_key", "[\"nope\"]"))))
                    .getMessage()).startsWith("Failed to execute MERGE: ");
        }
    }

    @Test
    void appendMatchesColumnsByPositionAndReportsFailures() {
        FlightTestClient client = client();
        client.update("CREATE TABLE by_position (a BIGINT, b VARCHAR)");
        try (VectorSchemaRoot batch = rows(allocator, 5, "five")) {
            assertThat(client.sql.executeIngest(batch, options("by_position", IngestBatches.append()))).isEqualTo(1);
        }
        assertThat(client.query("SELECT a, b FROM by_position")).containsExactly(List.of(5L, "five"));
        client.update("CREATE TABLE narrow (a BIGINT)");
        try (VectorSchemaRoot batch = rows(allocator, 5, "five")) {
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.executeIngest(batch,
                    options("narrow", IngestBatches.append()))).getMessage()).startsWith("Append failed: ");
        }
    }

    @Test
    void listColumnsCannotCreateATableAsInTheOfficialMock() {
        FlightTestClient client = client();
        Schema schema = new Schema(List.of(new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)))));
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            batch.allocateNew();
            batch.setRowCount(0);
            assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.executeIngest(batch,
                    options("with_list", IngestBatches.create()))).getMessage()).isEqualTo("Failed to create table");
        }
    }

    @Test
    void timestampsAndNotNullFollowTheArrowSchema() {
        FlightTestClient client = client();
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("at", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)), null),
                new Field("zoned", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null)));
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator)) {
            batch.allocateNew();
            ((org.apache.arrow.vector.IntVector) batch.getVector(0)).set(0, 1);
            ((org.apache.arrow.vector.TimeStampMilliVector) batch.getVector(1)).set(0, 86_400_000L);
            ((org.apache.arrow.vector.TimeStampMicroTZVector) batch.getVector(2)).set(0, 0L);
            batch.setRowCount(1);
            assertThat(client.sql.executeIngest(batch, options("typed", IngestBatches.create()))).isEqualTo(1);
        }
        assertThat(client.query("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'typed' ORDER BY ordinal_position")).containsExactly(
                List.of("id", "INTEGER", "NO"), List.of("at", "TIMESTAMP_MS", "YES"),
                List.of("zoned", "TIMESTAMP WITH TIME ZONE", "YES"));
        assertThat(client.query("SELECT \"at\"::VARCHAR FROM typed")).containsExactly(List.of("1970-01-02 00:00:00"));
    }

    @Test
    void theTempCatalogMakesATemporaryTableOfTheSession() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            assertThat(client.sql.executeIngest(batch, new ExecuteIngestOptions("scratch", IngestBatches.create(),
                    false, "temp", "main", Map.of()))).isEqualTo(1);
        }
        assertThat(client.query("SELECT count(*) FROM temp.main.scratch")).containsExactly(List.of(1L));
        assertThat(client().query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void aMissingSchemaIsCreated() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = rows(allocator, 1, "a")) {
            assertThat(client.sql.executeIngest(batch, new ExecuteIngestOptions("t", IngestBatches.create(), false,
                    "memory", "fresh_schema", Map.of()))).isEqualTo(1);
        }
        assertThat(client.query("SELECT count(*) FROM memory.fresh_schema.t")).containsExactly(List.of(1L));
    }

    @Test
    void messagesOverFourMebibytesAreRejectedAndTheSessionGoesOn() {
        FlightTestClient client = client();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(IngestBatches.ID_NAME, allocator)) {
            batch.allocateNew();
            byte[] big = new byte[1024];
            Arrays.fill(big, (byte) 'x');
            for (int i = 0; i < 5000; i++) {
                ((BigIntVector) batch.getVector(0)).setSafe(i, i);
                ((VarCharVector) batch.getVector(1)).setSafe(i, big);
            }
            batch.setRowCount(5000);
            assertThat(failure(FlightStatusCode.RESOURCE_EXHAUSTED, () -> client.sql.executeIngest(batch,
                    options("too_big", IngestBatches.create()))).getMessage()).contains("4194304");
            // the same rows in batches under the cap go through
            try (VectorSchemaRoot first = batch.slice(0, 2500); VectorSchemaRoot second = batch.slice(2500, 2500)) {
                assertThat(client.sql.executeIngest(first, options("too_big", IngestBatches.createAppend())))
                        .isEqualTo(2500);
                assertThat(client.sql.executeIngest(second, options("too_big", IngestBatches.createAppend())))
                        .isEqualTo(2500);
            }
        }
        assertThat(client.query("SELECT count(*) FROM too_big")).containsExactly(List.of(5000L));
    }

    /** A raw ingest DoPut: the schema, then one batch or none. */
    private long put(FlightTestClient client, CommandStatementIngest command, VectorSchemaRoot batch,
                     boolean sendBatch) {
        FlightDescriptor descriptor = FlightDescriptor.command(Any.pack(command).toByteArray());
        SyncPutListener listener = new SyncPutListener();
        FlightClient.ClientStreamListener put = client.flight.startPut(descriptor, batch, listener);
        if (sendBatch) {
            put.putNext();
        }
        put.completed();
        put.getResult();
        try (var result = listener.read()) {
            byte[] bytes = new byte[(int) result.getApplicationMetadata().readableBytes()];
            result.getApplicationMetadata().getBytes(0, bytes);
            return org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult.parseFrom(bytes).getRecordCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            listener.close();
        }
    }

    private static org.apache.arrow.flight.CallHeaders headers(String authorization) {
        org.apache.arrow.flight.FlightCallHeaders headers = new org.apache.arrow.flight.FlightCallHeaders();
        headers.insert("authorization", authorization);
        return headers;
    }

    private static void fill(VectorSchemaRoot batch, long[] ids, String[] names, long[] cursors) {
        batch.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            ((BigIntVector) batch.getVector(0)).setSafe(i, ids[i]);
            ((VarCharVector) batch.getVector(1)).setSafe(i, names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ((BigIntVector) batch.getVector(2)).setSafe(i, cursors[i]);
        }
        batch.setRowCount(ids.length);
    }
}
