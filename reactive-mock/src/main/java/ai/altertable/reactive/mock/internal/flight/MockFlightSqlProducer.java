package ai.altertable.reactive.mock.internal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PollInfo;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementSubstraitPlan;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Flight SQL side of the mock: routes each RPC and command to the class that serves it, with the official mock's
 * answers for everything it does not serve (protocol §6). It implements {@link FlightProducer} directly rather than
 * Arrow's {@code FlightSqlProducer}: the interface's default dispatch answers unknown commands with messages and codes
 * of its own, and the mock must answer with the official ones.
 *
 * <p>Every call arrives authenticated, with its session ({@link SessionMiddleware}). Unary calls block their gRPC
 * executor thread while the session's work runs on the database scheduler; DoGet returns at once and streams from that
 * scheduler ({@link DoGetStream}).
 */
final class MockFlightSqlProducer implements FlightProducer {

    /** Commands the official mock rejects with arrow-rs's "has no default implementation", by RPC prefix. */
    private static final Map<Class<? extends Message>, String> UNSUPPORTED = new LinkedHashMap<>();

    static {
        UNSUPPORTED.put(CommandGetPrimaryKeys.class, "primary_keys");
        UNSUPPORTED.put(CommandGetExportedKeys.class, "exported_keys");
        UNSUPPORTED.put(CommandGetImportedKeys.class, "imported_keys");
        UNSUPPORTED.put(CommandGetCrossReference.class, "cross_reference");
        UNSUPPORTED.put(CommandGetXdbcTypeInfo.class, "xdbc_type_info");
        UNSUPPORTED.put(CommandStatementSubstraitPlan.class, "substrait_plan");
    }

    private final Statements statements;
    private final PreparedStatements prepared;
    private final BulkIngest ingest;
    private final Metadata metadata;
    private final Actions actions;

    MockFlightSqlProducer(Statements statements, PreparedStatements prepared, BulkIngest ingest, Metadata metadata,
                          Actions actions) {
        this.statements = statements;
        this.prepared = prepared;
        this.ingest = ingest;
        this.metadata = metadata;
        this.actions = actions;
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        Any command = Commands.parse(descriptor.isCommand() ? descriptor.getCommand() : new byte[0]);
        MockFlightSession session = session(context);
        if (command.is(CommandStatementQuery.class)) {
            return statements.flightInfo(session, Commands.unpack(command, CommandStatementQuery.class), descriptor);
        }
        if (command.is(CommandPreparedStatementQuery.class)) {
            return prepared.flightInfo(session, Commands.unpack(command, CommandPreparedStatementQuery.class),
                    descriptor);
        }
        if (metadata.serves(command)) {
            return metadata.flightInfo(command, descriptor);
        }
        throw unsupported("get_flight_info", command);
    }

    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        Any command = Commands.parse(ticket.getBytes());
        MockFlightSession session = session(context);
        if (command.is(TicketStatementQuery.class)) {
            statements.stream(session, Commands.unpack(command, TicketStatementQuery.class), listener);
        } else if (command.is(CommandPreparedStatementQuery.class)) {
            prepared.stream(session, Commands.unpack(command, CommandPreparedStatementQuery.class), listener);
        } else if (metadata.serves(command)) {
            metadata.stream(session, command, listener);
        } else {
            throw unsupported("do_get", command);
        }
    }

    @Override
    public Runnable acceptPut(CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
        FlightDescriptor descriptor = flightStream.getDescriptor();
        Any command = Commands.parse(descriptor.isCommand() ? descriptor.getCommand() : new byte[0]);
        MockFlightSession session = session(context);
        if (command.is(CommandStatementUpdate.class)) {
            return statements.update(session, Commands.unpack(command, CommandStatementUpdate.class), ackStream);
        }
        if (command.is(CommandStatementIngest.class)) {
            return ingest.ingest(session, Commands.unpack(command, CommandStatementIngest.class), flightStream,
                    ackStream);
        }
        if (command.is(CommandPreparedStatementQuery.class)) {
            return prepared.bind(session, Commands.unpack(command, CommandPreparedStatementQuery.class), flightStream,
                    ackStream);
        }
        if (command.is(CommandPreparedStatementUpdate.class)) {
            return prepared.update(session, Commands.unpack(command, CommandPreparedStatementUpdate.class),
                    flightStream, ackStream);
        }
        throw unsupported("do_put", command);
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        actions.doAction(session(context), action, listener);
    }

    @Override
    public void listActions(CallContext context, StreamListener<ActionType> listener) {
        Actions.LISTED.forEach(listener::onNext);
        listener.onCompleted();
    }

    @Override
    public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
        listener.onError(FlightStatus.unimplemented(FlightStatus.NOT_YET_IMPLEMENTED));
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        throw FlightStatus.unimplemented(FlightStatus.NOT_YET_IMPLEMENTED);
    }

    @Override
    public PollInfo pollFlightInfo(CallContext context, FlightDescriptor descriptor) {
        throw FlightStatus.unimplemented(FlightStatus.NOT_YET_IMPLEMENTED);
    }

    @Override
    public void doExchange(CallContext context, FlightStream reader, ServerStreamListener writer) {
        writer.error(FlightStatus.unimplemented(FlightStatus.NOT_YET_IMPLEMENTED));
    }

    private static MockFlightSession session(CallContext context) {
        return context.getMiddleware(SessionMiddleware.KEY).session();
    }

    /** arrow-rs's answer to a known but unimplemented command, or to an unknown one. */
    private static RuntimeException unsupported(String rpc, Any command) {
        for (Map.Entry<Class<? extends Message>, String> e : UNSUPPORTED.entrySet()) {
            if (command.is(e.getKey())) {
                return FlightStatus.unimplemented(rpc + "_" + e.getValue() + " has no default implementation");
            }
        }
        return Commands.invalidRequest(rpc, command);
    }
}
