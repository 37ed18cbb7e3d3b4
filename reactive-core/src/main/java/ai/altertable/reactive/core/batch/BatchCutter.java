package ai.altertable.reactive.core.batch;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.ToIntFunction;

/**
 * Cuts a source into batches by rows, encoded bytes and linger, deterministically: a batch closes when it holds
 * {@code maxRows} items, when the next item would take it past {@code maxBytes}, when {@code linger} has passed since
 * its first item, or when the source ends; never because of when demand arrives. (Reactor's {@code bufferTimeout}
 * with fair backpressure closes a batch early when demand arrives while it fills on another thread.)
 *
 * <p><b>Demand.</b> Items are requested from the source {@code maxRows} at a time, and only while no closed batch is
 * waiting for downstream demand, so at most one batch being filled and two closed ones (one cut by rows or bytes, one
 * by the linger timer) are held here, whatever the source's rate.
 *
 * <p>{@code sizeOf} is called once per item, on the thread that delivers it. An item larger than {@code maxBytes} is
 * a batch of its own (the writer refuses it). A source error is delivered at once; the items held are discarded (as
 * Reactor's discard hook sees them), as on cancel.
 */
final class BatchCutter<T> extends Flux<BatchCutter.Part<T>> {

    /** A batch cut from the source: its items, in order, and their encoded size. */
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
     * batches are guarded by {@code this}; delivery downstream runs in a serialized drain loop, outside the lock.
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
        private volatile boolean done;
        private Throwable error;
        private volatile boolean cancelled;

        // guarded by this
        private ArrayList<T> current;
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
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
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
                if (current != null && (size > maxBytes || currentBytes + size > maxBytes)) {
                    close();
                }
                if (current == null) {
                    open();
                }
                current.add(item);
                currentBytes += size;
                if (current.size() >= maxRows || size > maxBytes) {
                    close();
                }
                signal = !ready.isEmpty() || outstanding <= 0;
            }
            if (signal) {
                drain();
            }
        }

        /** Starts a batch, and its linger timer. Holds the lock. */
        private void open() {
            current = new ArrayList<>(Math.min(maxRows, PRESIZE_LIMIT));
            currentBytes = 0;
            if (lingerNanos > 0) {
                long batch = generation;
                lingerTask = timer.schedule(() -> lingered(batch), lingerNanos, TimeUnit.NANOSECONDS);
            }
        }

        /** Moves the batch being filled to the closed ones. Holds the lock. */
        private void close() {
            ready.add(new Part<>(current, currentBytes));
            current = null;
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
                    boolean empty;
                    synchronized (this) {
                        empty = ready.isEmpty();
                    }
                    if (empty) {
                        actual.onComplete();
                        return;
                    }
                } else {
                    long more = 0;
                    synchronized (this) {
                        if (ready.isEmpty() && outstanding <= 0) {
                            more = maxRows - (current == null ? 0 : current.size());
                            outstanding = more;
                        }
                    }
                    if (more > 0) {
                        upstream.request(more);
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void discardAll() {
            List<T> dropped = new ArrayList<>();
            synchronized (this) {
                if (current != null) {
                    dropped.addAll(current);
                    current = null;
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
            Operators.onDiscardMultiple(dropped, actual.currentContext());
        }

        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<Cutting> REQUESTED_UPDATER =
                AtomicLongFieldUpdater.newUpdater(Cutting.class, "requested");
    }
}
