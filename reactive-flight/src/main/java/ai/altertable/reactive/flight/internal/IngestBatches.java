package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationStart;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.IngestOptions;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Bulk ingest ({@code DoPut CommandStatementIngest}) fed by the batching engine, as REST's appends are: each batch is
 * one {@code DoPut} carrying one record batch, at most {@code maxInFlight} at once, retried per batch as the delivery
 * guarantee allows, with one {@link BatchResult} per batch (its ack: the rows the server reports, for an upsert rows
 * inserted plus rows updated). Rows are cut by the engine ({@link Batcher#write}) and encoded into their batch's record
 * batch by the batch's upload; record batches an application built are written as they are, sliced only when over
 * the limits ({@link Batcher#writeEach}). {@link IngestTarget} makes the table definition hold across the batches.
 *
 * <p><b>Threads.</b> The source is subscribed on the subscribing thread, which asks for the first batches, and is then
 * requested from the delivery threads as batches complete (a row's values are taken, and its text encoded to UTF-8, where the source emits it); every
 * result and the end of the ingest are signalled on a delivery thread (on the closing thread once the client is
 * closed). Each batch's upload, its Arrow encoding included, runs on a delivery worker ({@link PutUpload}).
 *
 * <p><b>Memory.</b> A batch of rows is encoded when its {@code DoPut} is ready to start, into the upload's own
 * allocator, and freed once gRPC has written it, on success, failure or cancel ({@link UploadMemory}); the rows
 * themselves are held until the batch's outcome (a retry encodes them again). An application's record batch is held,
 * and closed exactly once, until its outcome, the end of the ingest, or a cancel; each attempt sends a share of it.
 */
public final class IngestBatches {

    private final FlightTransport transport;
    private final SessionState session;
    private final RetryPolicy retry;
    private final Scheduler delivery;

    public IngestBatches(FlightTransport transport, SessionState session) {
        this.transport = transport;
        this.session = session;
        this.retry = transport.options().retryPolicy();
        this.delivery = Schedulers.fromExecutor(transport.threads()::deliver);
    }

    /** Rows, cut by the engine and encoded with {@code encoder}. */
    public <T> Flux<BatchResult<Long>> rows(Publisher<T> rows, ArrowRowEncoder<T> encoder, IngestOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(encoder, "encoder");
        RowBatchEncoder rowEncoder = RowBatchEncoder.of(encoder.schema());
        BatchingOptions batching = options.batching();
        return onDeliveryThreads(Flux.defer(() -> {
            ArrowWrites.require(); // a JVM that cannot write Arrow fails the ingest, not each of its batches
            IngestTarget target = IngestTarget.of(options, session);
            Flux<Object[]> cells = Flux.from(rows).map(row -> rowEncoder.cells(encoder.values(row)));
            return Batcher.write(cells, rowEncoder::size, batching, retry,
                            Operation.FLIGHT_INGEST, batch -> target.write(batch.index(), descriptor -> put(descriptor,
                                    batch, batch.rows(), batch.bytes(), options, (b, allocator) ->
                                            List.of(rowEncoder.encode(b.items(), allocator)))))
                    .doOnNext(target::outcome)
                    .doOnNext(observer(options));
        }));
    }

    /** Record batches an application built, each written as it is (sliced when over the limits). */
    public Flux<BatchResult<Long>> roots(Publisher<? extends VectorSchemaRoot> roots, IngestOptions options) {
        Objects.requireNonNull(roots, "roots");
        BatchingOptions batching = options.batching();
        return onDeliveryThreads(Flux.defer(() -> {
            ArrowWrites.require();
            IngestTarget target = IngestTarget.of(options, session);
            Map<Long, IngestRoot> held = new ConcurrentHashMap<>();
            AtomicLong next = new AtomicLong();
            // hide(): never fused with the source, whose remaining items a fused concatMapIterable would pull (make)
            // just to discard them on cancel, without end for an endless source
            Flux<IngestRoot> batches = Flux.from(roots).hide()
                    .concatMapIterable(root -> RootSlices.cut(root, batching.maxRows(), batching.maxBytes()), 1)
                    .map(slice -> {
                        IngestRoot batch = new IngestRoot(slice);
                        batch.index(next.getAndIncrement());
                        held.put(batch.index(), batch);
                        return batch;
                    });
            return Batcher.writeEach(batches, IngestRoot::rows, IngestRoot::bytes, batching, retry,
                            Operation.FLIGHT_INGEST, batch -> target.write(batch.index(), descriptor -> put(descriptor,
                                    batch, batch.rows(), batch.bytes(), options,
                                    (b, allocator) -> List.of(b.share(allocator)))))
                    .doOnNext(observer(options))
                    .doOnNext(result -> {
                        target.outcome(result);
                        release(held.remove(result.index()));
                    })
                    .doFinally(signal -> held.values().forEach(IngestRoot::close))
                    .doOnDiscard(VectorSchemaRoot.class, VectorSchemaRoot::close)
                    .doOnDiscard(IngestRoot.class, IngestRoot::close);
        }));
    }

    private static void release(IngestRoot batch) {
        if (batch != null) {
            batch.close();
        }
    }

    /**
     * One attempt of one batch: a {@code DoPut} of the record batch {@code encoder} makes of it, observed when
     * observability is on.
     */
    private <B> Mono<Long> put(FlightDescriptor descriptor, B batch, int rows, long bytes, IngestOptions options,
                               PutUpload.Encoder<B> encoder) {
        ClientObservability observability = transport.options().observability();
        if (!observability.isEnabled()) {
            return put(descriptor, batch, encoder);
        }
        return Observed.mono(observability, Operation.FLIGHT_INGEST.specName(), OperationStart.FLIGHT,
                OperationStart.Kind.BATCH, options.table(), null,
                o -> put(descriptor, batch, encoder).doOnSuccess(count -> o.sent(rows, bytes)));
    }

    private <B> Mono<Long> put(FlightDescriptor descriptor, B batch, PutUpload.Encoder<B> encoder) {
        return PutUpload.run(transport, session, descriptor, Operation.FLIGHT_INGEST, Mono.just(batch), encoder,
                        b -> { }, null)
                .map(IngestBatches::recordCount);
    }

    /** Reports each batch's final result to the observability (nothing when it is off). */
    private <A> Consumer<BatchResult<A>> observer(IngestOptions options) {
        ClientObservability observability = transport.options().observability();
        if (!observability.isEnabled()) {
            return result -> { };
        }
        return result -> observability.batchCompleted(Operation.FLIGHT_INGEST.specName(), OperationStart.FLIGHT,
                options.table(), result.rows(), result.attempts(), result.error());
    }

    private static long recordCount(byte[] metadata) {
        try {
            return FlightSqlCommands.recordCount(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signals on delivery threads: one result at a time is handed over, so the engine still writes only as fast as
     * results are taken.
     */
    private Flux<BatchResult<Long>> onDeliveryThreads(Flux<BatchResult<Long>> ingest) {
        return ingest.publishOn(delivery, 1);
    }
}
