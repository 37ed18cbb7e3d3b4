package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.JsonStringHashMap;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;

import static org.assertj.core.api.Assertions.assertThat;

/** Statement queries (protocol §7) and the two type mappings (§13). */
class FlightQueryTest extends FlightTestBase {

    private static final String TYPES = "SELECT 'text'::VARCHAR AS v, 42::BIGINT AS b, 1.5::DOUBLE AS d,"
            + " 12.34::DECIMAL(10,2) AS dec, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, [1, 2, 3] AS l,"
            + " {'a': 1, 'b': 'x'} AS s, true AS flag, 7::INTEGER AS i, DATE '2024-02-29' AS dt,"
            + " '8c1b5f2e-7a0e-4b8f-9a51-0d7d1c1e2f3a'::UUID AS u, INTERVAL 1 DAY AS iv, 5::HUGEINT AS h";

    @Test
    void typesOnTheWireAreDuckDbsArrowExport() throws Exception {
        FlightTestClient client = client();
        FlightInfo info = client.sql.execute(TYPES);
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            Schema wire = stream.getSchema();
            assertThat(type(wire, "v")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(type(wire, "b")).isEqualTo(new ArrowType.Int(64, true));
            assertThat(type(wire, "d")).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
            assertThat(type(wire, "dec")).isEqualTo(new ArrowType.Decimal(10, 2, 128));
            assertThat(type(wire, "ts")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
            assertThat(type(wire, "l")).isEqualTo(ArrowType.List.INSTANCE);
            assertThat(wire.findField("l").getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
            assertThat(type(wire, "s")).isEqualTo(ArrowType.Struct.INSTANCE);
            assertThat(wire.findField("s").getChildren()).extracting(Field::getName).containsExactly("a", "b");
            assertThat(type(wire, "u")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(type(wire, "iv")).isEqualTo(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO));
            assertThat(type(wire, "h")).isEqualTo(new ArrowType.Decimal(38, 0, 128));
            assertThat(wire.getFields()).allMatch(Field::isNullable);

            assertThat(stream.next()).isTrue();
            VectorSchemaRoot root = stream.getRoot();
            assertThat(root.getRowCount()).isEqualTo(1);
            assertThat(root.getVector("v").getObject(0).toString()).isEqualTo("text");
            assertThat(root.getVector("b").getObject(0)).isEqualTo(42L);
            assertThat(root.getVector("d").getObject(0)).isEqualTo(1.5);
            assertThat(root.getVector("dec").getObject(0)).isEqualTo(new BigDecimal("12.34"));
            assertThat(root.getVector("ts").getObject(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
            assertThat(root.getVector("l").getObject(0)).isEqualTo(List.of(1, 2, 3));
            JsonStringHashMap<?, ?> struct = (JsonStringHashMap<?, ?>) root.getVector("s").getObject(0);
            assertThat(struct.get("a")).isEqualTo(1);
            assertThat(struct.get("b").toString()).isEqualTo("x");
            assertThat(root.getVector("u").getObject(0).toString()).isEqualTo("8c1b5f2e-7a0e-4b8f-9a51-0d7d1c1e2f3a");
            assertThat(stream.next()).isFalse();
        }
    }

    @Test
    void flightInfoSchemaIsThePrepareStepMapping() {
        FlightInfo info = client().sql.execute(TYPES);
        Schema schema = info.getSchema();
        assertThat(type(schema, "v")).isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(type(schema, "b")).isEqualTo(new ArrowType.Int(64, true));
        assertThat(type(schema, "dec")).isEqualTo(new ArrowType.Decimal(10, 2, 128));
        assertThat(type(schema, "dt")).isEqualTo(new ArrowType.Date(DateUnit.DAY));
        assertThat(type(schema, "u")).isEqualTo(new ArrowType.FixedSizeBinary(16));
        assertThat(type(schema, "iv")).isEqualTo(new ArrowType.Duration(TimeUnit.MICROSECOND));
        assertThat(type(schema, "h")).isEqualTo(new ArrowType.Decimal(38, 0, 128));
        assertThat(schema.findField("l").getChildren().get(0).getName()).isEqualTo("item");
        assertThat(schema.getFields()).allMatch(Field::isNullable);
        assertThat(info.getEndpoints()).hasSize(1);
        FlightEndpoint endpoint = info.getEndpoints().get(0);
        assertThat(endpoint.getLocations()).isEmpty();
        assertThat(info.getRecords()).isEqualTo(-1);
        assertThat(info.getBytes()).isEqualTo(-1);
        assertThat(info.getOrdered()).isFalse();
    }

    @Test
    void theTicketIsTheSqlAndEveryDoGetRunsItAgain() throws Exception {
        FlightTestClient client = client();
        client.update("CREATE TEMP TABLE counter (n INTEGER)");
        FlightInfo info = client.sql.execute("INSERT INTO counter VALUES (1)");
        Ticket ticket = info.getEndpoints().get(0).getTicket();
        TicketStatementQuery handle = Any.parseFrom(ticket.getBytes()).unpack(TicketStatementQuery.class);
        assertThat(handle.getStatementHandle().toStringUtf8()).isEqualTo("INSERT INTO counter VALUES (1)");
        assertThat(client.query("SELECT count(*) FROM counter")).containsExactly(List.of(0L)); // prepared only
        assertThat(client.rows(info)).containsExactly(List.of(1L)); // DML streams its Count
        assertThat(client.rows(info)).containsExactly(List.of(1L));
        assertThat(client.query("SELECT count(*) FROM counter")).containsExactly(List.of(2L));
        // a ticket minted by the client works too
        Ticket minted = new Ticket(Any.pack(TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8("SELECT 7")).build()).toByteArray());
        try (FlightStream stream = client.sql.getStream(minted)) {
            assertThat(stream.next()).isTrue();
            assertThat(stream.getRoot().getVector(0).getObject(0)).isEqualTo(7);
        }
    }

    @Test
    void ddlOnTheQueryPathStreamsNoRows() {
        FlightTestClient client = client();
        FlightInfo info = client.sql.execute("CREATE TEMP TABLE via_query (i INTEGER)");
        assertThat(info.getSchema().getFields()).extracting(Field::getName).containsExactly("Count");
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            assertThat(stream.getSchema().getFields()).extracting(Field::getName).containsExactly("Count");
            assertThat(stream.next()).as("no batch at all").isFalse();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(client.query("SELECT count(*) FROM via_query")).containsExactly(List.of(0L));
    }

    @Test
    void anEmptyResultIsASchemaAndNoBatch() throws Exception {
        FlightTestClient client = client();
        FlightInfo info = client.sql.execute("SELECT i, 'x' AS s FROM range(0) t(i)");
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            assertThat(stream.getSchema().getFields()).extracting(Field::getName).containsExactly("i", "s");
            assertThat(stream.next()).isFalse();
        }
    }

    @Test
    void enumsArriveAsPlainUtf8AtAnyDepth() throws Exception {
        FlightTestClient client = client();
        client.update("CREATE TYPE IF NOT EXISTS mood AS ENUM ('sad', 'ok', 'happy')");
        FlightInfo info = client.sql.execute("SELECT 'ok'::mood AS m, ['sad', 'happy']::mood[] AS ms,"
                + " {'inner': 'happy'::mood} AS st, NULL::mood AS nothing");
        assertThat(type(info.getSchema(), "m")).isEqualTo(ArrowType.Null.INSTANCE); // §13.1 fallback
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            Schema wire = stream.getSchema();
            assertThat(wire.findField("m").getDictionary()).isNull();
            assertThat(type(wire, "m")).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(wire.findField("ms").getChildren().get(0).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(wire.findField("st").getChildren().get(0).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(stream.next()).isTrue();
            VectorSchemaRoot root = stream.getRoot();
            assertThat(root.getVector("m").getObject(0).toString()).isEqualTo("ok");
            assertThat(root.getVector("ms").getObject(0).toString()).isEqualTo("[\"sad\",\"happy\"]");
            assertThat(root.getVector("st").getObject(0).toString()).isEqualTo("{\"inner\":\"happy\"}");
            assertThat(root.getVector("nothing").isNull(0)).isTrue();
        }
    }

    @Test
    void largeResultsAreCutIntoMessagesOfAboutTwoMebibytes() throws Exception {
        FlightTestClient client = client();
        FlightInfo info = client.sql.execute("SELECT i, repeat('x', 200) AS pad FROM range(30000) t(i)");
        List<Integer> rowsPerBatch = new ArrayList<>();
        long total = 0;
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                rowsPerBatch.add(root.getRowCount());
                long bytes = root.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
                assertThat(bytes).isLessThanOrEqualTo(2L * 1024 * 1024 + 64 * 1024);
                total += root.getRowCount();
            }
        }
        assertThat(total).isEqualTo(30_000);
        assertThat(rowsPerBatch.size()).as("one export batch of about 6 MiB, cut in pieces").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDoGetFailureIsInvalidArgumentWithoutDetail() {
        FlightTestClient client = client();
        FlightInfo info = client.sql.execute("SELECT 'abc'::INTEGER AS broken");
        assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.rows(info)).getMessage())
                .isEqualTo("Failed to query arrow");
        // the session still works
        assertThat(client.query("SELECT 1 AS one")).containsExactly(List.of(1));
    }

