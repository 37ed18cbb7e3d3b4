package ai.altertable.reactive.mock.internal.lakehouse;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A cold response body produced by blocking work in <b>turns</b> on the database threads: each turn runs one bounded
 * {@linkplain Slice slice} (at most one item) and, when the subscriber still wants more, queues the next turn at the back
 * of the executor's queue instead of looping. Work that arrived meanwhile (a {@code SELECT 1}, an append, another
 * stream's turn) therefore runs between two slices of a long stream: no stream holds a database thread while others
 * wait, however fast its reader is. Like {@link Flux#generate}, a slice runs only while there is demand, so a reader that
 * stops reading stops the work.
 *
 * <p>Turns of one stream never overlap (one at a time, each after the previous one ended), so its state, such as a JDBC
 * connection and result set, is used by one thread at a time. The state is created in the first turn and cleaned up
 * exactly once in a turn after the end: after completion, an error, or a cancel (a cancel that arrives during a turn is
 * acted on when that turn ends; nothing is interrupted here). If the executor refuses a turn (the mock is closing), the
 * stream fails with that refusal and its state is cleaned up on the calling thread.
 *
 * @param <S> the state of one subscription
 * @param <T> the items
 */
final class SlicedStream<S, T> extends Flux<T> {

    /** One slice of work: emits at most one item, or completes, or neither (another turn follows while there is demand). */
    @FunctionalInterface
    interface Slice<S, T> {
        void run(S state, Sink<T> sink) throws Exception;
    }

    /** What a slice can signal. */
    interface Sink<T> {
        /** Emits the slice's item; at most once per slice. */
        void next(T item);

        /** Ends the stream after this slice. */
        void complete();
    }

    private final Executor executor;
    private final Callable<S> init;
    private final Slice<S, T> slice;
    private final Consumer<S> cleanup;

    private SlicedStream(Executor executor, Callable<S> init, Slice<S, T> slice, Consumer<S> cleanup) {
        this.executor = executor;
        this.init = init;
        this.slice = slice;
        this.cleanup = cleanup;
    }

    /**
     * A stream whose state comes from {@code init} (run in the first turn), whose turns each run {@code slice} once, and
     * whose state is given to {@code cleanup} once at the end. Every call runs on {@code executor}.
     */
    static <S, T> Flux<T> create(Executor executor, Callable<S> init, Slice<S, T> slice, Consumer<S> cleanup) {
        return new SlicedStream<>(executor, init, slice, cleanup);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        actual.onSubscribe(new Turns(actual));
    }

    private final class Turns implements Subscription, Runnable, Sink<T> {
        private final CoreSubscriber<? super T> actual;
        private final AtomicLong requested = new AtomicLong();
        /** Signals not yet seen by a turn; a turn is queued or running while it is above 0. */
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;

        // confined to the turns
        private S state;
        private boolean started;
        private boolean terminated;
        private T item;
        private boolean completed;

        Turns(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndUpdate(r -> Operators.addCap(r, n));
                signal();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            signal();
        }

        private void signal() {
            if (wip.getAndIncrement() == 0) {
                queueTurn();
            }
        }

        private void queueTurn() {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                refused(e);
            }
        }

        /** One turn: at most one slice, then the next turn goes to the back of the queue if there is more to do. */
        @Override
        public void run() {
            int seen = wip.get();
            step();
            if (terminated) {
                return; // wip stays above 0: no turn is ever queued again
            }
            if (requested.get() > 0 && !cancelled) {
                wip.addAndGet(1 - seen); // keep the turn (wip stays at 1 or more), the signals seen are handled
                queueTurn(); // more wanted: the next slice waits behind whatever is queued now
                return;
            }
            if (wip.addAndGet(-seen) != 0) {
                queueTurn(); // a request or cancel arrived during this turn
            }
        }

        private void step() {
            if (cancelled) {
                terminate();
                return;
            }
            if (requested.get() == 0) {
                return;
            }
            try {
                if (!started) {
                    started = true;
                    state = init.call();
                }
                slice.run(state, this);
            } catch (Throwable t) {
                item = null;
                terminate();
                actual.onError(t);
                return;
            }
            T out = item;
            item = null;
            if (out != null && !cancelled) {
                requested.getAndUpdate(r -> r == Long.MAX_VALUE ? r : r - 1);
                actual.onNext(out);
            }
            if (completed) {
                terminate();
                if (!cancelled) {
                    actual.onComplete();
                }
            }
        }

        /** Ends the turns; the state is cleaned up once, on this thread. */
        private void terminate() {
            terminated = true;
            if (state != null) {
                S s = state;
                state = null;
                cleanup.accept(s);
            }
        }

        private void refused(RejectedExecutionException e) {
            // nothing runs any more on the database threads: end here, once (wip keeps other callers out)
            if (!terminated) {
                terminate();
                if (!cancelled) {
                    actual.onError(e);
                }
            }
        }

        @Override
        public void next(T value) {
            if (item != null) {
                throw new IllegalStateException("a slice emits at most one item");
            }
            item = value;
        }

        @Override
        public void complete() {
            completed = true;
        }
    }
}
