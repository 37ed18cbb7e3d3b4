package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RetryBeforeFirst} in virtual time: each scenario runs through it and through the chain it replaced
 * ({@code Flux.defer(attempt).retryWhen(policy.retry(op, notStarted))} and peeks for the first element, the cancel and
 * the final error), and both must give the same attempts at the same virtual times, the same signals and the same
 * hook calls; a few properties are also asserted outright.
 */
class RetryBeforeFirstTest {

    /** Jitter source fixed at the middle, so every backoff equals its base (100, 200, 400 ms...). */
    private static final RetryPolicy NO_SPREAD = RetryPolicy.builder().jitterSource(() -> 0.5).build();

    private static AltertableException status(int status) {
        return status(status, null);
    }

    private static AltertableException status(int status, Duration retryAfter) {
        return StatusErrors.forStatus(ErrorContext.builder().status(status).retryAfter(retryAfter).build(), false);
    }

    /** What one run saw: attempts (virtual ms), signals, hook calls. */
    private static final class Run {
        final List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
    }

    /** A script of attempts: attempt {@code i} (from 0) behaves as {@code script.apply(i)}. */
    private static Flux<String> viaOperator(RetryPolicy policy, Operation op, Function<Integer, Flux<String>> script,
                                            Run run) {
        return RetryBeforeFirst.of(policy, new RetryBeforeFirst.Attempts<String>() {
            @Override
            public Publisher<String> attempt() {
                run.attemptsAt.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
                return script.apply(run.attemptsAt.size() - 1);
            }

            @Override
            public boolean retryable(Throwable failure) {
                return policy.isRetryable(failure, op);
            }

            @Override
            public void cancelled() {
                run.events.add("cancelled");
            }

            @Override
            public void failed(Throwable failure) {
                run.events.add("failed " + failure.getMessage());
            }
        });
    }

    /** The same unit of work as the chain the operator replaced. */
    private static Flux<String> viaRetryWhen(RetryPolicy policy, Operation op, Function<Integer, Flux<String>> script,
                                             Run run) {
        AtomicBoolean started = new AtomicBoolean();
        return Flux.defer(() -> {
                    run.attemptsAt.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
                    return script.apply(run.attemptsAt.size() - 1);
                })
                .retryWhen(policy.retry(op, () -> !started.get()))
                .doOnNext(x -> started.set(true))
                .doOnCancel(() -> run.events.add("cancelled"))
                .doOnError(e -> run.events.add("failed " + e.getMessage()));
    }

