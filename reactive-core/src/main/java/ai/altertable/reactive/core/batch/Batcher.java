package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.ErrorContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The batching engine shared by the REST and Flight writers: cuts a source into batches by rows, encoded bytes and
 * linger time, writes them with at most {@code maxInFlight} batches at once, and reports one {@link BatchResult} per
 * batch, in source order.
 *
 * <p><b>Demand.</b> The source is requested only as fast as batches are written: items are requested {@code maxRows}
 * at a time, and only while no cut batch waits for the writer, so memory holds a bounded number of items whatever the
 * source's rate: the {@code maxInFlight} batches being written, one being filled and at most two cut ones waiting.
 *
 * <p><b>Batch sizes</b> are deterministic: a batch closes when it holds {@code maxRows} items, when the next item
 * would take it past {@code maxBytes}, when {@code linger} has passed since its first item (zero: no timer), or at the
 * end of the source; never because of when the writer's demand arrives. An item larger than {@code maxBytes} alone is
 * a batch of its own, which fails with a {@link SerializationException} without being sent. Rows are never lost,
 * reordered or duplicated by the cutting.
 *
 * <p><b>Retries</b> are per batch, never by resubscribing the source: a failed batch is repeated as the
 * {@link RetryPolicy} and the options' {@link DeliveryGuarantee} allow (at-most-once by default: not after the batch
 * may have reached the server). A batch that fails for good stops the write ({@code FAIL_FAST}, with a
 * {@link BatchFailedException}) or is reported and skipped ({@code CONTINUE}).
 *
 * <p><b>Cancel.</b> Cancelling the result stream cancels the source and the writes in flight; what a cancelled write
 * did on the server is up to the writer (an HTTP request already sent may still be applied).
 */
public final class Batcher {

    private Batcher() {
    }

    /**
     * Writes {@code source} in batches.
     *
     * @param sizeOf    the encoded size of an item in bytes (an item larger than {@code maxBytes} fails its batch)
     * @param operation the write's operation, for the retry classifier
     * @param writer    writes one batch; called once per attempt
     */
    public static <T, A> Flux<BatchResult<A>> write(Publisher<T> source, ToIntFunction<? super T> sizeOf,
                                                    BatchingOptions options, RetryPolicy retry, Operation operation,
                                                    Function<? super Batch<T>, ? extends Mono<A>> writer) {
        return Flux.defer(() -> {
            AtomicLong nextBatch = new AtomicLong();
            AtomicLong nextRow = new AtomicLong();
            return new BatchCutter<T>(source, sizeOf, options.maxRows(), options.maxBytes(), options.linger(),
                    Schedulers.parallel())
                    .map(part -> toBatch(part, nextBatch, nextRow))
                    .flatMapSequential(b -> writeOne(b.index(), b.firstRow(), b.rows(), b.bytes(),
                            () -> writer.apply(b), options, retry, operation), options.maxInFlight(), 1);
        });
    }

    /**
     * Writes batches the caller has cut itself (for example Arrow record batches an application built), with the
     * same in-flight bound, per-batch retries, error policy and results as {@link #write}: one writer call per
     * attempt, at most {@code maxInFlight} batches at once, results in order. The batches are neither cut nor merged
     * here, so of the cutting options only {@code maxBytes} applies: a batch larger than it fails with a
     * {@link SerializationException} without being sent; {@code maxRows} and {@code linger} are the caller's to keep.
     * The source is requested {@code maxInFlight} batches at a time, as batches complete. A batch stays the caller's
     * (the writer may be called for it again, to retry): release what it holds once its result is out or the write
     * has ended.
     *
     * @param rowsOf  the rows of a batch, for its result
     * @param bytesOf the size of a batch in bytes, for its result and the {@code maxBytes} check
     * @param writer  writes one batch; called once per attempt
     */
    public static <B, A> Flux<BatchResult<A>> writeEach(Publisher<B> batches, ToIntFunction<? super B> rowsOf,
                                                        ToLongFunction<? super B> bytesOf, BatchingOptions options,
                                                        RetryPolicy retry, Operation operation,
                                                        Function<? super B, ? extends Mono<A>> writer) {
        return Flux.defer(() -> {
            AtomicLong nextBatch = new AtomicLong();
            AtomicLong nextRow = new AtomicLong();
            return Flux.from(batches).flatMapSequential(b -> {
                int rows = rowsOf.applyAsInt(b);
                return writeOne(nextBatch.getAndIncrement(), nextRow.getAndAdd(rows), rows, bytesOf.applyAsLong(b),
                        () -> writer.apply(b), options, retry, operation);
            }, options.maxInFlight(), 1);
        });
    }

    /** Totals of a write; with {@code FAIL_FAST} a failure errors this {@code Mono} instead. */
    public static Mono<BatchSummary> summarize(Flux<? extends BatchResult<?>> results) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return results.reduce(new SummaryBuilder(), SummaryBuilder::add).map(b -> b.build(start));
        });
    }

    private static <T> Batch<T> toBatch(BatchCutter.Part<T> part, AtomicLong nextBatch, AtomicLong nextRow) {
        int rows = part.items().size();
        return new Batch<>(nextBatch.getAndIncrement(), nextRow.getAndAdd(rows), part.items(), part.bytes());
    }

    private static <A> Mono<BatchResult<A>> writeOne(long index, long firstRow, int rows, long bytes,
                                                    Supplier<? extends Mono<A>> attempt, BatchingOptions o,
                                                    RetryPolicy retry, Operation op) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            AtomicInteger sent = new AtomicInteger();
            Mono<A> attempts = bytes > o.maxBytes()
                    ? Mono.error(new SerializationException("an item encodes to " + bytes
                    + " bytes, more than maxBytes (" + o.maxBytes() + "); it cannot be sent", ErrorContext.none()))
                    : Mono.defer(() -> {
                        sent.incrementAndGet();
                        return attempt.get();
                    }).retryWhen(retry.retry(op, o.deliveryGuarantee() == DeliveryGuarantee.AT_LEAST_ONCE));
            return attempts
                    .map(java.util.Optional::of)
                    .defaultIfEmpty(java.util.Optional.empty())
                    .map(ack -> new BatchResult<A>(index, firstRow, rows, bytes, ack.orElse(null), since(start), null,
                            sent.get()))
                    .onErrorResume(e -> o.errorPolicy() == BatchingOptions.ErrorPolicy.CONTINUE
                            ? Mono.just(new BatchResult<>(index, firstRow, rows, bytes, null, since(start), e,
                            sent.get()))
                            : Mono.error(new BatchFailedException(index, firstRow, rows, sent.get(), e)));
        });
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(Math.max(1, System.nanoTime() - startNanos));
    }

    /** Accumulates a {@link BatchSummary}; used by one subscriber. */
    private static final class SummaryBuilder {
        long batches;
        long rows;
        long bytes;
        long failedBatches;
        long failedRows;
        long resentBatches;
        final List<BatchResult<?>> failures = new ArrayList<>();

        SummaryBuilder add(BatchResult<?> r) {
            batches++;
            if (r.resent()) {
                resentBatches++;
            }
            if (r.isSuccess()) {
                rows += r.rows();
                bytes += r.bytes();
            } else {
                failedBatches++;
                failedRows += r.rows();
                if (failures.size() < BatchSummary.MAX_FAILURES_KEPT) {
                    failures.add(r);
                }
            }
            return this;
        }

        BatchSummary build(long startNanos) {
            return new BatchSummary(batches, rows, bytes, failedBatches, failedRows,
                    Duration.ofNanos(System.nanoTime() - startNanos).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    failures, resentBatches);
        }
    }

}
