package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.flight.internal.FlightSqlCommands;
import ai.altertable.reactive.flight.internal.FlightTransport;
import ai.altertable.reactive.flight.internal.SessionState;
import org.apache.arrow.flight.sql.impl.FlightSql;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * A transaction on a session of its own: {@code BeginTransaction} when the scope starts, {@code EndTransaction} commit
 * or rollback when it ends. Every command sent through it carries the transaction id (the Altertable server scopes the
 * transaction to the whole session anyway, which is why it gets its own).
 */
final class TransactionOperations extends SessionOperations implements FlightTransaction {

    private static final Logger log = Loggers.getLogger(TransactionOperations.class);

    private TransactionOperations(FlightTransport transport, SessionState session) {
        super(transport, session);
    }

    /** Starts a new session and begins a transaction on it. */
    static Mono<TransactionOperations> begin(FlightTransport transport) {
        return Mono.defer(() -> {
            SessionState session = transport.newSession("transaction");
            return transport.unary(session, Operation.FLIGHT_TRANSACTION, "DoAction", scope -> {
                FlightSql.ActionBeginTransactionResult result = FlightSqlCommands.unpack(
                        FlightSqlCommands.firstResult(transport.client().doAction(FlightSqlCommands.beginTransaction(),
                                transport.unaryCallOptions())),
                        FlightSql.ActionBeginTransactionResult.class);
                session.transactionId(result.getTransactionId().toByteArray());
                return new TransactionOperations(transport, session);
            }, late -> late.rollback().subscribe());
        });
    }

    @Override
    public byte[] transactionId() {
        return session.transactionId().clone();
    }

    Mono<Void> commit() {
        return end(true);
    }

    /** Rolls back; failures (for example "no transaction is active" after a failed commit) are logged, not delivered. */
    Mono<Void> rollback() {
        return end(false).onErrorResume(e -> {
            log.debug("rollback failed (ignored): {}", e.toString());
            return Mono.empty();
        });
    }

    private Mono<Void> end(boolean commit) {
        return transport.unary(session, Operation.FLIGHT_TRANSACTION, "DoAction", scope -> {
            FlightSqlCommands.firstResult(transport.client().doAction(
                    FlightSqlCommands.endTransaction(session.transactionId(), commit), transport.unaryCallOptions()));
            return Boolean.TRUE;
        }).then();
    }
}
