package ai.altertable.reactive.core.internal;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

/**
 * An idle timeout that only runs while the subscriber is waiting: the timer starts when there is outstanding demand
 * and no element has arrived for {@code timeout}; it does not run while the subscriber has requested nothing. This is
 * the right timeout for a stream with backpressure, where a slow subscriber must not be mistaken for a slow server
 * (Reactor's {@code Flux.timeout} and Netty's read timeouts measure time between elements regardless of demand).
 *
 * <p>When it fires, the upstream is cancelled and the subscriber receives the error from {@code onTimeout}.
 */
public final class IdleTimeout {

    private IdleTimeout() {
    }

    /**
     * Applies the timeout to {@code source}. A zero or negative {@code timeout} returns the source unchanged.
     *
     * @param onTimeout the error to signal, built when the timer fires
     */
    public static <T> Flux<T> apply(Publisher<T> source, Duration timeout, Scheduler timer,
                                    Supplier<? extends Throwable> onTimeout) {
        return apply(source, timeout, timeout, timer, first -> onTimeout.get());
    }

    /**
     * Like {@link #apply(Publisher, Duration, Scheduler, Supplier)} with a separate timeout for the first element (for
     * example the time to the first bytes of a response). {@code onTimeout} receives {@code true} when the first
     * element timed out. A zero or negative duration disables that timeout.
     */
    public static <T> Flux<T> apply(Publisher<T> source, Duration first, Duration idle, Scheduler timer,
                                    java.util.function.Function<Boolean, ? extends Throwable> onTimeout) {
        long firstNanos = enabled(first) ? first.toNanos() : 0;
        long idleNanos = enabled(idle) ? idle.toNanos() : 0;
        if (firstNanos == 0 && idleNanos == 0) {
            return Flux.from(source);
        }
        return new FluxIdle<>(Flux.from(source), firstNanos, idleNanos, timer, onTimeout);
    }

    private static boolean enabled(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }

    /** The operator: subscribes an {@link IdleTimeoutSubscriber} to the source. */
    private static final class FluxIdle<T> extends reactor.core.publisher.FluxOperator<T, T> {
        private final long firstNanos;
        private final long idleNanos;
        private final Scheduler timer;
        private final java.util.function.Function<Boolean, ? extends Throwable> onTimeout;

        FluxIdle(Flux<T> source, long firstNanos, long idleNanos, Scheduler timer,
                 java.util.function.Function<Boolean, ? extends Throwable> onTimeout) {
            super(source);
            this.firstNanos = firstNanos;
            this.idleNanos = idleNanos;
            this.timer = timer;
            this.onTimeout = onTimeout;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            source.subscribe(new IdleTimeoutSubscriber<>(actual, firstNanos, idleNanos, timer, onTimeout));
        }
    }

    /**
     * Tracks outstanding demand and when the subscriber started waiting. At most one timer is scheduled at a time and
     * elements never touch it: each element only records the time (so a stream of many small chunks costs one clock
     * read per chunk, not a timer cancel and re-schedule). When the timer fires it re-checks: if the subscriber has
     * been waiting for the whole timeout it fails the stream, otherwise it schedules itself for the time left; with no
     * outstanding demand it stops, and the next request starts it again.
     */
    static final class IdleTimeoutSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

        private static final Disposable DONE = () -> { };

        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<IdleTimeoutSubscriber> OUTSTANDING =
                AtomicLongFieldUpdater.newUpdater(IdleTimeoutSubscriber.class, "outstanding");
        @SuppressWarnings("rawtypes")
        private static final AtomicReferenceFieldUpdater<IdleTimeoutSubscriber, Disposable> TIMER =
                AtomicReferenceFieldUpdater.newUpdater(IdleTimeoutSubscriber.class, Disposable.class, "timer");

        /** Placeholder while a timer is being scheduled, so that only one is ever pending. */
        private static final Disposable SCHEDULING = () -> { };

