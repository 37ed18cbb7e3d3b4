package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.RetryPolicy;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One unit of work made of attempts, retried by a {@link RetryPolicy} only until its first element: after that the
 * subscriber may have used data, and a repeat would deliver it twice. The decisions are {@link PolicyRetry}'s (the
 * same attempts, backoff, jitter, {@code Retry-After}, time cap from the subscription, debug log and earlier failures
 * added as suppressed to the one that ends it), on {@link Schedulers#parallel()}'s clock (virtual time in tests).
 *
 * <p>It does with one subscriber per subscription what {@code Flux.defer(attempt).retryWhen(policy)} followed by
 * peeks for the first element, the cancel and the final error does with a dozen objects: a stream that waits for its
 * response holds this operator for as long as it waits, so with thousands of streams open its size is what counts.
 */
public final class RetryBeforeFirst<T> extends Flux<T> {

    /** The unit of work: how to make an attempt, which failures may be repeated, and what to do at the end. */
    public interface Attempts<T> {

        /** A fresh attempt; called once per attempt, on the subscribing thread or the retry timer's. May throw. */
        Publisher<T> attempt();

        /** An attempt's failure as the unit of work reports it (for example mapped onto the core exceptions). */
        default Throwable mapFailure(Throwable failure) {
            return failure;
        }

        /** Whether {@code failure} (mapped) of an attempt that delivered nothing may be repeated (the policy decides the rest). */
        boolean retryable(Throwable failure);

        /** A retry of {@code failure} starts now (its delay has passed), just before {@link #attempt()}. */
        default void retrying(Throwable failure) {
        }

        /** The subscriber cancelled (before or after the first element, or while waiting to retry). */
        void cancelled();

        /** The error that ends the unit of work, just before the subscriber receives it. */
        void failed(Throwable failure);
    }

    private final RetryPolicy policy;
    private final Attempts<T> attempts;

    private RetryBeforeFirst(RetryPolicy policy, Attempts<T> attempts) {
        this.policy = policy;
        this.attempts = attempts;
    }

    /** The unit of work {@code attempts}, retried by {@code policy} until its first element. */
    public static <T> Flux<T> of(RetryPolicy policy, Attempts<T> attempts) {
        return new RetryBeforeFirst<>(policy, attempts);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        RetrySubscriber<T> s = new RetrySubscriber<>(actual, policy, attempts, Schedulers.parallel());
        actual.onSubscribe(s);
        s.run();
    }

    /**
     * Subscribes each attempt in turn and hands the subscriber's demand to the current one. Demand is kept as a total:
     * an attempt is only replaced before any element arrived, so the next one is asked for everything requested so far.
     * Requests, new attempts and the cancel go through one drain loop, so an attempt is never asked twice for the same
     * demand.
     */
    static final class RetrySubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<RetrySubscriber> WIP =
                AtomicIntegerFieldUpdater.newUpdater(RetrySubscriber.class, "wip");
        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<RetrySubscriber> MISSED_REQUESTED =
                AtomicLongFieldUpdater.newUpdater(RetrySubscriber.class, "missedRequested");
        @SuppressWarnings("rawtypes")
        private static final AtomicReferenceFieldUpdater<RetrySubscriber, Subscription> MISSED_SUBSCRIPTION =
                AtomicReferenceFieldUpdater.newUpdater(RetrySubscriber.class, Subscription.class, "missedSubscription");
        @SuppressWarnings("rawtypes")
        private static final AtomicReferenceFieldUpdater<RetrySubscriber, Disposable> TIMER =
                AtomicReferenceFieldUpdater.newUpdater(RetrySubscriber.class, Disposable.class, "timer");
        private static final Disposable CANCELLED = () -> { };

        private final CoreSubscriber<? super T> actual;
        private final RetryPolicy policy;
        private final Attempts<T> attempts;
        private final Scheduler scheduler;
        private final long start;
        /** Demand and attempts handed over to the drain loop. */
        private volatile int wip;
        private volatile long missedRequested;
        private volatile Subscription missedSubscription;
        /** The pending retry, or {@link #CANCELLED}. */
        private volatile Disposable timer;
        private volatile boolean cancelled;
        /** Drain-loop state: the current attempt and the total demand. */
        private Subscription current;
        private long requested;
        /** Written by the attempts' signals, which are serial (one attempt at a time, each started after the last). */
        private boolean started;
        private boolean done;
        private int retries;
        private List<Throwable> earlier;
        /** The failure the pending retry repeats. */
        private Throwable last;

        RetrySubscriber(CoreSubscriber<? super T> actual, RetryPolicy policy, Attempts<T> attempts,
                        Scheduler scheduler) {
            this.actual = actual;
            this.policy = policy;
            this.attempts = attempts;
            this.scheduler = scheduler;
            this.start = scheduler.now(TimeUnit.NANOSECONDS);
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        /** Starts an attempt (the first one, or a retry when its delay has passed). */
        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            Publisher<T> attempt;
            try {
                if (last != null) {
                    attempts.retrying(last);
                }
                attempt = attempts.attempt();
            } catch (Throwable t) {
                onError(Operators.onOperatorError(t, actual.currentContext()));
                return;
            }
            attempt.subscribe(this);
        }

        @Override
        public void onSubscribe(Subscription s) {
            Subscription previous = MISSED_SUBSCRIPTION.getAndSet(this, s);
            if (previous != null) {
                previous.cancel(); // not expected: attempts are subscribed one at a time
            }
            drain();
        }

        @Override
        public void onNext(T t) {
            if (done) {
                Operators.onNextDropped(t, actual.currentContext());
                return;
            }
            started = true;
            actual.onNext(t);
        }

        @Override
        public void onError(Throwable failure) {
            Throwable t = attempts.mapFailure(failure);
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            if (cancelled) {
                return; // the subscriber is gone; retryWhen's companion, cancelled with it, let such errors go too
            }
            Duration delay = started ? null : PolicyRetry.delay(policy, attempts.retryable(t), t, retries,
                    scheduler.now(TimeUnit.NANOSECONDS) - start);
            if (delay == null) {
                done = true;
                if (earlier != null) {
                    earlier.stream().filter(e -> e != t).forEach(t::addSuppressed);
                }
                attempts.failed(t);
                actual.onError(t);
                return;
            }
            if (earlier == null) {
                earlier = new ArrayList<>(2);
            }
            if (earlier.size() < PolicyRetry.MAX_SUPPRESSED) {
                earlier.add(t);
            }
            PolicyRetry.logRetry(policy, retries, delay, t);
            retries++;
            last = t;
            schedule(delay);
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(MISSED_REQUESTED, this, n);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            Disposable pending = TIMER.getAndSet(this, CANCELLED);
            if (pending != null) {
                pending.dispose();
            }
            attempts.cancelled();
            drain();
        }

        private void schedule(Duration delay) {
            Disposable pending = timer;
            if (pending == CANCELLED) {
                return;
            }
            Disposable d;
            try {
                d = scheduler.schedule(this, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (Throwable rejected) { // a disposed scheduler: end with the failure to schedule, as retryWhen does
                done = true;
                Throwable e = Operators.onRejectedExecution(rejected, actual.currentContext());
                attempts.failed(e);
                actual.onError(e);
                return;
            }
            if (!TIMER.compareAndSet(this, pending, d)) {
                d.dispose(); // cancelled meanwhile
            }
        }

        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            do {
                if (cancelled) {
                    Subscription s = MISSED_SUBSCRIPTION.getAndSet(this, null);
                    if (s != null) {
                        s.cancel();
                    }
                    if (current != null) {
                        current.cancel();
                        current = null;
                    }
                } else {
                    long more = MISSED_REQUESTED.getAndSet(this, 0L);
                    Subscription next = MISSED_SUBSCRIPTION.getAndSet(this, null);
                    if (more != 0) {
                        requested = Operators.addCap(requested, more);
                    }
                    if (next != null) {
                        current = next;
                        if (requested != 0) {
                            next.request(requested);
                        }
                    } else if (more != 0 && current != null) {
                        current.request(more);
                    }
                }
                missed = WIP.addAndGet(this, -missed);
            } while (missed != 0);
        }
    }
}