    @Test
    void aPrepareFailureIsInternalWithDuckDbsTextAfterOnePrefix() {
        FlightTestClient client = client();
        // the server repeats "Failed to extract schema: " (protocol §7); the mock says it once
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.execute("SELEC 1")).getMessage())
                .startsWith("Failed to extract schema: Failed to prepare statement: "
                        + "Parser Error: syntax error at or near \"SELEC\"");
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.execute("SELECT * FROM missing_table"))
                .getMessage()).contains("Catalog Error: Table with name missing_table does not exist");
    }

    @Test
    void severalStatementsAreRefusedAndNoneRuns() {
        FlightTestClient client = client();
        client.update("CREATE TEMP TABLE guard (i INTEGER)");
        assertThat(failure(FlightStatusCode.INTERNAL,
                () -> client.sql.execute("INSERT INTO guard VALUES (1); SELECT 1")).getMessage())
                .endsWith("Cannot prepare multiple statements at once!");
        assertThat(client.query("SELECT count(*) FROM guard")).containsExactly(List.of(0L));
        // trailing semicolons, comments and strings with semicolons are one statement
        assertThat(client.query("SELECT ';' AS s; -- a comment; here\n")).containsExactly(List.of(";"));
    }

    @Test
    void unsupportedCommandsAndRpcsAnswerTheOfficialMessages() {
        FlightTestClient client = client();
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.flight.getInfo(FlightDescriptor.command(
                Any.pack(CommandGetPrimaryKeys.newBuilder().setTable("t").build()).toByteArray()))).getMessage())
                .isEqualTo("get_flight_info_primary_keys has no default implementation");
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.flight.getInfo(FlightDescriptor.command(
                Any.pack(CommandGetXdbcTypeInfo.getDefaultInstance()).toByteArray()))).getMessage())
                .isEqualTo("get_flight_info_xdbc_type_info has no default implementation");
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.flight.getInfo(FlightDescriptor.command(
                Any.pack(TicketStatementQuery.getDefaultInstance()).toByteArray()))).getMessage())
                .isEqualTo("get_flight_info: The defined request is invalid: "
                        + "type.googleapis.com/arrow.flight.protocol.sql.TicketStatementQuery");
        assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.flight.getInfo(FlightDescriptor.command(
                "not protobuf".getBytes(StandardCharsets.UTF_8)))).getMessage()).isNotBlank();
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.sql.getExecuteSchema("SELECT 1"))
                .getMessage()).isEqualTo("Not yet implemented");
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED,
                () -> client.flight.listFlights(org.apache.arrow.flight.Criteria.ALL).forEach(f -> { }))
                .getMessage()).isEqualTo("Not yet implemented");
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED, () -> client.rows(new FlightInfo(new Schema(List.of()),
                FlightDescriptor.path("x"), List.of(new FlightEndpoint(new Ticket(Any.pack(
                        CommandGetPrimaryKeys.newBuilder().setTable("t").build()).toByteArray()))), -1, -1)))
                .getMessage()).isEqualTo("do_get_primary_keys has no default implementation");
    }

    private static ArrowType type(Schema schema, String name) {
        return schema.findField(name).getType();
    }
}
