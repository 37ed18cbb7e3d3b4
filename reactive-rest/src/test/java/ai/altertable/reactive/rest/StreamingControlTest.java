package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.ObservedQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Backpressure to the socket, cancel on the wire, and the demand-aware idle timeout, against the mock. */
class StreamingControlTest {

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    /** Requests rows only when told to. */
    static final class SlowSubscriber extends BaseSubscriber<Row> {
        final AtomicLong received = new AtomicLong();

        @Override
        protected void hookOnSubscribe(Subscription s) {
        }

        @Override
        protected void hookOnNext(Row row) {
            received.incrementAndGet();
        }
    }

    @Test
    void aSlowSubscriberKeepsTheServerWithinABoundedWindow() throws InterruptedException {
        String queryId = "aaaaaaaa-0000-4000-8000-000000000001";
        long total = 5_000_000;
        SlowSubscriber slow = new SlowSubscriber();
        client.query(QueryRequest.builder()
                .statement("SELECT i, 'a-row-padded-to-about-sixty-bytes-on-the-wire' AS pad FROM range(" + total + ") t(i)")
                .queryId(queryId).build()).subscribe(slow);
        for (int round = 0; round < 5; round++) {
            slow.request(1000);
            long target = (round + 1) * 1000L;
            await().atMost(30, TimeUnit.SECONDS).until(() -> slow.received.get() >= target);
            long produced = settled(queryId);
            // socket buffers, Netty's outbound queue and the client's inbound chunk: a bounded window of rows
            assertThat(produced - slow.received.get()).as("rows produced ahead of the subscriber").isLessThan(400_000);
        }
        assertThat(mock.observedQuery(queryId).running()).isTrue();
        slow.dispose();
        await().atMost(30, TimeUnit.SECONDS).until(() -> !mock.observedQuery(queryId).running());
        assertThat(mock.observedQuery(queryId).rowsProduced()).isLessThan(total);
    }

    private static long settled(String queryId) throws InterruptedException {
        long last = -1;
        long now = mock.observedQuery(queryId).rowsProduced();
        while (now != last) {
            last = now;
            Thread.sleep(300);
            now = mock.observedQuery(queryId).rowsProduced();
        }
        return now;
    }

    @Test
    void takeCancelsOnTheServerAndTheNextQueryWorks() {
        String queryId = "aaaaaaaa-0000-4000-8000-000000000002";
        StepVerifier.create(client.query(QueryRequest.builder().statement("SELECT i FROM range(10000000) t(i)")
                        .queryId(queryId).build()).take(5).map(r -> r.getLong(0)))
                .expectNext(0L, 1L, 2L, 3L, 4L)
                .verifyComplete();
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.cancelRequests().contains(queryId));
        await().atMost(30, TimeUnit.SECONDS).until(() -> !mock.observedQuery(queryId).running());
        ObservedQuery q = mock.observedQuery(queryId);
        assertThat(q.rowsProduced()).isLessThan(10_000_000);
        StepVerifier.create(client.query("SELECT 7").map(r -> r.getInt(0))).expectNext(7).verifyComplete();
    }

    @Test
    void cancelBeforeTheFirstLineStillReachesTheServer() {
        String queryId = "aaaaaaaa-0000-4000-8000-000000000003";
        StepVerifier.create(client.query(QueryRequest.builder()
                        .statement("SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3")
                        .queryId(queryId).build()))
                .expectSubscription()
                .then(() -> await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(queryId) != null))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.cancelRequests().contains(queryId));
        await().atMost(30, TimeUnit.SECONDS).until(() -> !mock.observedQuery(queryId).running());
        assertThat(mock.observedQuery(queryId).cancelRequested()).isTrue();
    }

    @Test
    void idleTimeoutEndsAStalledStreamAndCancelsIt() {
        String queryId = "aaaaaaaa-0000-4000-8000-000000000004";
        LakehouseClient impatient = client.withOptions(client.options().mutate().idleTimeout(Duration.ofMillis(300))
                .httpClient(h -> h.headers(x -> x.set(FaultPlan.HEADER, "row-delay=2s"))).build());
        StepVerifier.create(impatient.query(QueryRequest.builder().statement("SELECT i FROM range(100) t(i)")
                        .queryId(queryId).build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OperationTimeoutException.class)
                        .extracting(t -> ((OperationTimeoutException) t).phase())
                        .isIn(OperationTimeoutException.Phase.IDLE, OperationTimeoutException.Phase.RESPONSE))
                .verify(Duration.ofSeconds(30));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.cancelRequests().contains(queryId));
    }

    @Test
    void aSlowSubscriberIsNotAnIdleServer() {
        LakehouseClient impatient = client.withOptions(client.options().mutate()
                .idleTimeout(Duration.ofMillis(200)).build());
        StepVerifier.create(impatient.query("SELECT i FROM range(3) t(i)"), 1)
                .expectNextCount(1)
                .thenAwait(Duration.ofSeconds(1)) // no demand for longer than the idle timeout
                .thenRequest(2)
                .expectNextCount(2)
                .verifyComplete();
    }
}
