package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BatcherTest {

    static final RetryPolicy FAST_RETRY = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5)).jitterSource(() -> 0.5).build();

    private static BatchingOptions.Builder opts() {
        return BatchingOptions.builder().maxRows(3).maxBytes(1000).linger(Duration.ofSeconds(1)).maxInFlight(2);
    }

    private static ApiException status(int s) {
        return new ApiException("x", ErrorContext.builder().status(s).build());
    }

    @Test
    void cutsByRowsAndKeepsSourceOrder() {
        List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
        StepVerifier.create(Batcher.write(Flux.range(0, 8), i -> 10, opts().build(), FAST_RETRY, Operation.APPEND,
                        b -> Mono.fromCallable(() -> {
                            written.add(b.items());
                            return "ack" + b.index();
                        })))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow, BatchResult::rows,
                        BatchResult::bytes, BatchResult::ack).containsExactly(0L, 0L, 3, 30L, "ack0"))
                .assertNext(r -> assertThat(r.firstRow()).isEqualTo(3))
                .assertNext(r -> assertThat(r.rows()).isEqualTo(2))
                .verifyComplete();
        assertThat(written).containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7));
    }

    @Test
    void cutsByEncodedBytes() {
        StepVerifier.create(Batcher.write(Flux.range(0, 3), i -> 400, opts().maxRows(10).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.just(b.rows())))
                .expectNextMatches(r -> r.rows() == 2 && r.bytes() == 800)
                .expectNextMatches(r -> r.rows() == 1)
                .verifyComplete();
    }

    @Test
    void lingerClosesAPartialBatchInVirtualTime() {
        Sinks.Many<Integer> source = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.withVirtualTime(() -> Batcher.write(source.asFlux(), i -> 1, opts().maxRows(100).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.just(b.items())))
                .expectSubscription()
                .then(() -> source.tryEmitNext(1))
                .then(() -> source.tryEmitNext(2))
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(r -> assertThat(r.ack()).isEqualTo(List.of(1, 2)))
                .then(() -> source.tryEmitNext(3))
                .then(source::tryEmitComplete)
                .assertNext(r -> assertThat(r.ack()).isEqualTo(List.of(3)))
                .verifyComplete();
    }

    @Test
    void sourceIsRequestedOnlyAsFastAsBatchesAreWritten() {
        AtomicLong requested = new AtomicLong();
        Sinks.Many<String> acks = Sinks.many().multicast().onBackpressureBuffer();
        // hide(): a source that pushes; a pulled one is pulled as sparingly (next test)
        Flux<Integer> endless = Flux.range(0, Integer.MAX_VALUE).doOnRequest(n -> requested.addAndGet(Math.min(n, 1_000_000)))
                .hide();
        StepVerifier.create(Batcher.write(endless, i -> 1, opts().maxRows(100).maxInFlight(2).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.<String>never()), 10)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(200))
                // two batches being written, one cut and waiting for the writer: nothing more is asked of the source
                .then(() -> assertThat(requested.get()).as("bounded by in-flight batches").isEqualTo(300))
                .thenCancel()
                .verify();
        acks.tryEmitComplete();
    }

    @Test
    void aPulledSourceIsPulledOnlyAsFastAsBatchesAreWritten() {
        AtomicLong pulled = new AtomicLong();
        Flux<Integer> endless = Flux.range(0, Integer.MAX_VALUE).doOnNext(i -> pulled.incrementAndGet());
        StepVerifier.create(Batcher.write(endless, i -> 1, opts().maxRows(100).maxInFlight(2).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.<String>never()), 10)
                .expectSubscription() // a pulled source is pulled synchronously, on subscription
                .then(() -> assertThat(pulled.get()).as("bounded by in-flight batches").isEqualTo(300))
                .thenCancel()
                .verify();
    }

    @Test
    void atMostOnceDoesNotResendAfterA5xxButRetries429() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(Batcher.write(Flux.range(0, 3), i -> 1, opts().build(), FAST_RETRY, Operation.APPEND,
                        b -> Mono.defer(() -> calls.incrementAndGet() == 1 ? Mono.error(status(503)) : Mono.just("ok"))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("batch 0 (rows 0-2)");
                    assertThat(((BatchFailedException) e).rows()).isEqualTo(3);
                    assertThat(e.getCause()).isInstanceOf(ApiException.class);
                })
                .verify(Duration.ofSeconds(5));
        assertThat(calls).hasValue(1);

        AtomicInteger paced = new AtomicInteger();
        StepVerifier.create(Batcher.write(Flux.range(0, 3), i -> 1, opts().build(), FAST_RETRY, Operation.APPEND,
                        b -> Mono.defer(() -> paced.incrementAndGet() == 1 ? Mono.error(status(429)) : Mono.just("ok"))))
                .expectNextMatches(BatchResult::isSuccess)
                .verifyComplete();
        assertThat(paced).hasValue(2);
    }

    @Test
    void atLeastOnceResendsTheBatchOnly() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<Integer> source = Flux.range(0, 6).doOnSubscribe(s -> subscriptions.incrementAndGet());
        StepVerifier.create(Batcher.write(source, i -> 1, opts().deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build(),
                        FAST_RETRY, Operation.APPEND,
                        b -> Mono.defer(() -> calls.incrementAndGet() == 1 ? Mono.error(status(503)) : Mono.just("ok"))))
                .expectNextCount(2)
                .verifyComplete();
        assertThat(calls).hasValue(3);
        assertThat(subscriptions).as("the source is never resubscribed").hasValue(1);
    }

    @Test
    void aResentBatchSaysSo_andTheSummaryCountsIt() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(Batcher.summarize(Batcher.write(Flux.range(0, 9), i -> 1,
                        opts().maxInFlight(1).deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.defer(() -> {
                            int n = calls.incrementAndGet();
                            return n == 2 || n == 3 ? Mono.error(status(503)) : Mono.just("ok"); // batch 1: 3 sends
                        }))))
                .assertNext(s -> {
                    assertThat(s.resentBatches()).isEqualTo(1);
                    assertThat(s.isComplete()).isTrue();
                })
                .verifyComplete();

        calls.set(0);
        StepVerifier.create(Batcher.write(Flux.range(0, 6), i -> 1,
                        opts().maxInFlight(1).deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build(), FAST_RETRY,
                        Operation.APPEND, b -> Mono.defer(() -> calls.incrementAndGet() == 1
                                ? Mono.error(status(502)) : Mono.just("ok"))))
                .assertNext(r -> assertThat(r.attempts()).isEqualTo(2).matches(a -> r.resent()))
                .assertNext(r -> assertThat(r.resent()).isFalse())
                .verifyComplete();
    }

    @Test
    void aFailedBatchNamesItsAttempts() {
        StepVerifier.create(Batcher.write(Flux.range(0, 3), i -> 1,
                        opts().deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build(),
                        RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
                                .maxBackoff(Duration.ofMillis(2)).build(),
                        Operation.APPEND, b -> Mono.error(status(503))))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("after 3 attempts");
                    assertThat(((BatchFailedException) e).attempts()).isEqualTo(3);
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void continuePolicyReportsFailedBatchesAndGoesOn() {
        StepVerifier.create(Batcher.summarize(Batcher.write(Flux.range(0, 9), i -> 1,
                        opts().maxInFlight(1).errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build(), RetryPolicy.none(),
                        Operation.APPEND, b -> b.index() == 1 ? Mono.error(status(500)) : Mono.just("ok"))))
                .assertNext(s -> {
                    assertThat(s.batches()).isEqualTo(3);
                    assertThat(s.rows()).isEqualTo(6);
                    assertThat(s.failedBatches()).isEqualTo(1);
                    assertThat(s.failedRows()).isEqualTo(3);
                    assertThat(s.failures()).singleElement().satisfies(f -> assertThat(f.firstRow()).isEqualTo(3));
                    assertThat(s.isComplete()).isFalse();
                })
                .verifyComplete();
    }

    @Test
    void batchesCutByBytesKeepRowPositions() {
        StepVerifier.create(Batcher.write(Flux.just(600, 600, 600, 100), i -> i, opts().maxRows(10).build(),
                        FAST_RETRY, Operation.APPEND, b -> Mono.just(b.items())))
                .expectNextMatches(r -> r.index() == 0 && r.firstRow() == 0 && r.rows() == 1)
                .expectNextMatches(r -> r.index() == 1 && r.firstRow() == 1 && r.rows() == 1)
                .expectNextMatches(r -> r.index() == 2 && r.firstRow() == 2 && r.rows() == 2 && r.bytes() == 700)
                .verifyComplete();
    }

    @Test
    void anOversizedItemFailsItsBatch() {
        StepVerifier.create(Batcher.write(Flux.just(1), i -> 5000, opts().build(), FAST_RETRY, Operation.APPEND,
                        b -> Mono.just("never")))
                .expectErrorSatisfies(e -> assertThat(e.getCause()).isInstanceOf(SerializationException.class)
                        .hasMessageContaining("5000"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void writesRunConcurrentlyUpToMaxInFlightAndResultsStayOrdered() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        StepVerifier.create(Batcher.write(Flux.range(0, 30), i -> 1, opts().maxInFlight(3).build(), FAST_RETRY,
                                Operation.APPEND, b -> Mono.delay(Duration.ofMillis(20 - b.index()))
                                        .doOnSubscribe(s -> maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                                        .doOnSuccess(x -> inFlight.decrementAndGet())
                                        .thenReturn(b.index()))
                        .map(BatchResult::ack))
                .expectNext(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)
                .verifyComplete();
        assertThat(maxSeen.get()).isEqualTo(3);
    }

    /** A batch a caller cut itself: {@code rows} rows of {@code bytes} bytes. */
    private record Cut(int rows, long bytes) {
    }

    @Test
    void batchesCutByTheCallerAreWrittenWithTheSamePolicies() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<Cut> cut = Flux.just(new Cut(5, 50), new Cut(2, 20), new Cut(7, 70))
                .doOnSubscribe(s -> subscriptions.incrementAndGet());
        BatchingOptions atLeastOnce = opts().maxRows(1).deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();

        StepVerifier.create(Batcher.writeEach(cut, Cut::rows, Cut::bytes, atLeastOnce, FAST_RETRY, Operation.APPEND,
                        c -> Mono.defer(() -> calls.incrementAndGet() == 2 ? Mono.error(status(503))
                                : Mono.just(c.rows()))))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow, BatchResult::rows,
                        BatchResult::bytes, BatchResult::ack, BatchResult::attempts)
                        .containsExactly(0L, 0L, 5, 50L, 5, 1))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow, BatchResult::rows,
                        BatchResult::attempts).containsExactly(1L, 5L, 2, 2))
                .assertNext(r -> assertThat(r).extracting(BatchResult::firstRow, BatchResult::rows)
                        .containsExactly(7L, 7))
                .verifyComplete();
        assertThat(subscriptions).as("never cut, merged or resubscribed").hasValue(1);

        StepVerifier.create(Batcher.writeEach(Flux.just(new Cut(1, 10), new Cut(3, 5000), new Cut(1, 10)), Cut::rows,
                        Cut::bytes, opts().errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build(), FAST_RETRY,
                        Operation.APPEND, c -> Mono.just("ok")))
                .expectNextMatches(BatchResult::isSuccess)
                .assertNext(r -> {
                    assertThat(r.error()).isInstanceOf(SerializationException.class).hasMessageContaining("5000");
                    assertThat(r.attempts()).as("larger than maxBytes: never sent").isZero();
                    assertThat(r.firstRow()).isEqualTo(1);
                })
                .expectNextMatches(r -> r.isSuccess() && r.firstRow() == 4)
                .verifyComplete();
    }

    @Test
    void batchesCutByTheCallerStayWithinMaxInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        StepVerifier.create(Batcher.writeEach(Flux.range(0, 20).map(i -> new Cut(1, 1)), Cut::rows, Cut::bytes,
                        opts().maxInFlight(3).build(), FAST_RETRY, Operation.APPEND,
                        c -> Mono.delay(Duration.ofMillis(5))
                                .doOnSubscribe(s -> maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                                .doOnSuccess(x -> inFlight.decrementAndGet())))
                .expectNextCount(20)
                .verifyComplete();
        assertThat(maxSeen.get()).isEqualTo(3);
    }
}
