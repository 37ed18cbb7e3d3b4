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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge from a blocking batch source to a Flux, on a counting fake source. */
class BatchStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BufferAllocator allocator;
    private Scheduler scheduler;
    private final AtomicLong requested = new AtomicLong();
    private final CopyOnWriteArrayList<Integer> discarded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        scheduler = Schedulers.newBoundedElastic(2, 100, "batch-stream-test");
    }

    @AfterEach
    void tearDown() {
        // a cancel frees what the bridge holds on its own thread, right after the cancel returns: give it that moment
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> allocator.getAllocatedMemory() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // closing the allocator reports what is still held
        }
        scheduler.dispose();
        allocator.close(); // every root the source and the items held must be closed by now
    }

    /** Demand so far plus prefetch: the most {@code next()} calls the bridge may have made. */
    private long allowed(int prefetch) {
        long r = requested.get();
        return r > Long.MAX_VALUE - prefetch ? Long.MAX_VALUE : r + prefetch;
    }

    private Flux<Integer> stream(CountingSource source, int prefetch) {
        BatchStream<Integer> bridge = new BatchStream<>(scheduler, prefetch, () -> source,
                (root, s) -> ((IntVector) root.getVector(0)).get(0), discarded::add, Operation.FLIGHT_READ_ONLY_QUERY, null);
        return bridge.doOnRequest(n -> requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void nextIsCalledAtMostDemandPlusPrefetchTimes(int prefetch) {
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
    void cancelWhileNextBlocksCancelsTheSourceClosesItAndDiscardsPrefetchedItems() throws Exception {
        // one item requested, prefetch 2: items 0 and 1 are fetched, the third next() blocks in the server's wait
        CountingSource source = new CountingSource(allocator, 100, () -> Long.MAX_VALUE, 2);

        StepVerifier.create(stream(source, 2), 1)
                .expectNext(0)
                .then(() -> awaitLatch(source))
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).untilTrue(source.closed);
        assertThat(source.cancelled).isTrue();
        assertThat(discarded).containsExactly(1); // fetched ahead, never delivered
    }

    @Test
    void aSourceFailureClosesTheSourceAndIsMapped() {
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
        IllegalStateException boom = new IllegalStateException("user code");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        BatchStream<Integer> bridge = new BatchStream<>(scheduler, 1, () -> source, (root, s) -> {
            throw boom;
        }, discarded::add, Operation.FLIGHT_READ_ONLY_QUERY, null);

        StepVerifier.create(bridge).expectErrorSatisfies(seen::set).verify(TIMEOUT);

        assertThat(seen.get()).isSameAs(boom);
        assertThat(source.closed).isTrue();
    }

    private static void awaitLatch(CountingSource source) {
        try {
            assertThat(source.blockAt.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
