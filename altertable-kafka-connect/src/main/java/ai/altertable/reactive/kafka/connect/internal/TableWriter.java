package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.rest.AppendRejectedException;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes the rows of one table through the library's batching engine: each {@link #write} joins the current batch (cut
 * by rows, bytes and linger; at most {@code maxInFlight} batches at once; failed batches retried as the delivery
 * guarantee says), and its {@code Mono} completes once the server acknowledged that batch as written, or fails with the
 * batch's error. Each batch is one {@link BatchWrite} (one request).
 *
 * <p><b>Refused rows.</b> With {@code isolateRefused}, a batch the server refuses for its data (an
 * {@link AppendRejectedException} or a {@link BadRequestException}: {@code invalid-data}, {@code incompatible-schema},
 * a value that does not cast) is written again in halves, in order, each half split again when refused, until the
 * refused rows are alone: their {@code Mono}s fail with {@link RowRefusedException}, and every other row of the batch
 * is written and acknowledged. One bad row in a batch of {@code n} costs about {@code 2 log2(n)} more requests. The
 * halves are written within the batch's own turn, so no later batch of the table is written before the refused one is
 * settled: the order of a partition's rows on the server is kept. This relies on a refused request having written
 * nothing, as the library documents; against a server that keeps part of a refused batch (the official mock does, for
 * REST appends), the rows before the bad one are written again (at-least-once allows it). Without
 * {@code isolateRefused}, a refused batch fails every row's {@code Mono} with the batch's error.
 *
 * <p>Bounded by {@code capacity} rows queued or in flight; beyond it a write waits without holding a thread (the task
 * pauses its partitions before that happens in practice). Thread-safe.
 */
public final class TableWriter<R> implements AutoCloseable {

    /** The row alone was refused by the server (its cause is the server's refusal). */
    public static final class RowRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowRefusedException(Throwable refusal) {
            super(refusal.getMessage(), refusal, false, false);
        }
    }

    /** A row and, once the batch is settled, the refusal of that row alone. */
    private static final class Item<R> {
        final R row;
        volatile Throwable refusal;

        Item(R row) {
            this.row = row;
        }
    }

    private final BatchWrite<R> batches;
    private final boolean isolateRefused;
    private final CoalescingAppender<Item<R>, Integer> appender;

    private TableWriter(BatchWrite<R> batches, ToIntFunction<? super R> sizeOf, BatchingOptions batching,
                        RetryPolicy retry, Operation operation, int capacity, boolean isolateRefused) {
        this.batches = batches;
        this.isolateRefused = isolateRefused;
        this.appender = CoalescingAppender.create(item -> sizeOf.applyAsInt(item.row), batching, retry, operation,
                batch -> send(batch.items()).thenReturn(batch.items().size()), capacity,
                CoalescingAppender.Overflow.WAIT);
    }

    /**
     * A writer of batches through {@code batches}.
     *
     * @param sizeOf         the encoded size of a row in bytes, for cutting batches by bytes
     * @param operation      the operation named in errors and retries ({@code APPEND}, {@code UPSERT}, {@code INGEST})
     * @param capacity       rows queued or in flight at most (at least {@code batching.maxRows()})
     * @param isolateRefused whether a refused batch is split to find its refused rows (see the class documentation)
     */
    public static <R> TableWriter<R> create(BatchWrite<R> batches, ToIntFunction<? super R> sizeOf,
                                            BatchingOptions batching, RetryPolicy retry, Operation operation,
                                            int capacity, boolean isolateRefused) {
        return new TableWriter<>(batches, sizeOf, batching, retry, operation, capacity, isolateRefused);
    }

    /**
     * Joins the next batch; completes when the batch is acknowledged, fails with {@link RowRefusedException} when this
     * row alone was refused (only with {@code isolateRefused}), or with the batch's error.
     */
    public Mono<Void> write(R row) {
        Item<R> item = new Item<>(row);
        return appender.append(item).then(Mono.defer(() -> item.refusal == null ? Mono.empty()
                : Mono.error(new RowRefusedException(item.refusal))));
    }

    /** Completes when every row written before this call is settled (acknowledged, refused or failed). */
    public Mono<Void> flush() {
        return appender.flush();
    }

    /** Stops at once; rows not acknowledged fail. */
    @Override
    public void close() {
        appender.close();
    }

    private Mono<Void> send(List<Item<R>> items) {
        List<R> rows = new ArrayList<>(items.size());
        for (Item<R> item : items) {
            rows.add(item.row);
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
