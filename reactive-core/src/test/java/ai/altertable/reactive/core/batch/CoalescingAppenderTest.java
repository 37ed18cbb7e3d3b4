package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingAppenderTest {

    private static BatchingOptions opts(int maxRows, Duration linger) {
        return BatchingOptions.builder().maxRows(maxRows).linger(linger).maxInFlight(2).build();
    }

    @Test
    void concurrentCallersAreCoalescedIntoFewBatchesAndAllComplete() {
        AtomicInteger requests = new AtomicInteger();
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        CoalescingAppender<Integer, String> appender = CoalescingAppender.create(i -> 8, opts(500, Duration.ofMillis(20)),
                RetryPolicy.defaults(), Operation.APPEND, b -> Mono.fromCallable(() -> {
                    requests.incrementAndGet();
                    written.addAll(b.items());
                    return "batch-" + b.index();
                }).subscribeOn(Schedulers.parallel()), 10_000, CoalescingAppender.Overflow.WAIT);
        StepVerifier.create(Flux.range(0, 1000)
                        .flatMap(i -> appender.append(i).subscribeOn(Schedulers.parallel()), 1000)
                        .collectList())
                .assertNext(acks -> assertThat(acks).hasSize(1000).allMatch(a -> a.startsWith("batch-")))
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(written).hasSize(1000);
        assertThat(requests.get()).as("1000 callers, few requests").isLessThanOrEqualTo(10);
        assertThat(appender.queueDepth()).isZero();
        StepVerifier.create(appender.closeGracefully()).expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void lingerReleasesASingleItemInVirtualTime() {
        StepVerifier.withVirtualTime(() -> {
                    CoalescingAppender<String, Integer> a = CoalescingAppender.create(s -> 1, opts(100, Duration.ofSeconds(2)),
                            RetryPolicy.defaults(), Operation.APPEND, b -> Mono.just(b.rows()), 100,
                            CoalescingAppender.Overflow.WAIT);
                    return a.append("only");
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1)
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void fullAppenderFailsOrWaits() {
        Sinks.One<String> gate = Sinks.one();
        CoalescingAppender<Integer, String> failing = CoalescingAppender.create(i -> 1, opts(2, Duration.ofMillis(50)),
                RetryPolicy.defaults(), Operation.APPEND, b -> gate.asMono(), 2, CoalescingAppender.Overflow.FAIL);
        failing.append(1).subscribe();
        failing.append(2).subscribe();
        StepVerifier.create(failing.append(3))
                .expectError(CoalescingAppender.AppenderFullException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(failing.queueDepth()).isEqualTo(2);

        Sinks.One<String> gate2 = Sinks.one();
        CoalescingAppender<Integer, String> waiting = CoalescingAppender.create(i -> 1, opts(2, Duration.ofMillis(50)),
                RetryPolicy.defaults(), Operation.APPEND, b -> b.index() == 0 ? gate2.asMono() : Mono.just("second"), 2,
                CoalescingAppender.Overflow.WAIT);
        waiting.append(1).subscribe();
        waiting.append(2).subscribe();
        StepVerifier.create(waiting.append(3))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(200))   // waits for room, no error
                .then(() -> gate2.tryEmitValue("first"))
                .expectNext("second")
                .expectComplete().verify(Duration.ofSeconds(20));
        gate.tryEmitValue("x");
    }

    @Test
    void aFailedBatchFailsItsCallersOnlyAndTheAppenderGoesOn() {
        CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 1, opts(2, Duration.ofMillis(50)),
                RetryPolicy.none(), Operation.APPEND,
                b -> b.index() == 0 ? Mono.error(new ApiException("boom", ErrorContext.builder().status(500).build()))
                        : Mono.just("ok"), 10, CoalescingAppender.Overflow.WAIT);
        StepVerifier.create(Flux.merge(a.append(1), a.append(2)).map(Object::toString)
                        .onErrorResume(e -> Mono.just(e.getClass().getSimpleName())).collectList())
                .assertNext(first -> assertThat(first).containsOnly("BatchFailedException"))
                .expectComplete().verify(Duration.ofSeconds(20));
        StepVerifier.create(Flux.merge(a.append(3), a.append(4)).collectList())
                .assertNext(second -> assertThat(second).containsOnly("ok"))
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void eachBatchsFinalOutcomeIsReportedOnceBeforeItsCallersAreAnswered() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 1, opts(2, Duration.ofMillis(50)),
                RetryPolicy.none(), Operation.APPEND,
                b -> b.index() == 0 ? Mono.error(new ApiException("boom", ErrorContext.builder().status(400).build()))
                        : Mono.just("ok"), 10, CoalescingAppender.Overflow.WAIT);
        a.onBatchCompleted(r -> events.add("batch " + r.index() + " rows " + r.rows() + " attempts " + r.attempts()
                + (r.isSuccess() ? " written" : " failed")));
        StepVerifier.create(Flux.merge(a.append(1), a.append(2))
                        .doOnError(e -> events.add("caller failed")).onErrorResume(e -> Mono.empty()).collectList())
                .expectNextCount(1).expectComplete().verify(Duration.ofSeconds(20));
        StepVerifier.create(Flux.merge(a.append(3), a.append(4)).doOnNext(r -> events.add("caller " + r)).collectList())
                .expectNextCount(1).expectComplete().verify(Duration.ofSeconds(20));
        assertThat(events).containsExactly("batch 0 rows 2 attempts 1 failed", "caller failed",
                "batch 1 rows 2 attempts 1 written", "caller ok", "caller ok");
        a.close();
    }

    @Test
    void flushWaitsForEverythingBeforeItAndCloseWritesThePartialBatch() {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 1, opts(100, Duration.ofMillis(50)),
                RetryPolicy.defaults(), Operation.APPEND, b -> Mono.fromRunnable(() -> seen.addAll(b.items())).thenReturn("ok"),
                1000, CoalescingAppender.Overflow.WAIT);
        a.append(1).subscribe();
        a.append(2).subscribe();
        StepVerifier.create(a.flush()).expectComplete().verify(Duration.ofSeconds(20));
        assertThat(seen).containsExactly(1, 2);
        a.append(3).subscribe();
        StepVerifier.create(a.closeGracefully()).expectComplete().verify(Duration.ofSeconds(20));
        assertThat(seen).containsExactly(1, 2, 3);
        StepVerifier.create(a.append(4)).expectError(CoalescingAppender.AppenderClosedException.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void aSharedAppenderNeedsALinger() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CoalescingAppender.create(i -> 1, opts(10, Duration.ZERO),
                        RetryPolicy.defaults(), Operation.APPEND, b -> Mono.just("ok"), 10, CoalescingAppender.Overflow.WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
    }

    @Test
    void oversizedItemIsRefusedAtOnce() {
        CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 10_000_000, opts(10, Duration.ofMillis(50)),
                RetryPolicy.defaults(), Operation.APPEND, b -> Mono.just("ok"), 10, CoalescingAppender.Overflow.WAIT);
        StepVerifier.create(a.append(1)).expectError(SerializationException.class).verify(Duration.ofSeconds(5));
        assertThat(a.queueDepth()).isZero();
    }

    @Test
    void closeTerminatesInFlightQueuedAndWaitingCallers() throws InterruptedException {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        // batch 0 is handed to a writer that never answers; the linger is long, so item 3 stays queued in the cutter
        CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 1,
                BatchingOptions.builder().maxRows(2).linger(Duration.ofHours(1)).maxInFlight(1).build(),
                RetryPolicy.none(), Operation.APPEND, b -> Mono.<String>never().doOnSubscribe(s -> writing.countDown()),
                3, CoalescingAppender.Overflow.WAIT);
        List<Mono<String>> inFlight = List.of(a.append(1).cache(), a.append(2).cache());
        inFlight.forEach(m -> m.subscribe(v -> { }, e -> { }));
        assertThat(writing.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Mono<String> queued = a.append(3).cache();
        queued.subscribe(v -> { }, e -> { });
        Mono<String> waiting = a.append(4).cache(); // capacity 3: waits for room
        waiting.subscribe(v -> { }, e -> { });
        assertThat(a.queueDepth()).isEqualTo(3);

        a.close();

        for (Mono<String> m : inFlight) {
            StepVerifier.create(m).expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOfSatisfying(CoalescingAppender.AppenderClosedException.class,
                                    c -> assertThat(c.wasSent()).isTrue())
                            .hasMessageContaining("may or may not have been written"))
                    .verify(Duration.ofSeconds(20));
        }
        for (Mono<String> m : List.of(queued, waiting)) {
            StepVerifier.create(m).expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOfSatisfying(CoalescingAppender.AppenderClosedException.class,
                                    c -> assertThat(c.wasSent()).isFalse())
                            .hasMessageContaining("it was not written"))
                    .verify(Duration.ofSeconds(20));
        }
        StepVerifier.create(a.closeGracefully()).expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void everyCallerTerminatesWhenTheAppenderIsClosedWhileCallersRace() {
        for (boolean graceful : new boolean[] {false, true}) {
            Set<Integer> written = ConcurrentHashMap.newKeySet();
            CoalescingAppender<Integer, String> a = CoalescingAppender.create(i -> 1, opts(50, Duration.ofMillis(5)),
                    RetryPolicy.none(), Operation.APPEND, b -> Mono.fromCallable(() -> {
                        written.addAll(b.items());
                        return "ok";
                    }).subscribeOn(Schedulers.parallel()), 200, CoalescingAppender.Overflow.WAIT);
            AtomicInteger acked = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Flux<String> callers = Flux.range(0, 2_000)
                    .flatMap(i -> {
                        if (i == 1_000) {
                            return (graceful ? a.closeGracefully() : Mono.fromRunnable(a::close))
                                    .subscribeOn(Schedulers.parallel()).then(Mono.<String>empty());
                        }
                        return a.append(i).subscribeOn(Schedulers.parallel())
                                .doOnNext(v -> acked.incrementAndGet())
                                .onErrorResume(CoalescingAppender.AppenderClosedException.class, e -> {
                                    refused.incrementAndGet();
                                    return Mono.empty();
                                });
                    }, 2_000);
            StepVerifier.create(callers.then()).expectComplete().verify(Duration.ofSeconds(60));
            assertThat(acked.get() + refused.get()).as("graceful=" + graceful + ": every caller terminated")
                    .isEqualTo(1_999);
            if (graceful) {
                assertThat(written).as("a graceful close writes every accepted item").hasSize(acked.get());
            }
        }
    }
}
