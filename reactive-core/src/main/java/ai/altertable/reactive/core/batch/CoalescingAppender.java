package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A shared appender for services where many independent callers each append one item (an HTTP request that records
 * an event): concurrent {@link #append} calls are coalesced into the same batches by the {@link Batcher}, and each
 * caller's {@code Mono} completes when the batch containing its item has been acknowledged (or fails with that batch's
 * {@link BatchFailedException}).
 *
 * <p><b>Bounded.</b> At most {@code capacity} items are queued or in flight. When full, {@link Overflow#WAIT} makes
 * the caller's {@code Mono} wait (without blocking a thread) until there is room, and {@link Overflow#FAIL} fails it at
 * once with {@link AppenderFullException}. {@link #queueDepth()} reports the current count.
 *
 * <p>{@link #flush()} completes when everything appended before it is acknowledged; {@link #closeGracefully()} stops
 * accepting, writes what is pending, and completes when the last batch is acknowledged; {@link #close()} stops at once.
 * Either way, <b>every caller's {@code Mono} terminates</b>: with its batch's acknowledgement, its batch's failure, or an
 * {@link AppenderClosedException} that says whether the item was never sent or its batch was in flight (written or
 * not: the client cannot tell). Thread-safe.
 *
 * <p>Delivery follows the {@link BatchingOptions}: at-most-once by default. Cancelling a caller's {@code Mono} does not
 * take its item back once accepted.
 *
 * <p><b>Context.</b> A batch carries the items of many callers, so its write runs in the appender's own Reactor
 * {@code Context}, which is empty, never in one caller's: the writer sees no caller's context entries. Each caller's
 * {@code Mono} keeps its own context downstream (and, with Reactor's automatic context propagation, its thread locals
 * when it is answered).
 */
public final class CoalescingAppender<T, A> implements AutoCloseable {

    /** What {@link #append} does when the appender is full. */
    public enum Overflow {
        /** The caller's {@code Mono} waits for room (backpressure). */
        WAIT,
        /** The caller's {@code Mono} fails with {@link AppenderFullException}. */
        FAIL
    }

    /** The appender is full and its overflow policy is {@link Overflow#FAIL}. */
    public static final class AppenderFullException extends AltertableException {
        private static final long serialVersionUID = 1L;

        AppenderFullException(int capacity) {
            super("appender is full (" + capacity + " items queued or in flight)", ErrorContext.none(), true, null);
        }
    }

    /**
     * The appender was closed before the caller's item was acknowledged. {@link #wasSent()} says which case: the item
     * was never sent (safe to append again elsewhere: {@link #isRetryable()} is true), or its batch was being written
     * when {@link CoalescingAppender#close()} cancelled it, so it may or may not have been written.
     */
    public static final class AppenderClosedException extends AltertableException {
        private static final long serialVersionUID = 1L;

        private final boolean sent;

        AppenderClosedException(boolean sent) {
            super(sent
                    ? "the appender was closed while the batch carrying this item was being written; it may or may "
                    + "not have been written"
                    : "the appender was closed before this item was sent; it was not written", ErrorContext.none(),
                    !sent, null);
            this.sent = sent;
        }

        /** Whether the item's batch had been handed to the writer (its outcome is then unknown). */
        public boolean wasSent() {
            return sent;
        }
    }

    /** One caller's item; identity matters (two equal items are two callers), so not a record. */
    private static final class Pending<T, A> {
        private final T item;
        private final int size;
        private final Sinks.One<A> result = Sinks.one();

        Pending(T item, int size) {
            this.item = item;
            this.size = size;
        }

        T item() {
            return item;
        }

        int size() {
            return size;
        }

        Sinks.One<A> result() {
            return result;
        }
    }

    private final int capacity;
    private final int maxBytes;
    private final Overflow overflow;
    private final ToIntFunction<? super T> sizeOf;
    private final java.util.Map<Long, List<Pending<T, A>>> unsettled = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final Queue<Sinks.Empty<Void>> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicReference<FluxSink<Pending<T, A>>> input = new AtomicReference<>();
    private final AtomicReference<Pending<T, A>> last = new AtomicReference<>();
    /** Every accepted item not yet settled, so that nothing is stranded when the appender stops. */
    private final java.util.Set<Pending<T, A>> outstanding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Orders accepting an item against closing: an item is either in the engine before its end, or refused. */
    private final Object gate = new Object();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final List<Consumer<? super BatchResult<A>>> completed = new CopyOnWriteArrayList<>();
    private final Disposable engine;
    private volatile boolean closing;

    private CoalescingAppender(ToIntFunction<? super T> sizeOf, BatchingOptions options, RetryPolicy retry,
                               Operation operation, Function<? super Batch<T>, ? extends Mono<A>> writer,
                               int capacity, Overflow overflow) {
        this.capacity = capacity;
        this.maxBytes = options.maxBytes();
        this.overflow = overflow;
        this.sizeOf = sizeOf;
        // CONTINUE: a failed batch fails its callers, and the appender goes on for everyone else
        BatchingOptions continuing = options.mutate().errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build();
        // BUFFER is bounded by the capacity accounting of append(); FluxSink serialises concurrent callers
        Flux<Pending<T, A>> source = Flux.create(input::set, FluxSink.OverflowStrategy.BUFFER);
        this.engine = Batcher.<Pending<T, A>, A>write(source, Pending::size, continuing, retry, operation, batch -> {
                    unsettled.put(batch.index(), batch.items());
                    return writer.apply(new Batch<>(batch.index(), batch.firstRow(),
                            batch.items().stream().map(Pending::item).toList(), batch.bytes()));
                })
                .subscribe(this::settle, this::failAll, closed::tryEmitEmpty);
    }

    /**
     * An appender writing through {@code writer}.
     *
     * @param sizeOf   encoded size of an item in bytes
     * @param capacity most items queued or in flight
     */
    public static <T, A> CoalescingAppender<T, A> create(ToIntFunction<? super T> sizeOf, BatchingOptions options,
                                                         RetryPolicy retry, Operation operation,
                                                         Function<? super Batch<T>, ? extends Mono<A>> writer,
                                                         int capacity, Overflow overflow) {
        if (options.linger().isZero()) {
            // without a timer, a partial batch would wait for more callers forever
            throw new IllegalArgumentException("a shared appender needs a positive linger");
        }
        if (capacity < options.maxRows()) {
            throw new IllegalArgumentException("capacity must be at least maxRows (" + options.maxRows() + ")");
        }
        return new CoalescingAppender<>(sizeOf, options, retry, operation, writer, capacity,
                Objects.requireNonNull(overflow, "overflow"));
    }

    /** Appends one item; completes with the acknowledgement of the batch that carried it. */
    public Mono<A> append(T item) {
        Objects.requireNonNull(item, "item");
        return Mono.defer(() -> acquire().then(Mono.defer(() -> enqueue(item))));
    }

    /** Items queued or in flight. */
    public int queueDepth() {
        return depth.get();
    }

    /**
     * Callers whose {@code Mono} waits for room ({@link Overflow#WAIT}); a snapshot, for gauges (it counts the queue of
     * waiters, in time proportional to their number).
     */
    public int waitingCallers() {
        return waiters.size();
    }

    /**
     * Closes {@code hook} once this appender has stopped (closed gracefully or at once, or failed); at once if it has
     * already. Failures of the hook are ignored. Used to unregister gauges.
     */
    public void onClose(AutoCloseable hook) {
        Objects.requireNonNull(hook, "hook");
        closed.asMono().doFinally(signal -> {
            try {
                hook.close();
            } catch (Exception ignored) {
                // nothing to do: the appender is gone either way
            }
        }).subscribe(v -> { }, e -> { });
    }

    /**
     * Calls {@code listener} once per batch with its final outcome (written, possibly after re-sends, or failed for
     * good), before the batch's callers get their results; never per item. Batches that ended before the listener was
     * added are not reported to it, so add it before the first {@link #append}. The listener runs on the thread that
     * settles the batch: it must be cheap and must not block; what it throws is ignored. Used for batch metrics.
     */
    public void onBatchCompleted(Consumer<? super BatchResult<A>> listener) {
        completed.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Completes when everything appended before this call has been acknowledged (failed batches included). */
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            Pending<T, A> p = last.get();
            return p == null ? Mono.empty() : p.result().asMono().onErrorResume(e -> Mono.empty()).then();
        });
    }

    /** Stops accepting items, writes what is pending, and completes when the last batch is acknowledged. */
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            synchronized (gate) {
                closing = true;
                FluxSink<Pending<T, A>> sink = input.get();
                if (sink != null) {
                    sink.complete();
                }
            }
            wakeAll();
            return closed.asMono();
        });
    }

    /**
     * Stops at once: batches in flight are cancelled, and every caller whose item is not yet acknowledged fails with
     * an {@link AppenderClosedException} (callers waiting for room too). Prefer {@link #closeGracefully()}.
     */
    @Override
    public void close() {
        synchronized (gate) {
            closing = true;
        }
        engine.dispose();
        wakeAll();
        for (List<Pending<T, A>> batch : unsettled.values()) {
            for (Pending<T, A> p : batch) {
                fail(p, new AppenderClosedException(true));
            }
        }
        unsettled.clear();
        for (Pending<T, A> p : outstanding) {
            fail(p, new AppenderClosedException(false));
        }
        closed.tryEmitEmpty();
    }

    private Mono<Void> acquire() {
        return Mono.defer(() -> {
            if (closing) {
                return Mono.error(new AppenderClosedException(false));
            }
            if (depth.incrementAndGet() <= capacity) {
                return Mono.empty();
            }
            depth.decrementAndGet();
            if (overflow == Overflow.FAIL) {
                return Mono.error(new AppenderFullException(capacity));
            }
            Sinks.Empty<Void> room = Sinks.empty();
            waiters.add(room);
            if (closing) {
                wakeAll(); // closed while registering: the wake-up of close() may have run before the add
            } else if (depth.get() < capacity) {
                wakeOne(); // room appeared between the failed attempt and registering: do not miss it
            }
            return room.asMono().then(acquire());
        });
    }

    private Mono<A> enqueue(T item) {
        int size = sizeOf.applyAsInt(item);
        if (size > maxBytes) {
            release(1);
            return Mono.error(new ai.altertable.reactive.core.SerializationException("the item encodes to " + size
                    + " bytes, more than maxBytes (" + maxBytes + ")", ErrorContext.none()));
        }
        Pending<T, A> p = new Pending<>(item, size);
        synchronized (gate) {
            FluxSink<Pending<T, A>> sink = input.get();
            if (closing || sink == null) {
                release(1);
                return Mono.error(new AppenderClosedException(false));
            }
            outstanding.add(p);
            last.set(p);
            sink.next(p);
        }
        return p.result().asMono();
    }

    /** Completes (or fails) every caller whose item was in the batch, and frees their room. */
    private void settle(BatchResult<A> result) {
        for (Consumer<? super BatchResult<A>> listener : completed) {
            try {
                listener.accept(result);
            } catch (RuntimeException ignored) {
                // a listener's failure must not keep the batch's callers waiting
            }
        }
        List<Pending<T, A>> pendings = unsettled.remove(result.index());
        if (pendings == null) {
            return;
        }
        for (Pending<T, A> p : pendings) {
            outstanding.remove(p);
            if (result.isSuccess()) {
                if (result.ack() == null) {
                    p.result().tryEmitEmpty();
                } else {
                    p.result().tryEmitValue(result.ack());
                }
            } else {
                p.result().tryEmitError(new BatchFailedException(result.index(), result.firstRow(), result.rows(),
                        result.attempts(), result.error()));
            }
        }
        release(pendings.size());
    }

    /** The engine failed (it does not, with CONTINUE, unless the writer throws): nobody is left waiting. */
    private void failAll(Throwable e) {
        synchronized (gate) {
            closing = true;
        }
        wakeAll();
        unsettled.clear();
        for (Pending<T, A> p : outstanding) {
            fail(p, e);
        }
        closed.tryEmitError(e);
    }

    private void fail(Pending<T, A> p, Throwable e) {
        outstanding.remove(p);
        p.result().tryEmitError(e);
    }

    /** Wakes every caller waiting for room; each then sees that the appender is closing and fails. */
    private void wakeAll() {
        Sinks.Empty<Void> w;
        while ((w = waiters.poll()) != null) {
            w.tryEmitEmpty();
        }
    }

    private void release(int n) {
        depth.addAndGet(-n);
        for (int i = 0; i < n; i++) {
            if (!wakeOne()) {
                break;
            }
        }
    }

    private boolean wakeOne() {
        Sinks.Empty<Void> w = waiters.poll();
        if (w == null) {
            return false;
        }
        w.tryEmitEmpty();
        return true;
    }
}
