package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.NotSupportedException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.internal.IdleTimeout;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import ai.altertable.reactive.flight.ArrowBatch;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.vector.types.pojo.Schema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.retry.Retry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
        ClientObservability observability = transport.options().observability();
        if (!observability.isEnabled()) {
            return run(transport, session, operation, descriptor, items, OperationObservation.NONE);
        }
        return Observed.flux(observability, operation.specName(), OperationStart.FLIGHT, OperationStart.Kind.STREAM,
                null, null, o -> run(transport, session, operation, descriptor, items, o).doOnNext(new Consumer<T>() {
                    private boolean first = true;

                    @Override
                    public void accept(T item) { // an item is a batch (its rows as a list, or an Arrow batch)
                        if (first) {
                            first = false;
                            o.firstRow();
                        }
                        if (item instanceof ArrowBatch) {
                            o.received(((ArrowBatch) item).rowCount(), ((ArrowBatch) item).sizeInBytes());
                        } else if (item instanceof List) {
                            o.received(((List<?>) item).size(), 0);
                        }
                    }
                }));
    }

    private static <T> Flux<T> run(FlightTransport transport, SessionState session, Operation operation,
                                   FlightDescriptor descriptor, Function<Schema, BatchStream.Items<T>> items,
                                   OperationObservation o) {
        return Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            Flux<T> attempt = Flux.defer(() -> {
                String used = session.authorization();
                return once(transport, session, operation, descriptor, items, o)
                        .onErrorResume(e -> FlightErrors.isUnauthenticated(e) && !delivered.get(),
                                e -> transport.refresh(session, used).thenMany(operation.isIdempotent()
                                        ? once(transport, session, operation, descriptor, items, o)
                                        : Flux.error(e)));
            });
            Flux<T> data = transport.ready(session).thenMany(attempt
                    .doOnNext(item -> delivered.set(true))
                    .retryWhen(observed(transport.options().retryPolicy().retry(operation, () -> !delivered.get()),
                            o)));
            return IdleTimeout.apply(data, transport.options().idleTimeout(), transport.threads().timer(),
                    () -> new OperationTimeoutException(OperationTimeoutException.Phase.IDLE,
                            transport.options().idleTimeout(), FlightErrors.context(operation, "DoGet"), null));
        });
    }

    private static Retry observed(Retry retry, OperationObservation o) {
        return o == OperationObservation.NONE ? retry : Observed.retries(retry, o);
    }

    private static <T> Flux<T> once(FlightTransport transport, SessionState session, Operation operation,
                                    FlightDescriptor descriptor, Function<Schema, BatchStream.Items<T>> items,
                                    OperationObservation o) {
        return Flux.deferContextual(cv -> once(transport, session, operation, descriptor, items, o,
                Observed.headers(cv)));
    }

    private static <T> Flux<T> once(FlightTransport transport, SessionState session, Operation operation,
                                    FlightDescriptor descriptor, Function<Schema, BatchStream.Items<T>> items,
                                    OperationObservation o, Map<String, String> headers) {
        return transport.blocking(session, operation, "GetFlightInfo",
                        scope -> transport.client().getInfo(descriptor, transport.unaryCallOptions()), v -> { })
                .flatMapMany(info -> {
                    BatchStream.Items<T> perStream = items.apply(announced(info));
                    AtomicBoolean complete = new AtomicBoolean();
                    return Flux.fromIterable(info.getEndpoints())
                            .concatMap(endpoint -> endpoint(transport, session, operation, endpoint, perStream,
                                    headers), 0)
                            .doOnComplete(() -> complete.set(true))
                            .doOnCancel(() -> {
                                if (!complete.get()) {
                                    o.cancelSent();
                                    cancelOnServer(transport, session, info);
                                }
                            });
                });
    }

    private static <T> Flux<T> endpoint(FlightTransport transport, SessionState session, Operation operation,
                                        FlightEndpoint endpoint, BatchStream.Items<T> items,
                                        Map<String, String> headers) {
        if (!endpoint.getLocations().isEmpty() && log.isDebugEnabled()) {
            log.debug("endpoint locations {} are redeemed on the client's own channel", endpoint.getLocations());
        }
        FlightThreads threads = transport.threads();
        return new BatchStream<>(threads.io(), threads.delivery(), transport.options().prefetch(),
                () -> FlightStreamSource.open(transport, session, endpoint.getTicket(), headers), items, operation,
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
