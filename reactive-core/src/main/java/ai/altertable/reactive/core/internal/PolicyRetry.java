package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.RetryPolicy;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Reactor {@link Retry} behind {@link RetryPolicy#retry}: per subscription it records the start time on the
 * scheduler's clock (virtual time in tests), then for each failure decides between giving up (propagating the failure
 * itself) and a delay.
 */
public final class PolicyRetry extends Retry {

    private static final Logger log = Loggers.getLogger(PolicyRetry.class);
    static final int MAX_SUPPRESSED = 8;

    private final RetryPolicy policy;
    private final Predicate<Throwable> retryable;

    public PolicyRetry(RetryPolicy policy, Predicate<Throwable> retryable) {
        this.policy = policy;
        this.retryable = retryable;
    }

    @Override
    public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
        return Flux.defer(() -> {
            Scheduler scheduler = Schedulers.parallel();
            long start = scheduler.now(TimeUnit.NANOSECONDS);
            List<Throwable> earlier = new ArrayList<>();
            return signals.concatMap(signal -> {
                Throwable failure = signal.failure();
                Duration delay = decide(failure, signal.totalRetries(), scheduler.now(TimeUnit.NANOSECONDS) - start);
                if (delay == null) {
                    earlier.stream().filter(e -> e != failure).forEach(failure::addSuppressed);
                    return Mono.error(failure);
                }
                if (earlier.size() < MAX_SUPPRESSED) {
                    earlier.add(failure);
                }
                logRetry(policy, signal.totalRetries(), delay, failure);
                return Mono.delay(delay, scheduler);
            });
        });
    }

    /** The delay before the next attempt, or {@code null} to give up. */
    Duration decide(Throwable failure, long retriesSoFar, long elapsedNanos) {
        return delay(policy, retryable.test(failure), failure, retriesSoFar, elapsedNanos);
    }

    /** {@link #decide} for a failure already classified as {@code retryable} or not. */
    static Duration delay(RetryPolicy policy, boolean retryable, Throwable failure, long retriesSoFar,
                          long elapsedNanos) {
        if (!retryable || retriesSoFar + 1 >= policy.maxAttempts()) {
            return null;
        }
        Duration delay = policy.backoff(retriesSoFar);
        Duration retryAfter = failure instanceof AltertableException ? ((AltertableException) failure).retryAfter() : null;
        if (retryAfter != null && policy.honourRetryAfter()) {
            if (retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
                return null;
            }
            delay = retryAfter;
        }
        if (elapsedNanos + delay.toNanos() > policy.maxElapsed().toNanos()) {
            return null;
        }
        return delay;
    }

    static void logRetry(RetryPolicy policy, long retriesSoFar, Duration delay, Throwable failure) {
        if (log.isDebugEnabled()) {
            log.debug("retry {} of {} in {} ms after: {}", retriesSoFar + 1, policy.maxAttempts() - 1,
                    delay.toMillis(), failure.toString());
        }
    }
}
