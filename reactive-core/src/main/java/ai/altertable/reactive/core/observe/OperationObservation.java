package ai.altertable.reactive.core.observe;

/**
 * One run of one operation, from subscription to its outcome. The transport calls the progress methods as data moves
 * (in aggregated counts: per network chunk or Arrow batch, never per row) and then exactly one of {@link #success()},
 * {@link #error(Throwable)} or {@link #cancelled()}; implementations still ignore any end after the first.
 *
 * <p>Calls may come from different threads, one at a time (Reactive Streams signals are serial); they must not block.
 */
public interface OperationObservation {

    /** The observation that records nothing (what a disabled {@link ClientObservability} stands for). */
    OperationObservation NONE = NoopObservability.INSTANCE;

    /** The first row (or first batch) of a stream reached the subscriber's side of the client. */
    void firstRow();

    /** {@code rows} rows and {@code bytes} bytes were received (either may be 0 when unknown). */
    void received(long rows, long bytes);

    /** {@code rows} rows and {@code bytes} bytes were sent (either may be 0 when unknown). */
    void sent(long rows, long bytes);

    /**
     * A high-cardinality attribute for tracing (never a metric tag): {@code query.id}, {@code request.id}, and the
     * like. Never SQL text or credentials.
     */
    void attribute(String key, String value);

    /** The operation will be tried again after {@code cause}. */
    void retried(Throwable cause);

    /** The client asked the server to cancel the operation (after the subscriber cancelled). */
    void cancelSent();

    /** The operation completed. */
    void success();

    /** The operation failed with {@code error}. */
    void error(Throwable error);

    /** The subscriber cancelled the operation: an outcome of its own, not an error. */
    void cancelled();
}
