package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.core.internal.RandomIds;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.ByteBuffer;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prepared statements (protocol §9), kept in the session that created them.
 *
 * <p>As the official mock: the handle is 16 raw bytes; parameters bind by position only, as text
 * ({@link ParameterTextReader}), every value of every uploaded row flattened into one list, a null sent as the text
 * {@code NULL}; the values persist until the next bind; an unknown handle is {@code INVALID_ARGUMENT} at GetFlightInfo
 * but {@code NOT_FOUND} at bind and DoGet; closing an unknown handle is not an error; an execution failure is
 * {@code INTERNAL Failed to execute query: …}.
 *
 * <p><b>Deliberate difference:</b> when the binding limits explain an execution failure (several rows bound, a count
 * of values that is not the count of parameters, a null, binary data, a type the server does not read), the message
 * goes on to say so and how to bind instead ({@link BoundParameters#explain}); the server's own text stops at DuckDB's.
 *
 * <p><b>Deliberate difference:</b> a prepared <em>update</em> runs with the parameters it was sent. The official mock
 * stores them and then runs the SQL without any (§9.4, a bug there), so a statement with placeholders fails on it;
 * clients have to handle the production server, which presumably binds them.
 */
final class PreparedStatements {

    private static final String SCHEMA_NOT_FOUND = "Failed to extract prepared statement schema: Statement not found";

    private final FlightStreams streams;
    private final BufferAllocator allocator;

    PreparedStatements(FlightStreams streams, BufferAllocator allocator) {
        this.streams = streams;
        this.allocator = allocator;
    }

    /** CreatePreparedStatement: prepares on the session, stores the statement under a new handle. */
    Result create(MockFlightSession session, ActionCreatePreparedStatementRequest request) {
        SqlText.Parameters text = SqlText.parameters(request.getQuery());
        PreparedQuery query;
        try {
            query = session.call(connection -> {
                try {
                    session.applyCatalogAndSchema(connection);
                } catch (SQLException e) {
                    throw FlightStatus.internal(Statements.USE_FAILED + FlightStatus.message(e));
                }
                try (PreparedStatement statement = Statements.prepare(connection, text.sql())) {
                    return new PreparedQuery(text.sql(), ArrowSchemas.of(statement.getMetaData()),
                            parameterSchema(statement.getParameterMetaData(), text.names()));
                }
            });
        } catch (SQLException e) {
            throw FlightStatus.internal(Statements.PREPARE_FAILED + FlightStatus.message(e));
        }
        ByteString handle = newHandle();
        session.prepared().put(handle, query);
        ActionCreatePreparedStatementResult.Builder result = ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(handle)
                .setDatasetSchema(ByteString.copyFrom(ArrowSchemas.ipc(query.datasetSchema())));
        if (query.parameterSchema() != null) {
            result.setParameterSchema(ByteString.copyFrom(ArrowSchemas.ipc(query.parameterSchema())));
        }
        return Commands.result(result.build());
    }

    /** ClosePreparedStatement: forgets the handle; an unknown one is fine. */
    void close(MockFlightSession session, ActionClosePreparedStatementRequest request) {
        session.prepared().remove(request.getPreparedStatementHandle());
    }

    /** GetFlightInfo(CommandPreparedStatementQuery): the schema from creation, the command as ticket. */
    FlightInfo flightInfo(MockFlightSession session, CommandPreparedStatementQuery command,
                          FlightDescriptor descriptor) {
        PreparedQuery query = session.prepared().get(command.getPreparedStatementHandle());
        if (query == null) {
            throw FlightStatus.invalidArgument(SCHEMA_NOT_FOUND);
        }
        return Commands.flightInfo(query.datasetSchema(), descriptor, command);
    }

    /** DoGet(CommandPreparedStatementQuery): runs the SQL with the values bound last. */
    void stream(MockFlightSession session, CommandPreparedStatementQuery command, ServerStreamListener listener) {
        PreparedQuery query = session.prepared().get(command.getPreparedStatementHandle());
        if (query == null) {
            listener.error(FlightStatus.notFound(FlightStatus.PREPARED_NOT_FOUND));
            return;
        }
        BoundParameters bound = query.bound();
        DoGetStream.Source source = (connection, streamAllocator, interruptible) -> {
            session.applyCatalogAndSchema(connection);
            return DuckDbResults.execute(Statements.prepareBound(connection, query.sql(), bound.values()),
                    streamAllocator, interruptible);
        };
        new DoGetStream(streams, query.sql(), session, listener, source,
                failure -> FlightStatus.internal(query.failure(bound, message(failure))), allocator).start();
    }

    /** DoPut(CommandPreparedStatementQuery): replaces the bound values, answers the same handle. */
    Runnable bind(MockFlightSession session, CommandPreparedStatementQuery command, FlightStream parameters,
                  StreamListener<PutResult> ack) {
        return () -> {
            bindUpload(session, command.getPreparedStatementHandle(), parameters);
            byte[] result = DoPutPreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(command.getPreparedStatementHandle()).build().toByteArray();
            Statements.sendMetadata(ack, result, allocator);
        };
    }

    /** DoPut(CommandPreparedStatementUpdate): binds the uploaded values and runs the statement with them. */
    Runnable update(MockFlightSession session, CommandPreparedStatementUpdate command, FlightStream parameters,
                    StreamListener<PutResult> ack) {
        return () -> {
            PreparedQuery query = bindUpload(session, command.getPreparedStatementHandle(), parameters);
            BoundParameters bound = query.bound();
            long count;
            try {
                count = session.call(connection -> {
                    session.applyCatalogAndSchema(connection);
                    try (PreparedStatement statement = Statements.prepareBound(connection, query.sql(),
                            bound.values())) {
                        return DuckDbResults.updateCount(statement, statement.execute());
                    }
                });
            } catch (SQLException e) {
                throw FlightStatus.internal(query.failure(bound, FlightStatus.message(e)));
            }
            Statements.sendUpdateCount(ack, count, allocator);
        };
    }

    /** Replaces the statement's bound values with the uploaded ones; {@code NOT_FOUND} for an unknown handle. */
    private static PreparedQuery bindUpload(MockFlightSession session, ByteString handle, FlightStream upload) {
        PreparedQuery query = session.prepared().get(handle);
        if (query == null) {
            throw FlightStatus.notFound(FlightStatus.PREPARED_NOT_FOUND);
        }
        query.bind(ParameterTextReader.flatten(upload));
        return query;
    }

    /**
     * The parameter schema, or null without parameters: named parameters keep their name, positional ones (and names
     * that are empty or numeric) become {@code parameter_<n>}; a type DuckDB cannot infer is Utf8; all nullable.
     */
    private static Schema parameterSchema(ParameterMetaData metadata, List<String> names) throws SQLException {
        int count = metadata.getParameterCount();
        if (count == 0) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = i <= names.size() ? names.get(i - 1) : "";
            if (name.isEmpty() || name.chars().allMatch(Character::isDigit)) {
                name = "parameter_" + i;
            }
            String type = metadata.getParameterTypeName(i);
            boolean inferred = type != null && !type.equals("INVALID") && !type.equals("UNKNOWN");
            fields.add(inferred ? ArrowSchemas.field(name, type) : new Field(name,
                    FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        }
        return new Schema(fields);
    }

    /** 16 random bytes: a version-4 UUID in binary form, as the official mock's handles. */
    private static ByteString newHandle() {
        UUID id = RandomIds.uuid();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }

    private static String message(Throwable failure) {
        return failure instanceof SQLException ? FlightStatus.message((SQLException) failure) : String.valueOf(
                failure.getMessage());
    }
}
