package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.Operation;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bridge from a blocking {@link RecordBatchSource} (Arrow's {@code FlightStream}) to a {@link Flux} with real
 * backpressure, on two threads per subscription: a worker of the <b>io</b> scheduler (ordinary threads that may block)
 * makes every blocking call, and a worker of the <b>delivery</b> scheduler (non-blocking threads, see
 * {@link FlightThreads}) signals the subscriber. Every hand-over between them is per batch, never per row; a worker
 * that has nothing to do is simply not scheduled, so neither ever waits for the other.
 *
 * <p><b>Demand.</b> Nothing is opened before the first request. The io worker opens the source and calls its blocking
 * {@code next()} one batch at a time, and only while fewer than {@code demand + prefetch} batches have been fetched: a
 * subscriber that requested {@code n} items causes at most {@code n + prefetch} calls of {@code next()}. Buffering is
 * bounded too: at most {@code prefetch + 1} items are fetched and not yet taken by the subscriber (an item is taken when
 * its {@code onNext} returns), and at most {@code prefetch} while the subscriber requests nothing.
 *
 * <p><b>Items</b> come in two kinds ({@link Items}):
 * <ul>
 *   <li><em>detached</em>: the io worker converts each batch right after loading it (the client's own code: transfer
 *       into an owned batch, or decoding into rows) into an item that no longer depends on the source's root, and
 *       hands the item over;</li>
 *   <li><em>scoped</em>: the user's function reads the source's own root, which {@code next()} reuses, so it runs on
 *       the delivery worker while the io worker is not scheduled: {@code next()} on the io worker, the root handed
 *       over, the function and {@code onNext} on the delivery worker, the root handed back, and only then may the io
 *       worker call {@code next()} again. Prefetch is 0.</li>
 * </ul>
 *
 * <p><b>Cancel.</b> Cancelling cancels the gRPC call at once, from the cancelling thread, without blocking
 * ({@link RecordBatchSource#cancel()}: for a {@code DoGet}, its call's gRPC context is cancelled, so the client sends
 * {@code RST_STREAM(CANCEL)} and the server's handler sees its call cancelled). A {@code next()} waiting on the io
 * worker then ends with the cancellation, and the io worker closes the source (Arrow's {@code FlightStream.close()},
 * which drains what gRPC had already delivered; as soon as a scoped function running at that moment has returned the
 * root), which frees every Arrow buffer the stream held; the delivery worker discards the items that were waiting and
 * signals nothing more. Items already delivered belong to the subscriber. Closing the client ends every open stream
 * the same way, with an error.
 *
 * <p><b>Errors.</b> A failure of the source is mapped with {@link FlightErrors}; a failure of the user's function in a
 * scoped stream is delivered unchanged, and so is an exception thrown by the subscriber's own {@code onNext} (which
 * breaks the Reactive Streams rules, but must not strand a root lent for the next batch; the call is cancelled, so a
 * {@code next()} running ahead does not wait for the server). Either way the source is closed before the error is
 * delivered. Items fetched before a failure of the source are still delivered while the subscriber requests them;
 * without demand, the error is delivered at once and the waiting items are discarded. After a failure of user code, or
 * once the client is closing, no further item is delivered.
 */
public final class BatchStream<T> extends Flux<T> {

    /** Opens the source; runs on the io worker at the first request. */
    @FunctionalInterface
    public interface Opener {
        RecordBatchSource open() throws Exception;
    }

    /**
     * Turns the batch in the source's root into an item that does not refer to the root; runs on the io worker, once
     * per batch, and must not run user code. {@code root} has no dictionary-encoded columns and is valid only during
     * the call.
     */
    @FunctionalInterface
    public interface Converter<T> {
        T convert(VectorSchemaRoot root, RecordBatchSource source) throws Exception;
    }

    /** How the batches of a stream become items: see the kinds in {@link BatchStream}. */
    public static final class Items<T> {
        final Converter<T> converter;
        final Consumer<? super T> discard;
        final Function<? super VectorSchemaRoot, ? extends T> scoped;

        private Items(Converter<T> converter, Consumer<? super T> discard,
                      Function<? super VectorSchemaRoot, ? extends T> scoped) {
            this.converter = converter;
            this.discard = discard;
            this.scoped = scoped;
        }

        /**
         * Items converted on the io worker.
         *
         * @param discard releases an item that was fetched but never delivered (runs on the delivery worker)
         */
        public static <T> Items<T> detached(Converter<T> converter, Consumer<? super T> discard) {
            return new Items<>(Objects.requireNonNull(converter), Objects.requireNonNull(discard), null);
        }

        /** Items made by user code from the source's own root, on the delivery worker; no prefetch. */
        public static <T> Items<T> scoped(Function<? super VectorSchemaRoot, ? extends T> function) {
            return new Items<>(null, item -> { }, Objects.requireNonNull(function));
        }

        boolean isScoped() {
            return scoped != null;
        }
    }

    final Scheduler io;
    final Scheduler delivery;
    final int prefetch;
    final Opener opener;
    final Items<T> items;
    final Operation operation;
    final ActiveStreams active;

    /**
     * @param prefetch items fetched ahead of demand (ignored, 0, for scoped items)
     * @param active   where an open stream registers how to end it when the client closes (may be null)
     */
    public BatchStream(Scheduler io, Scheduler delivery, int prefetch, Opener opener, Items<T> items,
                       Operation operation, ActiveStreams active) {
        this.io = io;
        this.delivery = delivery;
        this.prefetch = items.isScoped() ? 0 : prefetch;
        this.opener = opener;
        this.items = items;
        this.operation = operation;
        this.active = active;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Scheduler.Worker ioWorker;
        Scheduler.Worker deliveryWorker;
        try {
            ioWorker = io.createWorker();
        } catch (RejectedExecutionException e) {
            Operators.error(actual, e);
            return;
        }
        try {
            deliveryWorker = delivery.createWorker();
        } catch (RejectedExecutionException e) {
            ioWorker.dispose();
            Operators.error(actual, e);
            return;
        }
        actual.onSubscribe(new BatchRelay<>(this, actual, ioWorker, deliveryWorker));
    }
}
