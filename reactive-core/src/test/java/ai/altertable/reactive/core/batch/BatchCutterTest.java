package ai.altertable.reactive.core.batch;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BatchCutterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static <T> BatchCutter<T> cutter(Flux<T> source, java.util.function.ToIntFunction<? super T> sizeOf,
                                             int maxRows, int maxBytes, Duration linger) {
        return new BatchCutter<>(source, sizeOf, maxRows, maxBytes, linger, Schedulers.parallel());
    }

    @Test
    void cutsByBytesAskingEachSizeOnce() {
        AtomicInteger asked = new AtomicInteger();
        List<Integer> sizes = List.of(300, 300, 300, 1200, 100, 900, 50);
        StepVerifier.create(cutter(Flux.fromIterable(sizes), size -> {
                    asked.incrementAndGet();
                    return size;
                }, 100, 1000, Duration.ZERO).map(p -> p.items() + "=" + p.bytes()))
                .expectNext("[300, 300, 300]=900", "[1200]=1200", "[100, 900]=1000", "[50]=50")
                .verifyComplete();
        assertThat(asked.get()).isEqualTo(sizes.size());
    }

    @Test
    void aBatchCutByBytesStartsCountingRowsAgain() {
        // maxRows 3, 10 bytes: 4+4 fit, the third 4 would not; the next batch holds 3 rows again
        StepVerifier.create(cutter(Flux.range(0, 8), i -> 4, 3, 10, Duration.ZERO).map(p -> p.items().size()))
                .expectNext(2, 2, 2, 2)
                .verifyComplete();
        StepVerifier.create(cutter(Flux.range(0, 7), i -> 1, 3, 10, Duration.ZERO).map(p -> p.items().size()))
                .expectNext(3, 3, 1)
                .verifyComplete();
    }

    /**
     * The case Reactor's {@code bufferTimeout} with fair backpressure gets wrong: an asynchronous source and a
     * writer whose demand arrives while batches fill on another thread. With a linger far longer than the run, every
     * batch is full.
     */
    @RepeatedTest(5)
    void batchCountsAreExactWhateverTheThreadsDo() {
        Flux<Integer> source = Flux.range(0, 20_000).publishOn(Schedulers.parallel(), 64);
        Flux<Integer> sizes = cutter(source, i -> 10, 500, 1_000_000, MINUTE)
                .concatMap(p -> Mono.just(p.items().size()).delayElement(Duration.ofMillis(1)), 1)
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(sizes.collectList())
                .assertNext(list -> assertThat(list).hasSize(40).containsOnly(500))
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void lingerClosesABatchItsFirstItemStartedInVirtualTime() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        // the source stays open: only the linger can close a batch
        Flux<Integer> source = Flux.concat(Flux.just(1), Mono.delay(Duration.ofSeconds(1), vts).thenReturn(2),
                Mono.delay(Duration.ofSeconds(4), vts).thenReturn(3), Flux.never());
        StepVerifier.withVirtualTime(() -> new BatchCutter<>(source, i -> 1, 100, 1000, Duration.ofSeconds(2), vts)
                        .map(BatchCutter.Part::items), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(List.of(1, 2))                   // linger from item 1 (t=0) to t=2s
                .expectNoEvent(Duration.ofMillis(4999))      // item 3 at t=5s, its linger ends at t=7s
                .thenAwait(Duration.ofMillis(1))
                .expectNext(List.of(3))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aFullBatchCancelsItsLingerTimer() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        Flux<Integer> source = Flux.concat(Flux.range(0, 3), Mono.delay(Duration.ofSeconds(1), vts).thenReturn(3),
                Flux.never());
        StepVerifier.withVirtualTime(() -> new BatchCutter<>(source, i -> 1, 3, 1000, Duration.ofSeconds(2), vts)
                        .map(BatchCutter.Part::items), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNext(List.of(0, 1, 2))
                .expectNoEvent(Duration.ofMillis(2999))      // item 3 at t=1s lingers until t=3s, not t=2s
                .thenAwait(Duration.ofMillis(1))
                .expectNext(List.of(3))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void theSourceIsRequestedOnlyForOneBatchBeingFilledAndOneWaiting() {
        AtomicLong requested = new AtomicLong();
        // hide(): a source that pushes (a pulled one is never requested, see the next test)
        Flux<Integer> source = Flux.range(0, 1_000_000).doOnRequest(requested::addAndGet).hide();
        StepVerifier.create(cutter(source, i -> 1, 100, 1_000_000, MINUTE), 1)
                .expectNextMatches(p -> p.items().size() == 100)
                .then(() -> assertThat(requested.get()).isEqualTo(200))
                .thenRequest(3)
                .expectNextCount(3)
                .then(() -> assertThat(requested.get()).isEqualTo(500))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aPulledSourceIsPulledOnlyForTheBatchesAskedForAndOneWaiting() {
        AtomicLong pulled = new AtomicLong();
        AtomicLong requested = new AtomicLong();
        // range + doOnNext can be pulled item by item (synchronous fusion): doOnNext runs as each item is pulled
        Flux<Integer> source = Flux.range(0, 1_000_000).doOnNext(i -> pulled.incrementAndGet())
                .doOnRequest(requested::addAndGet);
        StepVerifier.create(cutter(source, i -> 1, 100, 1_000_000, MINUTE), 1)
                .expectNextMatches(p -> p.items().size() == 100)
                .then(() -> assertThat(pulled.get()).isEqualTo(200))
                .thenRequest(3)
                .expectNextCount(3)
                .then(() -> assertThat(pulled.get()).isEqualTo(500))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(requested.get()).as("pulled, never requested").isZero();
    }

    @Test
    void aPulledSourceIsCutByRowsAndBytesWithoutATimerAndItsFailuresDiscardTheHeldItems() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        StepVerifier.create(new BatchCutter<>(Flux.range(0, 8), i -> 4, 3, 10, Duration.ofSeconds(1), vts)
                        .map(p -> p.items().size()))
                .expectNext(2, 2, 2, 2)
                .verifyComplete();
        assertThat(vts.getScheduledTaskCount()).as("no linger timer for a pulled source").isZero();

        List<Object> discarded = new ArrayList<>();
        Flux<Integer> failing = Flux.range(0, 10).map(i -> {
            if (i == 4) {
                throw new IllegalStateException("boom at 4");
            }
            return i;
        });
        StepVerifier.create(cutter(failing, i -> 1, 3, 100, MINUTE).doOnDiscard(Integer.class, discarded::add))
                .expectNextMatches(p -> p.items().equals(List.of(0, 1, 2)))
                .expectErrorMessage("boom at 4")
                .verify(Duration.ofSeconds(10));
        assertThat(discarded).containsExactly(3);
    }

    @Test
    void cutListsAreUnmodifiableAndBatchesKeepThemWithoutACopy() {
        BatchCutter.Part<Integer> part = cutter(Flux.range(0, 3), i -> 1, 3, 100, MINUTE).blockFirst();
        assertThat(part.items()).containsExactly(0, 1, 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> part.items().set(0, 9))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> part.items().add(9))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Batch<>(0, 0, part.items(), 3).items()).isSameAs(part.items());
        List<Integer> mutable = new ArrayList<>(List.of(1, 2));
        Batch<Integer> copied = new Batch<>(0, 0, mutable, 2);
        mutable.add(3);
        assertThat(copied.items()).containsExactly(1, 2);
    }

    @Test
    void theEndOfTheSourceClosesThePartialBatchAndEmptySourcesGiveNoBatch() {
        StepVerifier.create(cutter(Flux.range(0, 5), i -> 1, 3, 100, MINUTE).map(p -> p.items().size()))
                .expectNext(3, 2)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(cutter(Flux.<Integer>empty(), i -> 1, 3, 100, MINUTE)).verifyComplete();
    }

    @Test
    void aSourceErrorIsDeliveredAndHeldItemsAreDiscarded() {
        List<Object> discarded = new ArrayList<>();
        Flux<Integer> source = Flux.concat(Flux.range(0, 5), Flux.error(new IllegalStateException("boom")));
        // the items are requested 3 at a time: [0, 1, 2] is cut and delivered before the source sends 3, 4 and fails;
        // the error does not wait for demand, and the partial batch is discarded
        StepVerifier.create(cutter(source, i -> 1, 3, 100, MINUTE).doOnDiscard(Integer.class, discarded::add), 1)
                .expectNextMatches(p -> p.items().equals(List.of(0, 1, 2)))
                .expectErrorMessage("boom")
                .verify(Duration.ofSeconds(10));
        assertThat(discarded).containsExactly(3, 4);
    }

    @Test
    void aFailingSizeFunctionFailsTheStreamAndCancelsTheSource() {
        AtomicInteger cancelled = new AtomicInteger();
        Flux<Integer> source = Flux.range(0, 10).doOnCancel(cancelled::incrementAndGet);
        StepVerifier.create(cutter(source, i -> {
                    if (i == 4) {
                        throw new IllegalArgumentException("cannot encode 4");
                    }
                    return 1;
                }, 3, 100, MINUTE))
                .expectNextMatches(p -> p.items().equals(List.of(0, 1, 2)))
                .expectErrorMessage("cannot encode 4")
                .verify(Duration.ofSeconds(10));
        assertThat(cancelled.get()).isEqualTo(1);
    }

    @Test
    void cancelStopsTheSourceAndTheTimer() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        AtomicInteger cancelled = new AtomicInteger();
        Flux<Integer> source = Flux.concat(Flux.just(1), Flux.<Integer>never()).doOnCancel(cancelled::incrementAndGet);
        StepVerifier.withVirtualTime(() -> new BatchCutter<>(source, i -> 1, 10, 100, Duration.ofSeconds(2), vts),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(cancelled.get()).isEqualTo(1);
        vts.advanceTimeBy(Duration.ofSeconds(10)); // the linger task, if still scheduled, would close a batch nobody reads
    }

    @Test
    void theSourceSeesTheSubscribersContext() {
        Flux<Integer> source = Flux.deferContextual(ctx -> Flux.just(ctx.get("tenant").hashCode()));
        StepVerifier.create(cutter(source, i -> 1, 3, 100, MINUTE).map(p -> p.items().get(0))
                        .contextWrite(Context.of("tenant", "acme")))
                .expectNext("acme".hashCode())
                .verifyComplete();
    }
}
