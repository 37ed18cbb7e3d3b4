package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.Operation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge from a blocking batch source to a Flux, on a counting fake source, with detached items (converted on the
 * io thread): blocking calls only on io threads, signals only on non-blocking delivery threads, and the demand bounds.
 */
class BatchStreamTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BufferAllocator allocator;
    private BridgeThreads threads;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicInteger offThreadSignals = new AtomicInteger();
    private final AtomicInteger convertedOnNonBlocking = new AtomicInteger();
    private final CopyOnWriteArrayList<Integer> discarded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        threads = new BridgeThreads();
    }

    @AfterEach
    void tearDown() {
        // a cancel frees what the bridge holds on its own thread, right after the cancel returns: give it that moment
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> allocator.getAllocatedMemory() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // closing the allocator reports what is still held
        }
        threads.close();
        allocator.close(); // every root the source and the items held must be closed by now
        assertThat(offThreadSignals).as("signals delivered off the delivery threads").hasValue(0);
        assertThat(convertedOnNonBlocking).as("conversions on a non-blocking thread").hasValue(0);
    }

    /** Demand so far plus prefetch: the most {@code next()} calls the bridge may have made. */
    private long allowed(int prefetch) {
        long r = requested.get();
        return r > Long.MAX_VALUE - prefetch ? Long.MAX_VALUE : r + prefetch;
    }

    private BatchStream<Integer> bridge(CountingSource source, int prefetch, BatchStream.Converter<Integer> converter) {
        source.delivered = delivered::get;
        return new BatchStream<>(threads.io, threads.delivery, prefetch, () -> source,
                BatchStream.Items.detached(converter, discarded::add), Operation.FLIGHT_READ_ONLY_QUERY, null);
    }

    private Flux<Integer> stream(CountingSource source, int prefetch) {
        return bridge(source, prefetch, (root, s) -> {
            if (Schedulers.isInNonBlockingThread()) {
                convertedOnNonBlocking.incrementAndGet();
            }
            return ((IntVector) root.getVector(0)).get(0);
        }).doOnEach(signal -> {
            if (!Schedulers.isInNonBlockingThread() && !signal.isOnSubscribe()) {
                offThreadSignals.incrementAndGet();
            }
        }).doOnNext(i -> delivered.incrementAndGet())
                .doOnRequest(n -> requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void nextIsCalledAtMostDemandPlusPrefetchTimesAndOnlyOnIoThreads(int prefetch) {
        CountingSource source = new CountingSource(allocator, 20, () -> allowed(prefetch), -1);

        StepVerifier.create(stream(source, prefetch), 0)
                .expectSubscription()
                .then(() -> assertThat(source.calls()).isZero()) // nothing opened or fetched before demand
                .thenRequest(1).expectNext(0)
                .thenRequest(2).expectNext(1, 2)
                .thenRequest(5).expectNext(3, 4, 5, 6, 7)
                .thenRequest(Long.MAX_VALUE).expectNextCount(12)
                .verifyComplete();

        assertThat(source.maxExcess()).isLessThanOrEqualTo(0);
        assertThat(source.calls()).isEqualTo(20);
        assertThat(source.closed).isTrue();
        assertThat(source.onNonBlockingThreads).as("next() or close() on a non-blocking thread").hasValue(0);
        assertThat(source.offIoThreads).as("next() or close() off the io threads").hasValue(0);
    }

    @Test
    void withoutPrefetchEveryRequestCausesExactlyOneNext() {
        CountingSource source = new CountingSource(allocator, 10, () -> allowed(0), -1);

        StepVerifier.Step<Integer> steps = StepVerifier.create(stream(source, 0), 0).expectSubscription();
        for (int i = 0; i < 10; i++) {
            int expected = i;
            steps = steps.thenRequest(1).expectNext(expected)
                    .then(() -> assertThat(source.calls()).isEqualTo(expected + 1));
        }
        steps.thenRequest(1).verifyComplete();

        assertThat(source.maxExcess()).isLessThanOrEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void atMostPrefetchPlusOneItemsWaitForABusySubscriber(int prefetch) {
        CountingSource source = new CountingSource(allocator, 200, () -> allowed(prefetch), -1);
        AtomicLong sink = new AtomicLong();

        // unbounded demand, but each item costs the subscriber some CPU (never a blocking wait: it is on a delivery
        // thread), so the io side could run ahead if nothing held it back
        StepVerifier.create(stream(source, prefetch).doOnNext(i -> sink.addAndGet(spin(20_000))))
                .expectNextCount(200)
                .verifyComplete();

        assertThat(source.maxHeld()).isLessThanOrEqualTo(prefetch + 1);
    }

    @Test
    void itemsFetchedBeforeTheEndAreDeliveredOnLaterRequests() {
        CountingSource source = new CountingSource(allocator, 2, () -> allowed(3), -1);

        StepVerifier.create(stream(source, 3), 0)
                .thenRequest(1)
                .expectNext(0)
                .then(() -> await().atMost(TIMEOUT).untilTrue(source.closed)) // the io side has ended, item 1 waits
                .thenRequest(1)
                .expectNext(1)
                .verifyComplete();
    }

    @Test
    void aSlowSubscriberHoldsBackTheSource() {
        CountingSource source = new CountingSource(allocator, 1000, () -> allowed(1), -1);

        StepVerifier.create(stream(source, 1), 0)
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertThat(source.calls()).isLessThanOrEqualTo(4))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(source.maxExcess()).isLessThanOrEqualTo(0);
    }

    @Test
    void cancelFromANonBlockingThreadWhileNextBlocksClosesTheSourceOnAnIoThreadAndDiscardsPrefetchedItems() {
        // one item requested, prefetch 2: items 0 and 1 are fetched, the third next() blocks in the server's wait
        CountingSource source = new CountingSource(allocator, 100, () -> Long.MAX_VALUE, 2);
        Recorder recorder = new Recorder(1);
        stream(source, 2).subscribe(recorder);

        await().atMost(TIMEOUT).until(() -> recorder.received.size() == 1);
        awaitLatch(source);
        // BlockHound fails this if cancel() blocks: parallel() threads are non-blocking
        Mono.fromRunnable(recorder::cancel).subscribeOn(Schedulers.parallel()).block(TIMEOUT);

        await().atMost(TIMEOUT).untilTrue(source.closed);
        assertThat(source.cancelled).isTrue();
        await().atMost(TIMEOUT).until(() -> discarded.size() == 1);
        assertThat(discarded).containsExactly(1); // fetched ahead, never delivered
        assertThat(recorder.received).containsExactly(0);
        assertThat(source.onNonBlockingThreads).hasValue(0);
        assertThat(source.offIoThreads).as("next() or close() off the io threads").hasValue(0);
    }

    @Test
    void aSubscriberThatThrowsWhileTheNextFetchWaitsCancelsTheCallAndGetsItsErrorBack() {
        // prefetch 1: while item 0 is in onNext, the io side waits in the second next() (which blocks until cancelled)
        CountingSource source = new CountingSource(allocator, 10, () -> Long.MAX_VALUE, 1);
        IllegalStateException boom = new IllegalStateException("subscriber");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        stream(source, 1).subscribe(new CoreSubscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer value) {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (source.blockAt.getCount() > 0 && System.nanoTime() < deadline) {
                    spin(100); // not a blocking wait: this is a delivery thread
                }
                throw boom; // breaks the rules on purpose (a BaseSubscriber would cancel first)
            }

            @Override
            public void onError(Throwable error) {
                seen.set(error);
            }

            @Override
            public void onComplete() {
            }
        });

        await().atMost(TIMEOUT).until(() -> seen.get() != null);
        assertThat(seen.get()).isSameAs(boom);
        assertThat(source.cancelled).as("the call was cancelled, not waited for").isTrue();
        assertThat(source.closed).isTrue();
    }

    @Test
    void aSourceFailureClosesTheSourceAndIsMappedAfterTheItemsFetchedBeforeIt() {
        CountingSource source = new CountingSource(allocator, 10, () -> Long.MAX_VALUE, -1);
        source.failAt = 2;

        StepVerifier.create(stream(source, 1))
                .expectNext(0, 1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("Failed to query arrow")
                        .satisfies(b -> assertThat(((BadRequestException) b).path()).isEqualTo("DoGet")))
                .verify(TIMEOUT);
        assertThat(source.closed).isTrue();
    }

    @Test
    void aConverterFailureIsDeliveredUnchanged() {
        CountingSource source = new CountingSource(allocator, 10, () -> Long.MAX_VALUE, -1);
        IllegalStateException boom = new IllegalStateException("converter");
        AtomicReference<Throwable> seen = new AtomicReference<>();

        StepVerifier.create(bridge(source, 1, (root, s) -> {
            throw boom;
        })).expectErrorSatisfies(seen::set).verify(TIMEOUT);

        assertThat(seen.get()).isSameAs(boom);
        assertThat(source.closed).isTrue();
    }

    /** Some CPU work that the JIT cannot remove; never a blocking wait. */
    static long spin(int rounds) {
        long x = rounds;
        for (int i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    static void awaitLatch(CountingSource source) {
        try {
            assertThat(source.blockAt.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Requests a fixed number of items and records them. */
    static final class Recorder extends BaseSubscriber<Integer> {
        final CopyOnWriteArrayList<Integer> received = new CopyOnWriteArrayList<>();
        private final long demand;

        Recorder(long demand) {
            this.demand = demand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(demand);
        }

        @Override
        protected void hookOnNext(Integer value) {
            received.add(value);
        }
    }
}
