package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.rest.AppendRejectedException;
import org.apache.kafka.connect.errors.DataException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Writes the rows of one table through the library's batching engine ({@link Batcher}, the engine of
 * {@code appendAll}): rows are cut into batches by rows, bytes and linger, at most {@code maxInFlight} batches are
 * written at once, each batch is one {@link BatchWrite} (one request), and a failed batch is retried as the delivery
 * guarantee says. Each row is a {@link Row}, told once what became of it: {@link Row#written()} once the server
 * acknowledged its batch, {@link Row#refused} when the server refused it alone (below). A batch that fails for good
 * goes to the {@code onFailure} callback given at creation, and its rows are told nothing (they are not written).
 * No signal per row travels through Reactor: the engine's cost per row is that of {@code appendAll}.
 *
 * <p><b>Refused rows.</b> With {@code isolateRefused}, a batch the server refuses for its data (an
 * {@link AppendRejectedException} or a {@link BadRequestException}: {@code invalid-data}, {@code incompatible-schema},
 * a value that does not cast) is written again in halves, in order, each half split again when refused, until the
 * refused rows are alone; every other row of the batch is written. One bad row in a batch of {@code n} costs about
 * {@code 2 log2(n)} more requests. The halves are written within the batch's own turn, so no later batch of the table
 * is written before the refused one is settled: the order of a partition's rows on the server is kept. This relies on a
 * refused request having written nothing, as the library documents; against a server that keeps part of a refused
 * batch (the official mock does, for REST appends), the rows before the bad one are written again (at-least-once
 * allows it). Without {@code isolateRefused}, a refused batch fails like any other.
 *
 * <p><b>Threads.</b> {@link #write} is called by one thread at a time (the task's worker thread); the {@link Row}
 * callbacks and {@code onFailure} run where batches complete (a Reactor or Netty thread) and must not block. Rows wait
 * in an unbounded queue until the engine asks for them; the task bounds them by pausing its partitions.
 */
public final class TableWriter<R> implements AutoCloseable {

    /** A row to write, told once what became of it. */
    public interface Row<R> {
        /** The row, as the write path encodes it. */
        R row();

        /** Its batch was acknowledged by the server as written. */
        void written();

        /** The server refused this row alone ({@code isolateRefused} only); {@code refusal} is its answer. */
        void refused(Throwable refusal);
    }

    /** A row in the engine, with the refusal found for it while its batch was split. */
    private static final class Item<R> {
        final Row<R> row;
        /** The row's encoded size, measured once when it was written. */
        final int size;
        /** Written and read by the batch's attempt, which runs one step at a time. */
        Throwable refusal;

        Item(Row<R> row, int size) {
            this.row = row;
            this.size = size;
        }
    }

    private final BatchWrite<R> batches;
    private final ToIntFunction<? super R> sizeOf;
    private final int maxBytes;
    private final boolean isolateRefused;
    private final Sinks.Many<Item<R>> input = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable engine;

    private TableWriter(BatchWrite<R> batches, ToIntFunction<? super R> sizeOf, BatchingOptions batching,
                        RetryPolicy retry, Operation operation, boolean isolateRefused,
                        Consumer<? super Throwable> onFailure) {
        this.batches = batches;
        this.sizeOf = sizeOf;
        this.maxBytes = batching.maxBytes();
        this.isolateRefused = isolateRefused;
        BatchingOptions continuing = batching.mutate().errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build();
        this.engine = Batcher.<Item<R>, Integer>write(input.asFlux(), item -> item.size,
                        continuing, retry, operation,
                        batch -> attempt(batch.items()).thenReturn(batch.rows()))
                .subscribe(result -> {
                    if (result.error() != null) {
                        onFailure.accept(result.error());
                    }
                }, onFailure);
    }

    /**
     * A writer of batches through {@code batches}.
     *
     * @param sizeOf         the encoded size of a row in bytes, for cutting batches by bytes
     * @param operation      the operation named in errors and retries ({@code APPEND}, {@code UPSERT}, {@code INGEST})
     * @param isolateRefused whether a refused batch is split to find its refused rows (see the class documentation)
     * @param onFailure      told of each batch that failed for good (and of the engine's own failure), once
     */
    public static <R> TableWriter<R> create(BatchWrite<R> batches, ToIntFunction<? super R> sizeOf,
                                            BatchingOptions batching, RetryPolicy retry, Operation operation,
                                            boolean isolateRefused, Consumer<? super Throwable> onFailure) {
        return new TableWriter<>(batches, sizeOf, batching, retry, operation, isolateRefused, onFailure);
    }

    /**
     * Queues {@code row} for the next batch.
     *
     * @throws DataException if the row alone is larger than {@code batch.max.bytes}: it can never be written
     * @throws IllegalStateException if the writer is closed or failed
     */
    public void write(Row<R> row) {
        int size = sizeOf.applyAsInt(row.row());
        if (size > maxBytes) {
            throw new DataException("a row of " + size + " bytes is larger than batch.max.bytes (" + maxBytes + ")");
        }
        Sinks.EmitResult emitted = input.tryEmitNext(new Item<>(row, size));
        if (emitted.isFailure()) {
            throw new IllegalStateException("the table writer no longer accepts rows (" + emitted + ")");
        }
    }

    /** Stops at once: batches in flight are cancelled (one already sent may still be applied by the server). */
    @Override
    public void close() {
        input.tryEmitComplete();
        engine.dispose();
    }

    /** One attempt at a batch (the engine calls this again to retry it): its rows are settled once it is written. */
    private Mono<Void> attempt(List<Item<R>> items) {
        for (Item<R> item : items) {
            item.refusal = null; // found again by this attempt
        }
        return send(items).then(Mono.fromRunnable(() -> settle(items)));
    }

    private Mono<Void> send(List<Item<R>> items) {
        List<R> rows = new ArrayList<>(items.size());
        for (Item<R> item : items) {
            rows.add(item.row.row());
        }
        Mono<Void> written = batches.write(rows);
        return isolateRefused ? written.onErrorResume(TableWriter::isRefusal, e -> split(items, e)) : written;
    }

    /** Writes the halves of a refused batch in order; a refused single row is marked, not failed. */
    private Mono<Void> split(List<Item<R>> items, Throwable refusal) {
        if (items.size() == 1) {
            items.get(0).refusal = refusal;
            return Mono.empty();
        }
        int half = items.size() / 2;
        return Mono.defer(() -> send(items.subList(0, half)))
                .then(Mono.defer(() -> send(items.subList(half, items.size()))));
    }

    /** Tells each row of a written batch what became of it, once. */
    private static <R> void settle(List<Item<R>> items) {
        for (Item<R> item : items) {
            if (item.refusal == null) {
                item.row.written();
            } else {
                item.row.refused(item.refusal);
            }
        }
    }

    /** Whether {@code e} (or a cause of it) is the server refusing the data it was sent. */
    static boolean isRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AppendRejectedException || t instanceof BadRequestException) {
                return true;
            }
        }
        return false;
    }
}
