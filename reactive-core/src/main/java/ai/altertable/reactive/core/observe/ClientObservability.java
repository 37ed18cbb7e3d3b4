package ai.altertable.reactive.core.observe;

import java.util.function.IntSupplier;

/**
 * What a client reports about its operations, to metrics and tracing. The REST and Flight clients call it at a few
 * points per operation, never per row: {@link #start} when a subscriber subscribes to an operation, then the returned
 * {@link OperationObservation}; {@link #batchCompleted} once per batch of a batched write; {@link #appenderGauges}
 * once per shared appender.
 *
 * <p>Implementations must be thread-safe and must not block: they are called on Reactor Netty event loops and the
 * Flight client's delivery threads. They must never see credentials, and the clients never hand them any.
 *
 * <p>{@link #none()} is the default of both clients' options.
 */
public interface ClientObservability {

    /** The implementation that records nothing; {@link #isEnabled()} is false, so the clients never call it. */
    static ClientObservability none() {
        return NoopObservability.INSTANCE;
    }

    /**
     * Whether the clients should report anything. Checked once when an operation is assembled; when false, the
     * operation runs exactly as without observability.
     */
    boolean isEnabled();

    /**
     * An operation starts (a subscriber subscribed to it). Called once per subscription, on the subscribing thread,
     * before anything is sent; the implementation may write headers through {@link OperationStart#headers()} (a W3C
     * {@code traceparent}), which the transport sends with the operation's requests.
     *
     * @return the observation of this run of the operation; ended exactly once by the transport
     */
    OperationObservation start(OperationStart start);

    /**
     * A batch of a batched write is done: written (possibly after re-sends) or failed for good.
     *
     * @param operation the write's operation name ({@code append}, {@code ingest})
     * @param transport {@code rest} or {@code flight}
     * @param table     the target table (implementations use it only when the user opted in)
     * @param rows      the rows of the batch
     * @param attempts  how many times it was sent (more than one: it was re-sent)
     * @param error     its final failure, or {@code null} if it was written
     */
    void batchCompleted(String operation, String transport, String table, int rows, int attempts, Throwable error);

    /**
     * A shared appender was created: the implementation may register gauges that read its queue depth (items queued
     * or in flight) and the callers waiting for room. The suppliers are cheap and thread-safe.
     *
     * @return what unregisters them, called when the appender is closed
     */
    AutoCloseable appenderGauges(String operation, String transport, IntSupplier queueDepth,
                                 IntSupplier waitingCallers);
}
