package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.Operation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stream counts in the client's {@link ActiveStreams} until its delivery side has ended, not only until its source is
 * closed: an item fetched ahead of demand still holds the stream's memory after the io side closed the source, and
 * closing the client must wait for it to be discarded before it closes the allocator (a client closed under a stalled
 * stream once reported that item's 131,072 bytes as a leak).
 */
class RelayActiveStreamsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BufferAllocator allocator = new RootAllocator();
    private final Scheduler io = Schedulers.newBoundedElastic(2, 100, "relay-test-io");
    private final Scheduler delivery = Schedulers.newParallel("relay-test-delivery", 1); // one thread, to hold it

    @AfterEach
    void tearDown() {
        io.dispose();
        delivery.dispose();
        allocator.close();
    }

    @Test
    void anItemFetchedAheadKeepsTheStreamActiveUntilTheDeliverySideDiscardsIt() {
        ActiveStreams active = new ActiveStreams();
        CountingSource source = new CountingSource(allocator, 20, () -> Long.MAX_VALUE, -1);
        AtomicInteger converted = new AtomicInteger();
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        BatchStream<Integer> stream = new BatchStream<>(io, delivery, 1, () -> source,
                BatchStream.Items.detached((root, s) -> {
                    converted.incrementAndGet();
                    return ((IntVector) root.getVector(0)).get(0);
                }, discarded::add), Operation.FLIGHT_READ_ONLY_QUERY, active);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Integer> received = new CopyOnWriteArrayList<>();
        stream.subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1); // and never more
            }

            @Override
            protected void hookOnNext(Integer item) {
                received.add(item);
            }

            @Override
            protected void hookOnError(Throwable error) {
                failure.set(error);
            }
        });
        await().atMost(TIMEOUT).until(() -> received.size() == 1 && converted.get() == 2); // item 1 fetched ahead

        AtomicBoolean holding = new AtomicBoolean();
        AtomicBoolean release = new AtomicBoolean();
        AtomicInteger busy = new AtomicInteger();
        delivery.schedule(() -> { // the delivery thread is busy elsewhere: spinning, as it may not block or yield
            holding.set(true);
            while (!release.get()) {
                busy.incrementAndGet();
            }
        });
        await().atMost(TIMEOUT).untilTrue(holding);

        IllegalStateException closing = new IllegalStateException("the client is closing");
        active.abortAll(closing);
        await().atMost(TIMEOUT).untilTrue(source.closed); // the io side has ended

        assertThat(discarded).as("item 1 still waits on the delivery side").isEmpty();
        assertThat(active.count()).as("the stream is active while an item holds its memory").isEqualTo(1);

        release.set(true);
        await().atMost(TIMEOUT).until(() -> active.count() == 0);
        assertThat(discarded).containsExactly(1);
        await().atMost(TIMEOUT).until(() -> failure.get() == closing);
    }
}
