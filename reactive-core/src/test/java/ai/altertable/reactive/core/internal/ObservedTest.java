package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle every observed operation gets: start at subscription, one end, headers in the context. */
class ObservedTest {

    /** Records the calls it gets, as strings. */
    static final class Recording implements ClientObservability, OperationObservation {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, String> write;

        Recording(Map<String, String> write) {
            this.write = write;
        }

        @Override
        public boolean isEnabled() {
            return true;
        }

        @Override
        public OperationObservation start(OperationStart start) {
            calls.add("start " + start.operation() + " " + start.context().getOrDefault("user", "-"));
            write.forEach(start.headers());
            return this;
        }

        @Override
        public void batchCompleted(String operation, String transport, String table, int rows, int attempts,
                                   Throwable error) {
        }

        @Override
        public AutoCloseable appenderGauges(String operation, String transport, IntSupplier queueDepth,
                                            IntSupplier waitingCallers) {
            return () -> { };
        }

        @Override
        public void firstRow() {
            calls.add("first row");
        }

        @Override
        public void received(long rows, long bytes) {
            calls.add("received " + rows + " " + bytes);
        }

        @Override
        public void sent(long rows, long bytes) {
        }

        @Override
        public void attribute(String key, String value) {
        }

        @Override
        public void retried(Throwable cause) {
            calls.add("retried " + cause.getMessage());
        }

        @Override
        public void cancelSent() {
        }

        @Override
        public void success() {
            calls.add("success");
        }

        @Override
        public void error(Throwable error) {
            calls.add("error " + error.getMessage());
        }

        @Override
        public void cancelled() {
            calls.add("cancelled");
        }
    }

    static <T> Flux<T> observed(Recording r, Flux<T> body) {
        return Observed.flux(r, "op", OperationStart.REST, OperationStart.Kind.STREAM, null, null, o -> body);
    }

    @Test
    void startsAtEachSubscriptionWithTheSubscribersContextAndEndsOnce() {
        Recording r = new Recording(Map.of());
        Flux<Integer> flux = observed(r, Flux.range(0, 3));
        assertThat(r.calls).isEmpty(); // assembled, not subscribed

        StepVerifier.create(flux.contextWrite(c -> c.put("user", "u1"))).expectNextCount(3).verifyComplete();
        StepVerifier.create(flux).expectNextCount(3).verifyComplete();
        assertThat(r.calls).containsExactly("start op u1", "success", "start op -", "success");
    }

    @Test
    void anErrorEndsItAsAnErrorAndACancelAsCancelled() {
        Recording r = new Recording(Map.of());
        StepVerifier.create(observed(r, Flux.error(new IllegalStateException("boom")))).verifyError();
        StepVerifier.create(observed(r, Flux.never()), 0).thenCancel().verify();
        assertThat(r.calls).containsExactly("start op -", "error boom", "start op -", "cancelled");
    }

    @Test
    void headersWrittenAtStartAreInTheOperationsContext() {
        Recording r = new Recording(Map.of("traceparent", "00-abc-def-01"));
        Flux<Map<String, String>> seen = observed(r, Flux.deferContextual(cv -> Flux.just(Observed.headers(cv))));
        StepVerifier.create(seen).expectNext(Map.of("traceparent", "00-abc-def-01")).verifyComplete();

        Recording none = new Recording(Map.of());
        StepVerifier.create(observed(none, Flux.deferContextual(cv -> Flux.just(cv.hasKey(Observed.HEADERS)))))
                .expectNext(false).verifyComplete();
    }

    @Test
    void rowsAreReportedAtTheFirstEvery4096AndAtTheEndBeforeTheOutcome() {
        Recording r = new Recording(Map.of());
        Flux<Integer> rows = Observed.rows(r, "query", OperationStart.REST, null, o -> Flux.range(0, 10_000));
        StepVerifier.create(rows).expectNextCount(10_000).verifyComplete();
        assertThat(r.calls).containsExactly("start query -", "first row", "received 4096 0", "received 4096 0",
                "received 1808 0", "success");

        r.calls.clear();
        StepVerifier.create(Observed.rows(r, "query", OperationStart.REST, null, o -> Flux.range(0, 5_000)), 0)
                .thenRequest(4_500).expectNextCount(4_500).thenCancel().verify();
        assertThat(r.calls).containsExactly("start query -", "first row", "received 4096 0", "received 404 0",
                "cancelled");

        r.calls.clear();
        StepVerifier.create(Observed.rows(r, "query", OperationStart.REST, null,
                o -> Flux.range(0, 3).concatWith(Flux.error(new IllegalStateException("boom")))))
                .expectNextCount(3).verifyError();
        assertThat(r.calls).containsExactly("start query -", "first row", "received 3 0", "error boom");
    }

    @Test
    void anOperationEndsOnceEvenIfCancelledAfterItsEnd() {
        Recording r = new Recording(Map.of());
        StepVerifier.create(observed(r, Flux.range(0, 3)).next()).expectNext(0).verifyComplete();
        // next() cancels after the first item: the end is the cancel, reported once
        assertThat(r.calls).containsExactly("start op -", "cancelled");
    }

    @Test
    void retriesAreReportedOnlyWhenDecided() {
        Recording r = new Recording(Map.of());
        int[] attempt = {0};
        Mono<String> failing = Mono.defer(() -> Mono.error(new IllegalStateException("attempt " + ++attempt[0])));
        StepVerifier.create(failing.retryWhen(Observed.retries(Retry.fixedDelay(2, Duration.ofMillis(1)), r)))
                .verifyError();
        // two retries decided; the third failure is given up on, not retried
        assertThat(r.calls).containsExactly("retried attempt 1", "retried attempt 2");
    }
}
