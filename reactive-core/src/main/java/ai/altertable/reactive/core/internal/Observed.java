package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * How the transports wrap an operation in a {@link ClientObservability}: the observation starts when a subscriber
 * subscribes (never at assembly), with the subscriber's context; it ends exactly once, before the terminal signal
 * reaches the subscriber (complete, error) or when the subscriber cancels. The headers the implementation writes at
 * start travel to the transport in the Reactor context under {@link #HEADERS}; callers check
 * {@link ClientObservability#isEnabled()} first and use the plain publisher when it is off.
 */
public final class Observed {

    /** The Reactor context key of the headers (a {@code Map<String, String>}) an operation's requests carry. */
    public static final String HEADERS = "ai.altertable.reactive.observe.headers";

    private Observed() {
    }

    /** {@code body} observed as one operation; {@code body} gets the observation to report progress. */
    public static <T> Flux<T> flux(ClientObservability obs, String operation, String transport,
                                   OperationStart.Kind kind, String table, String statement,
                                   Function<OperationObservation, ? extends Publisher<T>> body) {
        return observed(obs, operation, transport, kind, table, statement, body, false);
    }

    /**
     * {@link #flux} for a stream of rows, which also reports them without a call per row: the first row
     * ({@link OperationObservation#firstRow()}), then their count every 4096 rows and at the end
     * ({@link OperationObservation#received}, with 0 bytes), all in the one operator that ends the observation.
     */
    public static <T> Flux<T> rows(ClientObservability obs, String operation, String transport, String statement,
                                   Function<OperationObservation, ? extends Publisher<T>> body) {
        return observed(obs, operation, transport, OperationStart.Kind.STREAM, null, statement, body, true);
    }

    private static <T> Flux<T> observed(ClientObservability obs, String operation, String transport,
                                        OperationStart.Kind kind, String table, String statement,
                                        Function<OperationObservation, ? extends Publisher<T>> body,
                                        boolean countRows) {
        return Flux.deferContextual(cv -> {
            Map<String, String> headers = new ConcurrentHashMap<>(2);
            OperationObservation o = obs.start(new OperationStart(operation, transport, kind, table, statement, cv,
                    headers::put));
            Flux<T> inner;
            try {
                inner = Flux.from(body.apply(o));
            } catch (RuntimeException e) {
                o.error(e);
                return Flux.error(e);
            }
            if (!headers.isEmpty()) {
                Map<String, String> sent = Map.copyOf(headers);
                inner = inner.contextWrite(c -> c.put(HEADERS, sent));
            }
            return new ObservedOperator<>(inner, o, countRows);
        });
    }

    /** {@code body} observed as one operation; see {@link #flux}. */
    public static <T> Mono<T> mono(ClientObservability obs, String operation, String transport,
                                   OperationStart.Kind kind, String table, String statement,
                                   Function<OperationObservation, ? extends Mono<T>> body) {
        return flux(obs, operation, transport, kind, table, statement, body).singleOrEmpty();
    }

    /** The headers of the operation running in {@code context}, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> headers(ContextView context) {
        return context.getOrDefault(HEADERS, Map.of());
    }

    /** {@code retry}, reporting each retry it decides (not the failure it gives up on) to {@code observation}. */
    public static Retry retries(Retry retry, OperationObservation observation) {
        return new Retry() {
            @Override
            public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
                AtomicReference<Throwable> last = new AtomicReference<>();
                return Flux.from(retry.generateCompanion(signals.doOnNext(s -> last.set(s.failure()))))
                        .doOnNext(x -> observation.retried(last.get()));
            }
        };
    }
}
