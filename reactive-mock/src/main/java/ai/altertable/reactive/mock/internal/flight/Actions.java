package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.core.internal.RandomIds;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionBeginTransactionRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionBeginTransactionResult;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCancelQueryResult;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionEndTransactionRequest;

import java.sql.SQLException;
import java.util.List;

/**
 * {@code DoAction} and {@code ListActions} (protocol §6): prepared statements (§9), transactions (§11), the two session
 * actions (§5), and the official mock's answers to everything else. Arrow's own {@code FlightSqlProducer} would answer
 * unknown actions {@code INVALID_ARGUMENT Unrecognized request}; the official mock says {@code UNIMPLEMENTED}.
 *
 * <p>Transactions are the session's: {@code BeginTransaction} runs {@code BEGIN TRANSACTION} on the session connection
 * and every later statement of the session runs inside it, whatever transaction id it names (ids are never checked).
 */
final class Actions {

    /** What ListActions answers: the eight standard Flight SQL actions, not the session actions (as the official mock). */
    static final List<ActionType> LISTED = List.of(
            FlightSqlUtils.FLIGHT_SQL_CREATE_PREPARED_STATEMENT,
            FlightSqlUtils.FLIGHT_SQL_CLOSE_PREPARED_STATEMENT,
            FlightSqlUtils.FLIGHT_SQL_CREATE_PREPARED_SUBSTRAIT_PLAN,
            FlightSqlUtils.FLIGHT_SQL_BEGIN_TRANSACTION,
            FlightSqlUtils.FLIGHT_SQL_END_TRANSACTION,
            FlightSqlUtils.FLIGHT_SQL_BEGIN_SAVEPOINT,
            FlightSqlUtils.FLIGHT_SQL_END_SAVEPOINT,
            FlightSqlUtils.FLIGHT_SQL_CANCEL_QUERY);

    private final PreparedStatements prepared;

    Actions(PreparedStatements prepared) {
        this.prepared = prepared;
    }

    void doAction(MockFlightSession session, Action action, StreamListener<Result> listener) {
        String type = action.getType();
        switch (type) {
            case "CreatePreparedStatement":
                listener.onNext(prepared.create(session, unpack(action, ActionCreatePreparedStatementRequest.class)));
                break;
            case "ClosePreparedStatement":
                prepared.close(session, unpack(action, ActionClosePreparedStatementRequest.class));
                break;
            case "BeginTransaction":
                unpack(action, ActionBeginTransactionRequest.class);
                listener.onNext(begin(session));
                break;
            case "EndTransaction":
                end(session, unpack(action, ActionEndTransactionRequest.class));
                break;
            case "CancelQuery":
                listener.onNext(Commands.result(ActionCancelQueryResult.newBuilder()
                        .setResult(ActionCancelQueryResult.CancelResult.CANCEL_RESULT_NOT_CANCELLABLE).build()));
                break;
            case "BeginSavepoint":
                throw FlightStatus.unimplemented("do_action_begin_savepoint has no default implementation");
            case "EndSavepoint":
                throw FlightStatus.unimplemented("do_action_end_savepoint has no default implementation");
            case "CreatePreparedSubstraitPlan":
                throw FlightStatus.unimplemented(
                        "do_action_create_prepared_substrait_plan has no default implementation");
            case "SetSessionOptions":
                listener.onNext(SessionOptionsAction.set(session, action.getBody()));
                break;
            case "CloseSession":
                listener.onNext(SessionOptionsAction.close());
                break;
            default:
                throw FlightStatus.unimplemented("Action '" + type + "' is not supported");
        }
        listener.onCompleted();
    }

    private static Result begin(MockFlightSession session) {
        execute(session, "BEGIN TRANSACTION");
        String id = RandomIds.uuid().toString();
        return Commands.result(ActionBeginTransactionResult.newBuilder()
                .setTransactionId(ByteString.copyFromUtf8(id)).build());
    }

    private static void end(MockFlightSession session, ActionEndTransactionRequest request) {
        switch (request.getAction()) {
            case END_TRANSACTION_COMMIT:
                execute(session, "COMMIT");
                break;
            case END_TRANSACTION_ROLLBACK:
                execute(session, "ROLLBACK");
                break;
            default:
                throw FlightStatus.invalidArgument("Invalid transaction action");
        }
    }

    private static void execute(MockFlightSession session, String sql) {
        try {
            session.call(connection -> DuckDbResults.run(connection, sql));
        } catch (SQLException e) {
            throw FlightStatus.internal(Statements.EXECUTE_FAILED + FlightStatus.message(e));
        }
    }

    private static <T extends com.google.protobuf.Message> T unpack(Action action, Class<T> type) {
        return Commands.unpack(Commands.parse(action.getBody()), type);
    }
}
