package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.Operation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

import static ai.altertable.reactive.flight.internal.BatchStreamTest.TIMEOUT;
import static ai.altertable.reactive.flight.internal.BatchStreamTest.awaitLatch;
import static ai.altertable.reactive.flight.internal.BatchStreamTest.spin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callback-scoped items: the user's function reads the source's own root on a non-blocking delivery thread, while the
 * io side, which would overwrite the root with its next {@code next()}, is simply not scheduled.
 */
class ScopedBatchStreamTest {

    private BufferAllocator allocator;
    private BridgeThreads threads;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger functionOffDeliveryThreads = new AtomicInteger();
    private final AtomicInteger rootChangedDuringFunction = new AtomicInteger();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        threads = new BridgeThreads();
    }

    @AfterEach
    void tearDown() {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> allocator.getAllocatedMemory() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // closing the allocator reports what is still held
        }
        threads.close();
        allocator.close();
        assertThat(functionOffDeliveryThreads).as("functions run off the delivery threads").hasValue(0);
        assertThat(rootChangedDuringFunction).as("roots overwritten while a function read them").hasValue(0);
    }

    private CountingSource source(int total, int blockAfter) {
        return new CountingSource(allocator, total, requested::get, blockAfter); // no prefetch
    }

    /** A scoped stream whose function marks the root as lent, checks it stays put, and then does {@code body}. */
    private Flux<Integer> scoped(CountingSource source, Function<VectorSchemaRoot, Integer> body) {
        Function<VectorSchemaRoot, Integer> function = root -> {
            if (!Schedulers.isInNonBlockingThread()) {
                functionOffDeliveryThreads.incrementAndGet();
            }
            source.lent.set(true);
            try {
                int before = value(root);
                int result = body.apply(root);
                if (value(root) != before) {
                    rootChangedDuringFunction.incrementAndGet();
                }
                return result;
            } finally {
                source.lent.set(false);
            }
        };
        return new BatchStream<>(threads.io, threads.delivery, 3 /* ignored: scoped streams never prefetch */,
                () -> source, BatchStream.Items.scoped(function), Operation.FLIGHT_READ_ONLY_QUERY, null)
                .doOnRequest(n -> requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b));
    }

    private static int value(VectorSchemaRoot root) {
        return ((IntVector) root.getVector(0)).get(0);
    }

    @Test
    void theFunctionRunsOnADeliveryThreadAndNextNeverRunsMeanwhile() {
        CountingSource source = source(200, -1);
        AtomicLong sink = new AtomicLong();
        BatchStreamTest.Recorder recorder = new BatchStreamTest.Recorder(1);

        // each function asks for the next batch while it still reads the root, then takes its time: the io side is
        // scheduled meanwhile, and must not call next() before the function has returned
        scoped(source, root -> {
            recorder.request(1);
            sink.addAndGet(spin(5_000));
            return value(root);
        }).subscribe(recorder);

        await().atMost(TIMEOUT).untilTrue(source.closed);
        await().atMost(TIMEOUT).until(() -> recorder.received.size() == 200);
        assertThat(recorder.received).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        assertThat(source.whileLent).as("next() or close() while the function held the root").hasValue(0);
        assertThat(source.onNonBlockingThreads).as("next() or close() on a non-blocking thread").hasValue(0);
        assertThat(source.offIoThreads).as("next() or close() off the io threads").hasValue(0);
    }

    @Test
    void everyRequestCausesExactlyOneNext() {
        CountingSource source = source(10, -1);

        StepVerifier.Step<Integer> steps = StepVerifier.create(scoped(source, ScopedBatchStreamTest::value), 0)
                .expectSubscription()
                .then(() -> assertThat(source.calls()).isZero());
        for (int i = 0; i < 10; i++) {
            int expected = i;
            steps = steps.thenRequest(1).expectNext(expected)
                    .then(() -> assertThat(source.calls()).isEqualTo(expected + 1));
        }
        steps.thenRequest(1).verifyComplete();

        assertThat(source.maxExcess()).isLessThanOrEqualTo(0);
    }

    @Test
    void cancelDuringTheFunctionClosesTheSourceOnlyAfterTheFunctionReturned() {
        CountingSource source = source(100, -1);
        BatchStreamTest.Recorder recorder = new BatchStreamTest.Recorder(Long.MAX_VALUE);
        AtomicBoolean closedDuringFunction = new AtomicBoolean(true);
        AtomicInteger valueAfterCancel = new AtomicInteger(-1);

        scoped(source, root -> {
            int n = value(root);
            if (n == 2) {
                recorder.cancel(); // from the delivery thread, inside the function: must not block
                threads.awaitIoQuiet(); // the io side has seen the cancel, and had its chance to close the source
                closedDuringFunction.set(source.closed.get());
                valueAfterCancel.set(value(root)); // the root is still the stream's, with batch 2 in it
            }
            return n;
        }).subscribe(recorder);

        await().atMost(TIMEOUT).untilTrue(source.closed);
        assertThat(closedDuringFunction).isFalse();
        assertThat(valueAfterCancel).hasValue(2);
        assertThat(source.cancelled).isTrue();
        assertThat(source.whileLent).hasValue(0);
        assertThat(recorder.received).containsExactly(0, 1); // nothing after the cancel
    }

    @Test
    void cancelFromANonBlockingThreadDuringABlockedNext() {
        CountingSource source = source(100, 2);
        BatchStreamTest.Recorder recorder = new BatchStreamTest.Recorder(3);

        scoped(source, ScopedBatchStreamTest::value).subscribe(recorder);
        awaitLatch(source); // items 0 and 1 went through the function; the third next() waits for the server
        await().atMost(TIMEOUT).until(() -> recorder.received.size() == 2); // (item 1 may still be on its way)
        Mono.fromRunnable(recorder::cancel).subscribeOn(Schedulers.parallel()).block(TIMEOUT);

        await().atMost(TIMEOUT).untilTrue(source.closed);
        assertThat(source.cancelled).isTrue();
        assertThat(recorder.received).containsExactly(0, 1);
        assertThat(source.onNonBlockingThreads).hasValue(0);
        assertThat(source.offIoThreads).as("next() or close() off the io threads").hasValue(0);
    }

    @Test
    void aFunctionFailureIsDeliveredUnchangedOnceTheSourceIsClosed() {
        CountingSource source = source(10, -1);
        IllegalStateException boom = new IllegalStateException("user code");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicBoolean closedBeforeError = new AtomicBoolean();

        StepVerifier.create(scoped(source, root -> {
                    if (value(root) == 1) {
                        throw boom;
                    }
                    return value(root);
                }).doOnError(e -> closedBeforeError.set(source.closed.get())))
                .expectNext(0)
                .expectErrorSatisfies(seen::set)
                .verify(TIMEOUT);

        assertThat(seen.get()).isSameAs(boom);
        assertThat(closedBeforeError).isTrue();
    }

    @Test
    void aSubscriberThatThrowsEndsTheStreamAndFreesTheRootItsFetchHolds() {
        CountingSource source = source(10, -1);
        IllegalStateException boom = new IllegalStateException("subscriber");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        // breaks the rules on purpose: onNext throws, and only once the next batch has been fetched (its root is then
        // lent to the delivery side, or about to be): that root must go back to the io side, which closes the source
        scoped(source, ScopedBatchStreamTest::value).subscribe(new reactor.core.CoreSubscriber<Integer>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer value) {
                if (value == 1) {
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (source.calls() < 3 && System.nanoTime() < deadline) {
                        spin(100); // not a blocking wait: this is a delivery thread
                    }
                    throw boom;
                }
            }

            @Override
            public void onError(Throwable t) {
                seen.set(t);
            }

            @Override
            public void onComplete() {
            }
        });

        await().atMost(TIMEOUT).until(() -> seen.get() != null);
        assertThat(seen.get()).isSameAs(boom);
        assertThat(source.calls()).isEqualTo(3);
        assertThat(source.closed).isTrue();
    }

    @Test
    void whileAFunctionRunsTheIoThreadServesOtherStreams() {
        threads.close();
        threads = new BridgeThreads(1); // one io thread for both streams
        CountingSource first = source(3, -1);
        CountingSource second = new CountingSource(allocator, 50, () -> Long.MAX_VALUE, -1);
        CopyOnWriteArrayList<Integer> others = new CopyOnWriteArrayList<>();
        Flux<Integer> other = new BatchStream<>(threads.io, threads.delivery, 0, () -> second,
                BatchStream.Items.scoped(ScopedBatchStreamTest::value), Operation.FLIGHT_READ_ONLY_QUERY, null);

        // the first stream's function waits (busily, it is on a non-blocking thread) for the whole second stream, whose
        // every next() needs the one io thread: that works only if the first stream's io side holds no thread meanwhile
        StepVerifier.create(scoped(first, root -> {
                    if (value(root) == 0) {
                        other.subscribe(others::add);
                        long deadline = System.nanoTime() + TIMEOUT.toNanos();
                        while (!second.closed.get() && System.nanoTime() < deadline) {
                            spin(100); // not Thread.onSpinWait(), which BlockHound reports
                        }
                    }
                    return value(root);
                }))
                .expectNext(0, 1, 2)
                .verifyComplete();

        await().atMost(TIMEOUT).until(() -> others.size() == 50);
        assertThat(second.closed).isTrue();
    }
}
