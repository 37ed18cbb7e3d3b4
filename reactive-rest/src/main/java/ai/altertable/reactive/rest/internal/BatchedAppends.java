package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.Batch;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationStart;
import ai.altertable.reactive.rest.AppendRejectedException;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.function.Function;

/**
 * {@code POST /append} fed by the batching engine: items are encoded to JSON once ({@link RowEncoder}), cut into batches
 * by rows, bytes and linger, and each batch is one request whose body is the JSON array of its items
 * ({@link AppendBodies}). A response with {@code ok: false}
 * fails its batch with {@link AppendRejectedException}. Retries follow the batching options' delivery guarantee.
 */
public final class BatchedAppends {

    private final Transport transport;
    private final RetryPolicy retry;
    private final ClientObservability observability;

    public BatchedAppends(Transport transport, RetryPolicy retry, ClientObservability observability) {
        this.transport = transport;
        this.retry = retry;
        this.observability = observability;
    }

    /** One batched write of {@code rows}; see {@link Batcher#write}. */
    public Flux<BatchResult<AppendResponse>> appendAll(AppendOptions options, Publisher<?> rows,
                                                       BatchingOptions batching) {
        return Flux.defer(() -> {
            RowEncoder encoder = new RowEncoder(); // one per write: rows are encoded in source order, once
            Flux<Object> encoded = Flux.from(rows).map(encoder::encode);
            Flux<BatchResult<AppendResponse>> results = Batcher.write(encoded, AppendBodies::size, batching, retry,
                    Operation.APPEND, writer(options));
            if (!observability.isEnabled()) {
                return results;
            }
            String table = options.table().toString();
            return results.doOnNext(r -> observability.batchCompleted(Operation.APPEND.specName(), OperationStart.REST,
                    table, r.rows(), r.attempts(), r.error()));
        });
    }

    /** A shared appender of encoded rows whose batches go to {@code options}' table. */
    public CoalescingAppender<byte[], AppendResponse> appender(AppendOptions options, BatchingOptions batching,
                                                              int capacity, CoalescingAppender.Overflow overflow) {
        CoalescingAppender<byte[], AppendResponse> appender = CoalescingAppender.create(AppendBodies::size, batching,
                retry, Operation.APPEND, writer(options), capacity, overflow);
        if (observability.isEnabled()) {
            AutoCloseable gauges = observability.appenderGauges(Operation.APPEND.specName(), OperationStart.REST,
                    appender::queueDepth, appender::waitingCallers);
            appender.onClose(gauges);
            String table = options.table().toString();
            // once per batch, with its final outcome: written, failed for good, how many times it was sent
            appender.onBatchCompleted(r -> observability.batchCompleted(Operation.APPEND.specName(),
                    OperationStart.REST, table, r.rows(), r.attempts(), r.error()));
        }
        return appender;
    }

    /**
     * One {@code POST /append} of {@code body} (a model, or JSON already encoded as bytes) to {@code options}' table,
     * sent once per subscription. An answer with {@code ok: false} is a refusal and fails with
     * {@link AppendRejectedException}: the single {@code append} and every batch go through here, so no caller ever
     * receives a refusal as a value.
     */
    public Mono<AppendResponse> post(AppendOptions options, Object body) {
        String uri = Transport.uri("/append", options.queryParameters());
        return transport.json(Operation.APPEND, HttpMethod.POST, uri, body, AppendResponse.class, false)
                .flatMap(r -> r.ok() ? Mono.just(r) : Mono.error(new AppendRejectedException(r,
                        ErrorContext.builder().operation(Operation.APPEND.specName()).method(HttpMethod.POST.name())
                                .path(uri).build())));
    }

    /** Each attempt writes the batch's body anew, from its encoded rows, straight into the buffer sent. */
    private <T> Function<Batch<T>, Mono<AppendResponse>> writer(AppendOptions options) {
        if (observability.isEnabled()) {
            String table = options.table().toString();
            return batch -> Observed.mono(observability, Operation.APPEND.specName(), OperationStart.REST,
                    OperationStart.Kind.BATCH, table, null, o -> post(options, (Transport.RequestBody) alloc ->
                            AppendBodies.body(batch.items(), batch.bytes(), alloc))
                            .doOnSuccess(r -> o.sent(batch.rows(), batch.bytes())));
        }
        return batch -> post(options, (Transport.RequestBody) alloc ->
                AppendBodies.body(batch.items(), batch.bytes(), alloc));
    }

}
