package ai.altertable.reactive.core.internal;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

class IdleTimeoutTest {

    private static Flux<Integer> guarded(Flux<Integer> source) {
        return IdleTimeout.apply(source, Duration.ofSeconds(5), Schedulers.parallel(),
                () -> new TimeoutException("idle"));
    }

    @Test
    void firesWhenTheSubscriberWaitsAndNothingArrives() {
        StepVerifier.withVirtualTime(() -> guarded(Flux.<Integer>never()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorMessage("idle")
                .verify();
    }

    @Test
    void eachElementRestartsTheTimer() {
        StepVerifier.withVirtualTime(() -> guarded(Flux.interval(Duration.ofSeconds(4)).map(Long::intValue).take(3)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(12))
                .expectNext(0, 1, 2)
                .verifyComplete();
    }

    @Test
    void doesNotRunWhileTheSubscriberRequestsNothing() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.getOrSet();
        try {
            Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(guarded(sink.asFlux()), 0)
                    .expectSubscription()
                    .then(() -> vts.advanceTimeBy(Duration.ofHours(1)))   // slow subscriber: no demand, no timeout
                    .thenRequest(1)
                    .then(() -> sink.tryEmitNext(1))
                    .expectNext(1)
                    .then(() -> vts.advanceTimeBy(Duration.ofHours(1)))   // demand satisfied again: still no timeout
                    .thenRequest(1)
                    .then(() -> vts.advanceTimeBy(Duration.ofSeconds(5)))
                    .expectErrorMessage("idle")
                    .verify(Duration.ofSeconds(5));
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void timeoutCancelsTheSource() {
        Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.withVirtualTime(() -> guarded(sink.asFlux()))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectError(TimeoutException.class)
                .verify();
        org.assertj.core.api.Assertions.assertThat(sink.currentSubscriberCount()).isZero();
    }

    @Test
    void zeroTimeoutIsNoTimeout() {
        StepVerifier.withVirtualTime(() -> IdleTimeout.apply(Flux.just(1), Duration.ZERO, Schedulers.parallel(),
                        () -> new TimeoutException()))
                .expectNext(1).verifyComplete();
    }

    @Test
    void firstElementHasItsOwnTimeout() {
        StepVerifier.withVirtualTime(() -> IdleTimeout.apply(Flux.interval(Duration.ofSeconds(20), Duration.ofSeconds(1))
                                .map(Long::intValue).take(3), Duration.ofSeconds(30), Duration.ofSeconds(2),
                        Schedulers.parallel(), first -> new TimeoutException(first ? "first" : "idle")))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(25))
                .expectNext(0, 1, 2)
                .verifyComplete();
        StepVerifier.withVirtualTime(() -> IdleTimeout.apply(Flux.<Integer>never(), Duration.ofSeconds(30),
                        Duration.ofSeconds(2), Schedulers.parallel(), first -> new TimeoutException(first ? "first" : "idle")))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(30))
                .expectErrorMessage("first")
                .verify();
    }
}
