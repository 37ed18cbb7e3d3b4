package ai.altertable.reactive.core.batch;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.ToIntFunction;

/**
 * Cuts a source into batches by rows, encoded bytes and linger, deterministically: a batch closes when it holds
 * {@code maxRows} items, when the next item would take it past {@code maxBytes}, when {@code linger} has passed since
 * its first item, or when the source ends; never because of when demand arrives. (Reactor's size-or-time buffering
 * operator, with fair backpressure, closes a batch early when demand arrives while it fills on another thread.)
 *
 * <p><b>Demand.</b> Items are requested from the source {@code maxRows} at a time, and only while no closed batch is
 * waiting for downstream demand, so at most one batch being filled and two closed ones (one cut by rows or bytes, one
 * by the linger timer) are held here, whatever the source's rate.
 *
 * <p><b>Sources that can be pulled.</b> A source Reactor can hand over item by item on request (synchronous fusion:
 * {@code Flux.fromIterable}, {@code range}, {@code fromArray}, {@code fromStream} and {@code map}s of them) is pulled
 * instead, one batch at a time under the same rule, without a signal or a lock per item. Such a source has every item
 * at hand, so no batch ever waits for one: its batches close by rows, bytes or the end of the source, and the linger
 * timer is not used.
 *
 * <p>{@code sizeOf} is called once per item, on the thread that delivers (or pulls) it. An item larger than
 * {@code maxBytes} is a batch of its own (the writer refuses it). A source error is delivered at once; the items held
 * are discarded (as Reactor's discard hook sees them), as on cancel.
 */
final class BatchCutter<T> extends Flux<BatchCutter.Part<T>> {

    /** A batch cut from the source: its items, in order (an unmodifiable list), and their encoded size. */
    record Part<T>(List<T> items, long bytes) {
    }

    /** Batches are allocated at {@code maxRows} up to this many rows; larger ones grow as they fill. */
    private static final int PRESIZE_LIMIT = 65_536;

    private final Publisher<? extends T> source;
    private final ToIntFunction<? super T> sizeOf;
    private final int maxRows;
    private final int maxBytes;
    private final Duration linger;
    private final Scheduler timer;

