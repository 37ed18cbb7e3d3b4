package ai.altertable.reactive.flight;

import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.core.NetworkException;
import org.apache.arrow.memory.RootAllocator;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Backpressure reaches the server, cancel frees everything, and batch ownership is as documented. */
class BackpressureAndCancelTest extends FlightTestSupport {

    private static final String WIDE = "SELECT * FROM wide";
    private static final int WIDE_BATCHES = 400; // about 112 KB each, 45 MB in all

    private void registerWide() {
        server.producer().register(WIDE, Dataset.wide(WIDE_BATCHES, 1000, 100));
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
    }

    @Test
    void aSlowSubscriberHoldsBackTheServerAndKeepsFewBatchesInMemory() {
        registerWide();
        AtomicLong batchBytes = new AtomicLong();

        StepVerifier.create(client.queryBatches(WIDE), 1)
                .consumeNextWith(batch -> {
                    try (batch) {
                        batchBytes.set(batch.sizeInBytes());
                    }
                })
                // the subscriber asks for nothing more: the server must end up waiting for this client
                .then(() -> await().atMost(TIMEOUT).until(() -> server.producer().stalls(WIDE) > 0))
                .then(() -> {
                    assertThat(server.producer().batchesSent(WIDE)).isLessThan(WIDE_BATCHES / 2);
                    // Arrow's own window (5 messages), the stream's root and the prefetched batch, with room for
                    // buffer rounding; the rest waits as bytes in gRPC's flow-control window
                    assertThat(client.allocatedMemory()).isLessThanOrEqualTo(12 * batchBytes.get());
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(batch -> {
                    batch.close();
                    return true;
                })
                .verifyComplete();

        assertThat(server.producer().batchesSent(WIDE)).isEqualTo(WIDE_BATCHES);
    }

    @Test
    void cancelMidStreamFreesEveryBufferTellsTheServerAndTheNextQueryWorks() {
        registerWide();

        StepVerifier.create(client.queryBatches(WIDE).doOnNext(ArrowBatch::close), 1)
                .expectNextCount(1)
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> server.producer().cancelledStreams().contains(WIDE));
        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0);
        assertThat(server.producer().batchesSent(WIDE)).isLessThan(WIDE_BATCHES);
        await().atMost(TIMEOUT).until(() -> !server.producer().received("CancelQuery").isEmpty());

        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();
    }

    @Test
    void cancellingTheRowsViewFreesEverything() {
        registerWide();

        StepVerifier.create(client.query(WIDE).take(2500))
                .expectNextCount(2500)
                .verifyComplete();

        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0);
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();
    }

    @Test
    void batchesFetchedAheadAreFreedByTheClient_deliveredOnesByTheSubscriber() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 10, 1000));
        FlightClientOptions prefetchThree = options().prefetch(3).build();
        try (LakehouseFlightClient eager = LakehouseFlightClient.create(prefetchThree)) {
            ArrowBatch kept = eager.queryBatches("SELECT * FROM t").take(1).single().block(TIMEOUT);

            // the three batches fetched ahead were closed by the client; the delivered one is still ours
            await().atMost(TIMEOUT).until(() -> eager.allocatedMemory() > 0
                    && eager.allocatedMemory() < 2 * kept.sizeInBytes() + 64 * 1024);
            assertThat(kept.toRows()).hasSize(1000);
            kept.close();
            assertThat(eager.allocatedMemory()).isZero();
            assertThat(kept.isClosed()).isTrue();
            assertThatThrownBy(kept::root).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingTheClientEndsAStalledStreamAndFreesItsBuffers() throws Exception {
        registerWide();
        RootAllocator own = new RootAllocator();
        LakehouseFlightClient closing = LakehouseFlightClient.create(options().allocator(own).build());
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        closing.queryBatches(WIDE).subscribe(new BaseSubscriber<ArrowBatch>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1); // and never more, and never cancel
            }

            @Override
            protected void hookOnNext(ArrowBatch batch) {
                batch.close();
                first.countDown();
            }

            @Override
            protected void hookOnError(Throwable error) {
                failure.set(error);
            }
        });
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();

        closing.close();
        own.close(); // nothing left behind

        await().atMost(TIMEOUT).until(() -> failure.get() != null); // delivered after the buffers were freed
        assertThat(failure.get()).isInstanceOf(NetworkException.class).hasMessageContaining("closed");
    }

    @Test
    void aBatchTheSubscriberNeverClosesIsReportedWhenTheClientCloses() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 2, 10));
        // a root allocator of its own: this test leaks on purpose, and a leak poisons the allocator it happens in
        RootAllocator leaky = new RootAllocator();
        LakehouseFlightClient careless = LakehouseFlightClient.create(options().allocator(leaky).build());
        ArrowBatch forgotten = careless.queryBatches("SELECT * FROM t").blockFirst(TIMEOUT);

        assertThatThrownBy(careless::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Memory was leaked");
        // closing it now frees its buffers, but its stream's allocator can no longer report to the closed client
        assertThatThrownBy(forgotten::close).isInstanceOf(IllegalStateException.class);
        assertThat(forgotten.isClosed()).isTrue();
    }
}
