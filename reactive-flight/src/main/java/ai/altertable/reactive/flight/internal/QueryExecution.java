package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.NotSupportedException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.internal.IdleTimeout;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.vector.types.pojo.Schema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A Flight SQL query: {@code GetFlightInfo} for a command, then a {@code DoGet} of every endpoint, in order, on the
 * client's channel, each bridged by {@link BatchStream}.
 *
 * <ul>
 *   <li>The stream's schema is trusted for decoding; the announced schema is only a type hint.</li>
 *   <li>{@code UNAUTHENTICATED} before any item was delivered starts the session again once, and repeats the query if
 *       it is read-only; transient failures of a read-only query are retried until the first item is delivered.</li>
 *   <li>An idle timeout runs only while the subscriber waits for an item; its error, too, is delivered on a delivery
 *       thread.</li>
 *   <li>Cancelling cancels the {@code DoGet} and frees its buffers (see {@link BatchStream}), and asks the server,
 *       best effort and in the background, to cancel the query ({@code CancelFlightInfo}, or the older
 *       {@code CancelQuery} when that is not implemented).</li>
 * </ul>
 */
public final class QueryExecution {

    private static final Logger log = Loggers.getLogger(QueryExecution.class);

    private QueryExecution() {
    }

    /**
     * The items of a query.
     *
     * @param items how the batches of one subscription become items, given the announced schema (may be null)
     */
    public static <T> Flux<T> run(FlightTransport transport, SessionState session, Operation operation,
                                  FlightDescriptor descriptor, Function<Schema, BatchStream.Items<T>> items) {
        return Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            Flux<T> attempt = Flux.defer(() -> {
                String used = session.authorization();
                return once(transport, session, operation, descriptor, items)
                        .onErrorResume(e -> FlightErrors.isUnauthenticated(e) && !delivered.get(),
                                e -> transport.refresh(session, used).thenMany(operation.isIdempotent()
                                        ? once(transport, session, operation, descriptor, items)
                                        : Flux.error(e)));
            });
            Flux<T> data = transport.ready(session).thenMany(attempt
                    .doOnNext(item -> delivered.set(true))
                    .retryWhen(transport.options().retryPolicy().retry(operation, () -> !delivered.get())));
            return IdleTimeout.apply(data, transport.options().idleTimeout(), transport.threads().timer(),
                    () -> new OperationTimeoutException(OperationTimeoutException.Phase.IDLE,
                            transport.options().idleTimeout(), FlightErrors.context(operation, "DoGet"), null));
        });
    }

    private static <T> Flux<T> once(FlightTransport transport, SessionState session, Operation operation,
                                    FlightDescriptor descriptor, Function<Schema, BatchStream.Items<T>> items) {
        return transport.blocking(session, operation, "GetFlightInfo",
                        scope -> transport.client().getInfo(descriptor, transport.unaryCallOptions()), v -> { })
                .flatMapMany(info -> {
                    BatchStream.Items<T> perStream = items.apply(announced(info));
                    AtomicBoolean complete = new AtomicBoolean();
                    return Flux.fromIterable(info.getEndpoints())
                            .concatMap(endpoint -> endpoint(transport, session, operation, endpoint, perStream), 0)
                            .doOnComplete(() -> complete.set(true))
                            .doOnCancel(() -> {
                                if (!complete.get()) {
                                    cancelOnServer(transport, session, info);
                                }
                            });
                });
    }

    private static <T> Flux<T> endpoint(FlightTransport transport, SessionState session, Operation operation,
                                        FlightEndpoint endpoint, BatchStream.Items<T> items) {
        if (!endpoint.getLocations().isEmpty() && log.isDebugEnabled()) {
            log.debug("endpoint locations {} are redeemed on the client's own channel", endpoint.getLocations());
        }
        FlightThreads threads = transport.threads();
        return new BatchStream<>(threads.io(), threads.delivery(), transport.options().prefetch(),
                () -> FlightStreamSource.open(transport, session, endpoint.getTicket()), items, operation,
                transport.active());
    }

    private static Schema announced(FlightInfo info) {
        try {
            return info.getSchemaOptional().orElse(null);
        } catch (RuntimeException e) {
            return null; // an announced schema this Arrow version cannot read is no reason to fail: the stream decides
        }
    }

    /** Best effort, in the background: {@code CancelFlightInfo}, falling back to {@code CancelQuery}. */
    static void cancelOnServer(FlightTransport transport, SessionState session, FlightInfo info) {
        if (transport.isClosed()) {
            return;
        }
        transport.blocking(session, Operation.FLIGHT_CANCEL, "DoAction",
                        scope -> transport.client().cancelFlightInfo(new CancelFlightInfoRequest(info),
                                transport.unaryCallOptions()).getStatus().toString(), v -> { })
                .onErrorResume(NotSupportedException.class, e -> transport.blocking(session, Operation.FLIGHT_CANCEL,
                        "DoAction", scope -> String.valueOf(FlightSqlCommands.firstResult(transport.client().doAction(
                                FlightSqlCommands.cancelQuery(info.serialize().array()),
                                transport.unaryCallOptions())) != null), v -> { }))
                .subscribe(status -> log.debug("server-side cancel answered {}", status),
                        e -> log.debug("server-side cancel failed (best effort): {}", e.toString()));
    }
}
