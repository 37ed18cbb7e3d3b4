package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.Operation;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bridge from a blocking {@link RecordBatchSource} (Arrow's {@code FlightStream}) to a {@link Flux} with real
 * backpressure.
 *
 * <p><b>Demand.</b> Every blocking {@code next()} runs on one worker of a bounded scheduler, one batch at a time, and
 * only while fewer than {@code demand + prefetch} batches have been fetched: a subscriber that requested {@code n} items
 * causes at most {@code n + prefetch} calls of {@code next()}. Each batch is converted right after it was loaded (the
 * source reuses one root), by the {@link Converter}, into an item that no longer depends on the source's root; at most
 * {@code prefetch} converted items wait for demand. Nothing is opened before the first request.
 *
 * <p><b>Cancel.</b> Cancelling cancels the gRPC call at once (from the cancelling thread, without blocking), then the
 * worker closes the source, which frees every Arrow buffer the stream held, and discards the items that were waiting.
 * Items already delivered belong to the subscriber.
 *
 * <p><b>Errors.</b> A failure of the source is mapped with {@link FlightErrors}; a failure of the converter (user code
 * in the callback variant) is delivered unchanged. Either way the source is closed first.
 */
public final class BatchStream<T> extends Flux<T> {

    /** Opens the source; runs on the worker at the first request. */
    @FunctionalInterface
    public interface Opener {
        RecordBatchSource open() throws Exception;
    }

    /**
     * Turns the batch in the source's root into an item; runs on the worker, once per batch. {@code root} has no
     * dictionary-encoded columns and is valid only during the call.
     */
    @FunctionalInterface
    public interface Converter<T> {
        T convert(VectorSchemaRoot root, RecordBatchSource source) throws Exception;
    }

    private final Scheduler scheduler;
    private final int prefetch;
    private final Opener opener;
    private final Converter<T> converter;
    private final Consumer<? super T> discard;
    private final Operation operation;
    private final ActiveStreams active;

    /**
     * @param discard releases an item that was fetched but never delivered
     * @param active  where an open stream registers how to end it when the client closes (may be null)
     */
    public BatchStream(Scheduler scheduler, int prefetch, Opener opener, Converter<T> converter,
                       Consumer<? super T> discard, Operation operation, ActiveStreams active) {
        this.scheduler = scheduler;
        this.prefetch = prefetch;
        this.opener = opener;
        this.converter = converter;
        this.discard = discard;
        this.operation = operation;
        this.active = active;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Scheduler.Worker worker;
        try {
            worker = scheduler.createWorker();
        } catch (RejectedExecutionException e) {
            Operators.error(actual, e);
            return;
        }
        actual.onSubscribe(new Drain<>(this, actual, worker));
    }

    private static final class Drain<T> implements Subscription, Runnable {
        private final BatchStream<T> parent;
        private final CoreSubscriber<? super T> actual;
        private final Scheduler.Worker worker;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile RecordBatchSource source;
        private volatile Throwable aborted;
        private Runnable unregister = () -> { };
        // worker-only state
        private final ArrayDeque<T> ready = new ArrayDeque<>();
        private long emitted;
        private boolean sourceDone;
        private boolean finished;

        Drain(BatchStream<T> parent, CoreSubscriber<? super T> actual, Scheduler.Worker worker) {
            this.parent = parent;
            this.actual = actual;
            this.worker = worker;
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndUpdate(r -> Operators.addCap(r, n));
                schedule();
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            RecordBatchSource s = source;
            if (s != null) {
                s.cancel(); // unblocks a next() in progress
            }
            schedule();
        }

        /** Ends the stream with {@code reason} (the client is closing), whatever the subscriber's demand. */
        private void abort(Throwable reason) {
            aborted = reason;
            RecordBatchSource s = source;
            if (s != null) {
                s.cancel();
            }
            schedule();
        }

        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                try {
                    worker.schedule(this);
                } catch (RejectedExecutionException e) {
                    // the client was closed: its channel is shut down, so closing the source here is quick
                    Throwable reason = aborted;
                    finish(cancelled ? null : reason != null ? reason : e);
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            for (;;) {
                if (finished) {
                    return;
                }
                if (cancelled || aborted != null) {
                    finish(cancelled ? null : aborted);
                    return;
                }
                try {
                    if (step()) {
                        continue;
                    }
                } catch (Throwable e) {
                    RecordBatchSource s = source;
                    Throwable error = aborted != null ? aborted // the failure of the cancel it caused is not news
                            : FlightErrors.map(e, parent.operation, "DoGet", s == null ? null : s.status());
                    finish(cancelled ? null : error);
                    return;
                }
                if (finished) {
                    return;
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** One round of work; {@code true} when it did something and should be called again. */
        private boolean step() throws Exception {
            if (source == null) {
                source = parent.opener.open();
                if (parent.active != null) {
                    unregister = parent.active.register(this::abort);
                }
                return true; // re-checks cancellation before the first (blocking) next()
            }
            long r = requested.get();
            while (emitted != r && !ready.isEmpty()) {
                if (cancelled) {
                    return true;
                }
                T item = ready.poll();
                emitted++;
                actual.onNext(item);
            }
            if (sourceDone && ready.isEmpty()) {
                finish(null);
                actual.onComplete();
                return false;
            }
            r = requested.get();
            long wanted = r == Long.MAX_VALUE ? Long.MAX_VALUE : r - emitted + parent.prefetch;
            if (!sourceDone && ready.size() < wanted && !cancelled) {
                if (source.next()) {
                    if (source.hasRoot()) {
                        T item = convert(source);
                        if (cancelled) {
                            parent.discard.accept(item);
                        } else {
                            ready.add(item);
                        }
                    }
                } else {
                    sourceDone = true;
                }
                return true;
            }
            return false;
        }

        private T convert(RecordBatchSource s) throws Exception {
            VectorSchemaRoot root = s.root();
            VectorSchemaRoot plain = Dictionaries.decoded(root, s.dictionaries());
            try {
                return parent.converter.convert(plain, s);
            } finally {
                if (plain != root) {
                    plain.close();
                }
            }
        }

        /** Frees everything (once) and delivers {@code error} if not null. */
        private void finish(Throwable error) {
            if (finished) {
                return;
            }
            finished = true;
            T item;
            while ((item = ready.poll()) != null) {
                parent.discard.accept(item);
            }
            RecordBatchSource s = source;
            try {
                if (s != null) {
                    s.close();
                }
            } finally {
                unregister.run();
                worker.dispose();
            }
            if (error != null) {
                actual.onError(error);
            }
        }
    }
}
