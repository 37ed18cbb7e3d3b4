package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.rest.internal.RowEncoding;
import reactor.core.publisher.Mono;

/**
 * A shared, batching appender for one table, made by {@link LakehouseClient#appender}: for services where many
 * independent requests each append one row. Concurrent {@link #append} calls are coalesced into the same
 * {@code POST /append} batches; each caller's {@code Mono} completes with the response of the batch that carried its
 * row, or fails with that batch's {@link ai.altertable.reactive.core.batch.BatchFailedException}.
 *
 * <p>Bounded: when its capacity is reached, callers wait (the {@code Mono} completes later, no thread is blocked) or
 * fail with {@link CoalescingAppender.AppenderFullException}, as configured. {@link #queueDepth()} is observable;
 * {@link #flush()} waits for what was appended before it; {@link #closeGracefully()} writes what is pending and stops.
 * Delivery is at-most-once unless the batching options say otherwise. Thread-safe.
 *
 * <p>Whoever made the appender closes it, typically when the service stops: {@link #closeGracefully()}, or
 * {@link #close()}, which fails every caller not yet acknowledged. Cancelling a caller's {@code Mono} does not take its
 * row back once accepted.
 */
public final class TableAppender<T> implements AutoCloseable {

    private final CoalescingAppender<byte[], AppendResponse> appender;

    TableAppender(CoalescingAppender<byte[], AppendResponse> appender) {
        this.appender = appender;
    }

    /** Appends one row (a record, POJO, {@code Map}, {@code JsonNode} or {@link RawJson}). Encoded at once. */
    public Mono<AppendResponse> append(T row) {
        return Mono.fromCallable(() -> RowEncoding.json(row)).flatMap(appender::append);
    }

    /** Rows queued or in flight. */
    public int queueDepth() {
        return appender.queueDepth();
    }

    /** Completes when every row appended before this call has been acknowledged. */
    public Mono<Void> flush() {
        return appender.flush();
    }

    /** Stops accepting rows, writes what is pending, completes when the last batch is acknowledged. */
    public Mono<Void> closeGracefully() {
        return appender.closeGracefully();
    }

    /** Stops at once; rows not yet acknowledged fail. Prefer {@link #closeGracefully()}. */
    @Override
    public void close() {
        appender.close();
    }
}
