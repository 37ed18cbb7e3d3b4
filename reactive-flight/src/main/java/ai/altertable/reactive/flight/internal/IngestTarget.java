package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.SessionOptions;
import ai.altertable.reactive.flight.TableDefinition;
import org.apache.arrow.flight.FlightDescriptor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Map;
import java.util.function.Function;

/**
 * The table a batched ingest writes to, and the rule that makes one table definition hold across the ingest's many
 * {@code DoPut}s (one per batch): the first batch applies the definition; the others append to what it made.
 *
 * <ul>
 *   <li>When the definition may create or replace the table (every one but {@link TableDefinition#APPEND}), the first
 *       batch is written alone: the others wait for its outcome, so that two batches never race to create the table
 *       and a replace happens once, before anything is appended.</li>
 *   <li>Later batches are sent with {@code ifNotExists=FAIL, ifExists=APPEND} when the definition's own
 *       {@code ifExists} is not {@code APPEND} ({@code CREATE} would fail on the table the first batch made, and
 *       {@code REPLACE} would drop it), and are then not sent at all if the first batch failed (with
 *       {@code ErrorPolicy.CONTINUE}): appending to a table the first batch did not make would defeat the definition
 *       (a table {@code CREATE} found already there, for example). They fail with an error saying so.</li>
 *   <li>Otherwise later batches carry the definition as it is.</li>
 * </ul>
 * One per subscription of an ingest; the session's catalog, schema and transaction are read when it is made.
 */
final class IngestTarget {

    private final TableDefinition definition;
    private final FlightDescriptor first;
    private final FlightDescriptor later;
    private final boolean firstAlone;
    private final boolean laterNeedFirst;
    private final Sinks.One<BatchResult<?>> firstOutcome = Sinks.one();

    private IngestTarget(IngestOptions options, SessionState session) {
        Map<String, String> sessionOptions = session.options();
        String catalog = sessionOptions.get(SessionOptions.CATALOG);
        String schema = sessionOptions.get(SessionOptions.SCHEMA);
        byte[] transaction = session.transactionId();
        this.definition = options.definition();
        this.firstAlone = !definition.equals(TableDefinition.APPEND);
        this.laterNeedFirst = definition.ifExists() != TableDefinition.IfExists.APPEND;
        this.first = FlightSqlCommands.ingest(options, catalog, schema, transaction);
        this.later = laterNeedFirst
                ? FlightSqlCommands.ingest(options.mutate().definition(TableDefinition.APPEND).build(), catalog, schema,
                transaction)
                : first;
    }

    static IngestTarget of(IngestOptions options, SessionState session) {
        return new IngestTarget(options, session);
    }

    /**
     * Writes batch {@code index} with {@code put}, given the batch's command, once the rule above allows it.
     */
    Mono<Long> write(long index, Function<FlightDescriptor, Mono<Long>> put) {
        if (index == 0) {
            return put.apply(first);
        }
        if (!firstAlone) {
            return put.apply(later);
        }
        return firstOutcome.asMono().flatMap(outcome -> outcome.isSuccess() || !laterNeedFirst ? put.apply(later)
                : Mono.error(notSent(outcome)));
    }

    /** Tells the rule each batch's outcome (only the first one's matters). */
    void outcome(BatchResult<?> result) {
        if (result.index() == 0) {
            firstOutcome.tryEmitValue(result);
        }
    }

    private AltertableException notSent(BatchResult<?> first) {
        return new AltertableException("not sent: the first batch, which applies the table definition ("
                + definition.ifNotExists() + "/" + definition.ifExists() + "), failed, so the table is not known to be"
                + " the one it would have made", FlightErrors.context(Operation.FLIGHT_INGEST, "DoPut"), false,
                first.error());
    }
}
