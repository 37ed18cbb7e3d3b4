package ai.altertable.reactive.mock.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient.PreparedStatement;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Prepared statements (protocol §9). */
class FlightPreparedStatementTest extends FlightTestBase {

    @Test
    void createReportsAHandleOfSixteenBytesAndBothSchemas() throws Exception {
        FlightTestClient client = client();
        Iterator<Result> results = client.flight.doAction(new Action("CreatePreparedStatement", Any.pack(
                ActionCreatePreparedStatementRequest.newBuilder().setQuery("SELECT 1 AS one").build()).toByteArray()));
        ActionCreatePreparedStatementResult result = Any.parseFrom(results.next().getBody())
                .unpack(ActionCreatePreparedStatementResult.class);
        assertThat(results.hasNext()).isFalse();
        assertThat(result.getPreparedStatementHandle().size()).isEqualTo(16);
        assertThat(result.getParameterSchema().isEmpty()).isTrue();
        assertThat(result.getDatasetSchema().isEmpty()).isFalse();

        try (PreparedStatement prepared = client.sql.prepare("SELECT $1::INTEGER + 1 AS next, ?::VARCHAR AS label")) {
            assertThat(prepared.getResultSetSchema().getFields()).extracting(Field::getName)
                    .containsExactly("next", "label");
        } catch (Exception e) {
            // mixing $1 and ? is DuckDB's to refuse
            assertThat(e.getMessage()).contains("Failed to extract schema");
        }
    }