    BatchCutter(Publisher<? extends T> source, ToIntFunction<? super T> sizeOf, int maxRows, int maxBytes,
                Duration linger, Scheduler timer) {
        this.source = Objects.requireNonNull(source, "source");
        this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.linger = Objects.requireNonNull(linger, "linger");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public void subscribe(CoreSubscriber<? super Part<T>> actual) {
        source.subscribe(new Cutting<>(actual, this));
    }

    /**
     * The subscriber to the source and the subscription of the downstream. The batch being filled and the closed
     * batches are guarded by {@code this}; delivery downstream runs in a serialized drain loop, outside the lock. A
     * pulled source is pulled inside that loop, which is then the only one to touch the batch being filled.
     */
    private static final class Cutting<T> implements CoreSubscriber<T>, Subscription {

        private final CoreSubscriber<? super Part<T>> actual;
        private final ToIntFunction<? super T> sizeOf;
        private final int maxRows;
        private final int maxBytes;
        private final long lingerNanos;
        private final Scheduler timer;
        private volatile long requested;
        private final AtomicInteger wip = new AtomicInteger();

        private Subscription upstream;
        /** The source, when it is pulled (synchronous fusion); {@code null} when it pushes. */
        private Fuseable.QueueSubscription<T> pulled;
        private volatile boolean done;
        private Throwable error;
        private volatile boolean cancelled;

        // guarded by this (or only touched by the drain loop, for a pulled source)
        private Object[] current;
        private int count;
        private long currentBytes;
        private long generation;
        private Disposable lingerTask;
        private final ArrayDeque<Part<T>> ready = new ArrayDeque<>(2);
        private long outstanding;

        Cutting(CoreSubscriber<? super Part<T>> actual, BatchCutter<T> parent) {
            this.actual = actual;
            this.sizeOf = parent.sizeOf;
            this.maxRows = parent.maxRows;
            this.maxBytes = parent.maxBytes;
            this.lingerNanos = parent.linger.toNanos();
            this.timer = parent.timer;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                if (s instanceof Fuseable.QueueSubscription) {
                    Fuseable.QueueSubscription<T> qs = (Fuseable.QueueSubscription<T>) s;
                    if (qs.requestFusion(Fuseable.SYNC) == Fuseable.SYNC) {
                        pulled = qs;
                    }
                }
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T item) {
            if (done) {
                Operators.onNextDropped(item, actual.currentContext());
                return;
            }
            int size;
            try {
                size = sizeOf.applyAsInt(item);
            } catch (Throwable e) {
                Operators.onDiscard(item, actual.currentContext());
                upstream.cancel();
                onError(e);
                return;
            }
            boolean signal;
            synchronized (this) {
                outstanding--;
                add(item, size);
                signal = !ready.isEmpty() || outstanding <= 0;
            }
            if (signal) {
                drain();
            }
        }

        /**
         * Adds an item to the batch being filled, closing batches as the limits say. Holds the lock, or runs in the
         * drain loop of a pulled source.
         *
         * @return whether a batch was closed
         */
        private boolean add(T item, int size) {
            boolean closed = false;
            if (current != null && (size > maxBytes || currentBytes + size > maxBytes)) {
                close();
                closed = true;
            }
            if (current == null) {
                open();
            } else if (count == current.length) {
                current = Arrays.copyOf(current, (int) Math.min(maxRows, 2L * count));
            }
            current[count++] = item;
            currentBytes += size;
            if (count >= maxRows || size > maxBytes) {
                close();
                closed = true;
            }
            return closed;
        }

        /** Starts a batch, and its linger timer (for a source that pushes). */
        private void open() {
            current = new Object[Math.min(maxRows, PRESIZE_LIMIT)];
            count = 0;
            currentBytes = 0;
            if (lingerNanos > 0 && pulled == null) {
                long batch = generation;
                lingerTask = timer.schedule(() -> lingered(batch), lingerNanos, TimeUnit.NANOSECONDS);
            }
        }

        /** Moves the batch being filled to the closed ones. */
        private void close() {
            ready.add(new Part<>(new CutItems<>(current, count), currentBytes));
            current = null;
            count = 0;
            currentBytes = 0;
            generation++;
            if (lingerTask != null) {
                lingerTask.dispose();
                lingerTask = null;
            }
        }

        private void lingered(long batch) {
            boolean closed = false;
            synchronized (this) {
                if (batch == generation && current != null) {
                    lingerTask = null; // it is running: nothing to dispose
                    close();
                    closed = true;
                }
            }
            if (closed) {
                drain();
            }
        }

        /**
         * Pulls items from a pulled source into the batch being filled until a batch closes or the source ends (or
         * fails). Runs in the drain loop only.
         */
        private void pull() {
            Fuseable.QueueSubscription<T> qs = pulled;
            for (;;) {
                T item;
                try {
                    item = qs.poll();
                } catch (Throwable e) {
                    error = Operators.onOperatorError(qs, e, actual.currentContext());
                    done = true;
                    return;
                }
                if (item == null) {
                    done = true; // a synchronous source is at its end when it has nothing to give
                    return;
                }
                int size;
                try {
                    size = sizeOf.applyAsInt(item);
                } catch (Throwable e) {
                    Operators.onDiscard(item, actual.currentContext());
                    qs.cancel();
                    error = e;
                    done = true;
                    return;
                }
                if (add(item, size) || cancelled) { // no lock: only this loop touches a pulled source's batches
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            error = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(REQUESTED_UPDATER, this, n);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            upstream.cancel();
            drain();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            for (;;) {
                if (cancelled) {
                    discardAll();
                    return;
                }
                if (pulled != null && !done && readyIsEmpty()) {
                    pull();
                    if (cancelled) {
                        discardAll();
                        return;
                    }
                }
                boolean ended = done;
                if (ended && error != null) {
                    discardAll();
                    actual.onError(error);
                    return;
                }
                if (ended) {
                    synchronized (this) {
                        if (current != null) {
                            close(); // the end of the source closes the partial batch
                        }
                    }
                }
                long r = requested;
                long emitted = 0;
                while (emitted != r) {
                    Part<T> p;
                    synchronized (this) {
                        p = ready.poll();
                    }
                    if (p == null) {
                        break;
                    }
                    actual.onNext(p);
                    emitted++;
                    if (cancelled) {
                        discardAll();
                        return;
                    }
                }
                if (emitted > 0) {
                    Operators.produced(REQUESTED_UPDATER, this, emitted);
                }
                if (ended) {
                    if (readyIsEmpty()) {
                        actual.onComplete();
                        return;
                    }
                } else if (pulled != null) {
                    if (readyIsEmpty()) {
                        continue; // pull the next batch (delivered if there is demand, else kept ready)
                    }
                } else {
                    requestMore();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private boolean readyIsEmpty() {
            synchronized (this) {
                return ready.isEmpty();
            }
        }

        /** Asks a pushing source for the rest of a batch when no closed batch waits and nothing is outstanding. */
        private void requestMore() {
            long more = 0;
            synchronized (this) {
                if (ready.isEmpty() && outstanding <= 0) {
                    more = maxRows - count;
                    outstanding = more;
                }
            }
            if (more > 0) {
                upstream.request(more);
            }
        }

        private void discardAll() {
            List<Object> dropped = new ArrayList<>();
            synchronized (this) {
                if (current != null) {
                    dropped.addAll(Arrays.asList(current).subList(0, count));
                    current = null;
                    count = 0;
                }
                for (Part<T> p : ready) {
                    dropped.addAll(p.items());
                }
                ready.clear();
                if (lingerTask != null) {
                    lingerTask.dispose();
                    lingerTask = null;
                }
                generation++;
            }
            if (pulled != null) {
                pulled.clear(); // what the source still holds (its own discard applies)
            }
            Operators.onDiscardMultiple(dropped, actual.currentContext());
        }

        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<Cutting> REQUESTED_UPDATER =
                AtomicLongFieldUpdater.newUpdater(Cutting.class, "requested");
    }
}