    /** The attempts' virtual times and the events of one run, driven for a virtual minute; cancels at {@code cancelAfter} ms. */
    private static List<Object> outcome(RetryPolicy policy, Operation op, Function<Integer, Flux<String>> script,
                                        boolean operator, int cancelAfter) {
        Run run = new Run();
        VirtualTimeScheduler vts = VirtualTimeScheduler.getOrSet();
        try {
            Flux<String> flux = operator ? viaOperator(policy, op, script, run) : viaRetryWhen(policy, op, script, run);
            List<Throwable> error = new ArrayList<>();
            reactor.core.Disposable d = flux.subscribe(x -> run.events.add("next " + x), e -> {
                error.add(e);
                run.events.add("error " + e.getMessage() + " suppressed " + e.getSuppressed().length);
            }, () -> run.events.add("complete"));
            for (int ms = 0; ms < 60_000; ms += 10) {
                if (cancelAfter >= 0 && vts.now(TimeUnit.MILLISECONDS) >= cancelAfter && !d.isDisposed()) {
                    d.dispose();
                }
                vts.advanceTimeBy(Duration.ofMillis(10));
            }
            return List.of(List.copyOf(run.attemptsAt), List.copyOf(run.events));
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    /** Both ways give the same outcome; returns it. */
    private static List<Object> same(RetryPolicy policy, Operation op, Function<Integer, Flux<String>> script,
                                     int cancelAfter) {
        List<Object> reference = outcome(policy, op, script, false, cancelAfter);
        List<Object> actual = outcome(policy, op, script, true, cancelAfter);
        assertThat(actual).isEqualTo(reference);
        return actual;
    }

    @Test
    void retriesFailuresBeforeTheFirstElementWithThePolicysBackoff() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> i < 3 ? Flux.error(status(503))
                : Flux.just("a", "b"), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L, 100L, 300L, 700L));
        assertThat(o.get(1)).isEqualTo(List.of("next a", "next b", "complete"));
    }

    @Test
    void neverRetriesOnceAnElementWasDelivered() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> i == 0 ? Flux.error(status(503))
                : Flux.just("a").concatWith(Flux.error(status(503))), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L, 100L));
        assertThat(o.get(1)).isEqualTo(List.of("next a", "failed " + status(503).getMessage(),
                "error " + status(503).getMessage() + " suppressed 1"));
    }

    @Test
    void givesUpAfterMaxAttemptsWithEarlierFailuresSuppressed() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> Flux.error(status(502)), -1);
        assertThat((List<?>) o.get(0)).hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
        assertThat((List<?>) o.get(1)).last().asString()
                .endsWith("suppressed " + (RetryPolicy.DEFAULT_MAX_ATTEMPTS - 1));
    }

    @Test
    void doesNotRetryWhatThePolicyRefuses() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> Flux.error(status(400)), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L));
        o = same(NO_SPREAD, Operation.APPEND, i -> Flux.error(status(503)), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L));
        o = same(NO_SPREAD, Operation.GET_QUERY, i -> Flux.error(new IllegalStateException("bug")), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L));
    }

    @Test
    void honoursRetryAfterAndTheTimeCap() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> i == 0 ? Flux.error(status(503,
                Duration.ofSeconds(2))) : Flux.just("a"), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L, 2000L));
        RetryPolicy capped = NO_SPREAD.mutate().maxElapsed(Duration.ofMillis(250)).build();
        o = same(capped, Operation.GET_QUERY, i -> Flux.error(status(503)), -1);
        assertThat(o.get(0)).isEqualTo(List.of(0L, 100L)); // the next retry would start at 300 ms, after the cap
    }

    @Test
    void aCancelWhileWaitingToRetryStopsTheRetriesAndCallsTheHook() {
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> Flux.error(status(503)), 150);
        assertThat(o.get(0)).isEqualTo(List.of(0L, 100L));
        assertThat(o.get(1)).isEqualTo(List.of("cancelled"));
    }

    @Test
    void aCancelDuringAnAttemptCancelsIt() {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        List<Object> o = same(NO_SPREAD, Operation.GET_QUERY, i -> Flux.<String>never()
                .doOnCancel(() -> cancelled.add("attempt " + i)), 50);
        assertThat(o.get(1)).isEqualTo(List.of("cancelled"));
        assertThat(cancelled).containsExactly("attempt 0", "attempt 0"); // once per way
    }

    @Test
    void theNextAttemptIsAskedForAllTheDemandSoFarAndNoMore() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        Run run = new Run();
        StepVerifier.withVirtualTime(() -> viaOperator(NO_SPREAD, Operation.GET_QUERY, i -> (i == 0
                        ? Flux.<String>error(status(503)) : Flux.just("a", "b", "c")).doOnRequest(requests::add), run),
                        2)
                .thenAwait(Duration.ofMillis(100))
                .expectNext("a", "b")
                .thenRequest(1)
                .expectNext("c")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(requests).containsExactly(2L, 2L, 1L);
        assertThat(run.attemptsAt).containsExactly(0L, 100L);
    }

    @Test
    void failuresAreMappedBeforeTheyAreClassified() {
        Run run = new Run();
        AltertableException mapped = status(503);
        Flux<String> flux = RetryBeforeFirst.of(NO_SPREAD, new RetryBeforeFirst.Attempts<String>() {
            @Override
            public Publisher<String> attempt() {
                run.attemptsAt.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
                return run.attemptsAt.size() == 1 ? Flux.error(new java.io.IOException("reset")) : Flux.just("a");
            }

            @Override
            public Throwable mapFailure(Throwable failure) {
                return failure instanceof java.io.IOException ? mapped : failure;
            }

            @Override
            public boolean retryable(Throwable failure) {
                return NO_SPREAD.isRetryable(failure, Operation.GET_QUERY);
            }

            @Override
            public void cancelled() {
            }

            @Override
            public void failed(Throwable failure) {
                run.events.add("failed");
            }
        });
        StepVerifier.withVirtualTime(() -> flux).thenAwait(Duration.ofMillis(100)).expectNext("a").expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(run.attemptsAt).containsExactly(0L, 100L);
        assertThat(run.events).isEmpty();
    }
}