    @Test
    void parametersBindExecuteRebindAndClose() throws Exception {
        FlightTestClient client = client();
        client.update("CREATE TABLE people (id INTEGER, name VARCHAR)");
        client.update("INSERT INTO people VALUES (1, 'ann'), (2, 'bo'), (3, 'cy')");
        PreparedStatement prepared = client.sql.prepare("SELECT name FROM people WHERE id = ? OR name = ?");
        Schema parameters = prepared.getParameterSchema();
        assertThat(parameters.getFields()).extracting(Field::getName).containsExactly("parameter_1", "parameter_2");
        assertThat(parameters.getFields().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
        assertThat(parameters.getFields().get(1).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);

        FlightInfo info;
        try (VectorSchemaRoot values = VectorSchemaRoot.create(parameters, allocator)) {
            set(values, 1, "cy");
            prepared.setParameters(values);
            assertThat(client.rows(prepared.execute())).containsExactlyInAnyOrder(List.of("ann"), List.of("cy"));
            set(values, 2, "nobody");
            prepared.setParameters(values);
            info = prepared.execute();
            assertThat(client.rows(info)).containsExactly(List.of("bo"));
        }
        // the values stay bound on the server: the same ticket runs again with them, without another bind
        assertThat(client.rows(info)).containsExactly(List.of("bo"));
        ByteString handle = Any.parseFrom(info.getEndpoints().get(0).getTicket().getBytes())
                .unpack(CommandPreparedStatementQuery.class).getPreparedStatementHandle();
        assertThat(handle.size()).isEqualTo(16);
        assertThat(client.rows(info)).containsExactly(List.of("bo"));
        prepared.close();
        // closed: unknown at GetFlightInfo (INVALID_ARGUMENT) and at DoGet (NOT_FOUND)
        FlightDescriptor descriptor = FlightDescriptor.command(Any.pack(CommandPreparedStatementQuery.newBuilder()
                .setPreparedStatementHandle(handle).build()).toByteArray());
        assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.flight.getInfo(descriptor)).getMessage())
                .isEqualTo("Failed to extract prepared statement schema: Statement not found");
        assertThat(failure(FlightStatusCode.NOT_FOUND, () -> client.rows(info)).getMessage())
                .isEqualTo("Prepared statement not found");
        // closing again is fine
        client.flight.doAction(new Action("ClosePreparedStatement", Any.pack(
                org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest.newBuilder()
                        .setPreparedStatementHandle(handle).build()).toByteArray())).forEachRemaining(r -> { });
    }

    @Test
    void bindingAnUnknownHandleIsNotFound() {
        FlightTestClient client = client();
        Schema schema = new Schema(List.of(new Field("x", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        FlightDescriptor descriptor = FlightDescriptor.command(Any.pack(CommandPreparedStatementQuery.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFrom(new byte[16])).build()).toByteArray());
        try (VectorSchemaRoot values = VectorSchemaRoot.create(schema, allocator)) {
            values.allocateNew();
            ((IntVector) values.getVector(0)).set(0, 1);
            values.setRowCount(1);
            var listener = new org.apache.arrow.flight.SyncPutListener();
            var put = client.flight.startPut(descriptor, values, listener);
            put.putNext();
            put.completed();
            assertThat(failure(FlightStatusCode.NOT_FOUND, put::getResult).getMessage())
                    .isEqualTo("Prepared statement not found");
            listener.close();
        }
    }

    @Test
    void namedParametersKeepTheirNamesAndBindInOrderOfFirstAppearance() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement prepared = client.sql.prepare(
                "SELECT $greeting || ', ' || $name AS text, $greeting AS again")) {
            assertThat(prepared.getParameterSchema().getFields()).extracting(Field::getName)
                    .containsExactly("greeting", "name");
            Schema text = new Schema(List.of(utf8("a"), utf8("b")));
            try (VectorSchemaRoot values = VectorSchemaRoot.create(text, allocator)) {
                values.allocateNew();
                ((VarCharVector) values.getVector(0)).setSafe(0, "hello".getBytes(StandardCharsets.UTF_8));
                ((VarCharVector) values.getVector(1)).setSafe(0, "world".getBytes(StandardCharsets.UTF_8));
                values.setRowCount(1);
                prepared.setParameters(values);
                assertThat(client.rows(prepared.execute())).containsExactly(List.of("hello, world", "hello"));
            }
        }
    }

    @Test
    void aNullIsSentAsTheTextNull() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement prepared = client.sql.prepare("SELECT ?::VARCHAR AS v")) {
            try (VectorSchemaRoot values = VectorSchemaRoot.create(new Schema(List.of(utf8("v"))), allocator)) {
                values.allocateNew();
                ((VarCharVector) values.getVector(0)).setNull(0);
                values.setRowCount(1);
                prepared.setParameters(values);
                assertThat(client.rows(prepared.execute())).containsExactly(List.of("NULL"));
            }
        }
    }

    @Test
    void anExecutionErrorAtDoGetIsInternalWithDuckDbsText() throws Exception {
        FlightTestClient client = client();
        try (PreparedStatement prepared = client.sql.prepare("SELECT ?::INTEGER AS v")) {
            try (VectorSchemaRoot values = VectorSchemaRoot.create(new Schema(List.of(utf8("v"))), allocator)) {
                values.allocateNew();
                ((VarCharVector) values.getVector(0)).setSafe(0, "not a number".getBytes(StandardCharsets.UTF_8));
                values.setRowCount(1);
                prepared.setParameters(values);
                FlightInfo info = prepared.execute();
                assertThat(failure(FlightStatusCode.INTERNAL, () -> client.rows(info)).getMessage())
                        .startsWith("Failed to execute query: ").contains("not a number");
            }
        }
    }

    @Test
    void aPreparedUpdateRunsWithItsParameters() throws Exception {
        FlightTestClient client = client();
        client.update("CREATE TABLE ledger (id BIGINT, note VARCHAR)");
        try (PreparedStatement insert = client.sql.prepare("INSERT INTO ledger VALUES (?, ?)")) {
            Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                    utf8("note")));
            try (VectorSchemaRoot values = VectorSchemaRoot.create(schema, allocator)) {
                values.allocateNew();
                ((BigIntVector) values.getVector(0)).set(0, 7);
                ((VarCharVector) values.getVector(1)).setSafe(0, "seven".getBytes(StandardCharsets.UTF_8));
                values.setRowCount(1);
                insert.setParameters(values);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
        try (PreparedStatement delete = client.sql.prepare("DELETE FROM ledger")) {
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(client.query("SELECT count(*) FROM ledger")).containsExactly(List.of(0L));
    }

    @Test
    void preparedStatementsBelongToTheirSession() throws Exception {
        FlightTestClient owner = client();
        try (PreparedStatement prepared = owner.sql.prepare("SELECT 1 AS one")) {
            FlightInfo info = prepared.execute();
            FlightTestClient stranger = client();
            Ticket ticket = info.getEndpoints().get(0).getTicket();
            assertThat(failure(FlightStatusCode.NOT_FOUND, () -> stranger.rows(new FlightInfo(info.getSchema(),
                    info.getDescriptor(), List.of(new FlightEndpoint(ticket)), -1, -1))).getMessage())
                    .isEqualTo("Prepared statement not found");
            assertThat(owner.rows(info)).containsExactly(List.of(1));
        }
    }

    @Test
    void aPrepareFailureIsInternal() {
        FlightTestClient client = client();
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.sql.prepare("SELECT FROM WHERE")).getMessage())
                .startsWith("Failed to extract schema: Failed to prepare statement: ");
    }

    private static void set(VectorSchemaRoot values, int id, String name) {
        values.allocateNew();
        ((IntVector) values.getVector(0)).set(0, id);
        ((VarCharVector) values.getVector(1)).setSafe(0, name.getBytes(StandardCharsets.UTF_8));
        values.setRowCount(1);
    }

    private static Field utf8(String name) {
        return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    }
}