        private final CoreSubscriber<? super T> actual;
        private final long firstNanos;
        private final long idleNanos;
        private final Scheduler scheduler;
        private final java.util.function.Function<Boolean, ? extends Throwable> onTimeout;
        private Subscription upstream;
        private volatile long outstanding;
        private volatile Disposable timer;
        /** Scheduler time at which the subscriber last started waiting (a request from idle, or an element). */
        private volatile long waitingSince;
        private volatile boolean received;

        IdleTimeoutSubscriber(CoreSubscriber<? super T> actual, long firstNanos, long idleNanos, Scheduler scheduler,
                              java.util.function.Function<Boolean, ? extends Throwable> onTimeout) {
            this.actual = actual;
            this.firstNanos = firstNanos;
            this.idleNanos = idleNanos;
            this.scheduler = scheduler;
            this.onTimeout = onTimeout;
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
        public void request(long n) {
            if (Operators.validate(n)) {
                if (Operators.addCap(OUTSTANDING, this, n) == 0) {
                    waitingSince = now(); // was not waiting: the wait starts now
                }
                ensureTimer();
                upstream.request(n);
            }
        }

        @Override
        public void onNext(T t) {
            if (timer == DONE) {
                Operators.onNextDropped(t, currentContext());
                return;
            }
            boolean first = !received;
            received = true;
            Operators.produced(OUTSTANDING, this, 1);
            waitingSince = now();
            if (first && idleNanos != firstNanos) {
                restartTimer(); // the pending timer was set for the first-element limit; once per stream
            }
            actual.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            if (terminate()) {
                actual.onError(t);
            } else {
                Operators.onErrorDropped(t, currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (terminate()) {
                actual.onComplete();
            }
        }

        @Override
        public void cancel() {
            terminate();
            upstream.cancel();
        }

        private long now() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }

        private long limit() {
            return received ? idleNanos : firstNanos;
        }

        /** Replaces the pending timer by one for the current limit. */
        private void restartTimer() {
            Disposable current = timer;
            if (current != DONE && current != SCHEDULING && current != null && TIMER.compareAndSet(this, current, null)) {
                current.dispose();
            }
            ensureTimer();
        }

        /** Schedules the timer if none is pending and the subscriber is waiting. */
        private void ensureTimer() {
            if (outstanding == 0 || limit() == 0 || !TIMER.compareAndSet(this, null, SCHEDULING)) {
                return;
            }
            schedule(limit());
        }

        private void schedule(long delayNanos) {
            Disposable d = scheduler.schedule(this, delayNanos, TimeUnit.NANOSECONDS); // run() checks
            if (!TIMER.compareAndSet(this, SCHEDULING, d)) {
                d.dispose(); // terminated meanwhile
            }
        }

        /**
         * The timer fired: fail if the subscriber waited the whole timeout, else wait for the time left. (The subscriber
         * is its own timer task: a waiting stream holds no extra object for it.)
         */
        @Override
        public void run() {
            Disposable current = timer;
            if (current == DONE || !TIMER.compareAndSet(this, current, SCHEDULING)) {
                return; // terminated
            }
            long limit = limit();
            if (outstanding == 0 || limit == 0) {
                TIMER.compareAndSet(this, SCHEDULING, null);
                if (outstanding > 0) {
                    ensureTimer(); // demand arrived while releasing
                }
                return;
            }
            long waited = now() - waitingSince;
            if (waited < limit) {
                schedule(limit - waited);
                return;
            }
            if (terminate()) {
                upstream.cancel();
                actual.onError(onTimeout.apply(!received));
            }
        }

        /** Marks the subscriber terminated; true for the first caller. */
        private boolean terminate() {
            Disposable previous = TIMER.getAndSet(this, DONE);
            if (previous == DONE) {
                return false;
            }
            if (previous != null) {
                previous.dispose();
            }
            return true;
        }
    }
}
