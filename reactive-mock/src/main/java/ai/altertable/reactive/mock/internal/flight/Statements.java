package ai.altertable.reactive.mock.internal.flight;

import com.google.protobuf.ByteString;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Statement queries (protocol §7) and updates (§8).
 *
 * <p>A query is prepared at GetFlightInfo, only to learn its schema (§13.1), and executed at every DoGet of its ticket,
 * which is the SQL text itself; a DoGet failure of any kind is {@code INVALID_ARGUMENT Failed to query arrow}. An
 * update runs at once on the session and answers the changed-row count; the uploaded stream is not read. Every
 * statement runs after the session's {@code USE} settings, and exactly one statement is accepted per request.
 */
final class Statements {

    /**
     * The prefix of a prepare failure at GetFlightInfo and CreatePreparedStatement. The server says
     * {@code Failed to extract schema: } twice (protocol §7); the mock says it once.
     */
    static final String PREPARE_FAILED = "Failed to extract schema: Failed to prepare statement: ";
    /** The prefix of a failing {@code USE} before a prepare. */
    static final String USE_FAILED = "Failed to extract schema: ";
    /** The prefix of an execution failure everywhere but a statement DoGet. */
    static final String EXECUTE_FAILED = "Failed to execute query: ";

    private final FlightStreams streams;
    private final BufferAllocator allocator;

    Statements(FlightStreams streams, BufferAllocator allocator) {
        this.streams = streams;
        this.allocator = allocator;
    }

    /** GetFlightInfo(CommandStatementQuery): the prepare-step schema and a ticket holding the SQL. */
    FlightInfo flightInfo(MockFlightSession session, CommandStatementQuery command,
                          FlightDescriptor descriptor) {
        String sql = command.getQuery();
        Schema schema = prepareSchema(session, sql);
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFromUtf8(sql)).build();
        return Commands.flightInfo(schema, descriptor, ticket);
    }

    /** DoGet(TicketStatementQuery): executes the SQL now and streams DuckDB's export. */
    void stream(MockFlightSession session, TicketStatementQuery ticket, ServerStreamListener listener) {
        String sql = ticket.getStatementHandle().toStringUtf8();
        DoGetStream.Source source = (connection, streamAllocator, interruptible) -> {
            session.applyCatalogAndSchema(connection);
            interruptible.statement(prepare(connection, sql));
            // DuckDB produces the rows as they are read; the session goes back to materialising when they are closed
            interruptible.afterClose(() -> MockFlightSession.streamResults(connection, false));
            MockFlightSession.streamResults(connection, true);
            return DuckDbResults.execute(interruptible.statement(), streamAllocator, interruptible);
        };
        new DoGetStream(streams, sql, session, listener, source,
                failure -> FlightStatus.invalidArgument(FlightStatus.QUERY_FAILED), allocator).start();
    }

    /** DoPut(CommandStatementUpdate): runs the SQL and answers {@code DoPutUpdateResult{record_count}}. */
    Runnable update(MockFlightSession session, CommandStatementUpdate command, StreamListener<PutResult> ack) {
        return () -> {
            long count;
            try {
                count = session.call(connection -> {
                    session.applyCatalogAndSchema(connection);
                    try (PreparedStatement statement = prepare(connection, command.getQuery())) {
                        return DuckDbResults.updateCount(statement, statement.execute());
                    }
                });
            } catch (SQLException e) {
                throw FlightStatus.internal(EXECUTE_FAILED + FlightStatus.message(e));
            }
            sendUpdateCount(ack, count, allocator);
        };
    }

    /**
     * The §13.1 schema of {@code sql} on the session, or {@code INTERNAL} with the official mock's prefixes: a failing
     * {@code USE} and a failing prepare are worded differently.
     */
    static Schema prepareSchema(MockFlightSession session, String sql) {
        try {
            return session.call(connection -> {
                try {
                    session.applyCatalogAndSchema(connection);
                } catch (SQLException e) {
                    throw FlightStatus.internal(USE_FAILED + FlightStatus.message(e));
                }
                try (PreparedStatement statement = prepare(connection, sql)) {
                    return ArrowSchemas.of(statement.getMetaData());
                }
            });
        } catch (SQLException e) {
            throw FlightStatus.internal(PREPARE_FAILED + FlightStatus.message(e));
        }
    }

    /**
     * Prepares one statement. DuckDB JDBC would <em>execute</em> every statement but the last while preparing; the
     * official mock refuses several, and so does this.
     */
    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        if (SqlText.hasSeveralStatements(sql)) {
            throw new SQLException(SqlText.MULTIPLE_STATEMENTS);
        }
        return connection.prepareStatement(sql);
    }

    /** {@link #prepare} with {@code values} bound as text, by position; closed again if binding fails. */
    static PreparedStatement prepareBound(Connection connection, String sql, List<String> values)
            throws SQLException {
        PreparedStatement statement = prepare(connection, sql);
        try {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Answers one {@code PutResult} with {@code DoPutUpdateResult{record_count}}. */
    static void sendUpdateCount(StreamListener<PutResult> ack, long count, BufferAllocator allocator) {
        sendMetadata(ack, DoPutUpdateResult.newBuilder().setRecordCount(count).build().toByteArray(), allocator);
    }

    /** Answers one {@code PutResult} whose {@code app_metadata} is {@code bytes} (a raw, not Any-packed, message). */
    static void sendMetadata(StreamListener<PutResult> ack, byte[] bytes, BufferAllocator allocator) {
        try (ArrowBuf buffer = allocator.buffer(bytes.length)) {
            buffer.writeBytes(bytes);
            ack.onNext(PutResult.metadata(buffer));
        }
        ack.onCompleted();
    }
}
