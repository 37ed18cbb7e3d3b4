package ai.altertable.reactive.flight;

import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.Hold;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where the client waits for the server: every blocking call of Arrow Flight's Java API (a unary call such as
 * {@code GetFlightInfo} or a {@code DoAction}, {@code FlightStream.next()}) runs on one of the client's bounded io
 * threads ({@code altertable-flight-io-…}). The test server holds a call at a chosen point ({@link Hold}), and the test
 * looks at the stacks of all threads while the client waits: the threads inside Arrow's or gRPC's blocking calls are io
 * threads, and never more than {@link FlightClientOptions#threads()} of them. Cancelling a stream while its
 * {@code next()} waits cancels the call on the wire (the server sees it), the io thread closes the stream, and every
 * buffer is freed (both allocators are closed strictly after each test).
 */
class IoThreadTest extends FlightTestSupport {

    private static final String SQL = "SELECT * FROM t";

    /** Threads inside a blocking call of Arrow Flight or gRPC's blocking stubs, by name. */
    private static List<String> threadsWaitingInFlight() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            boolean waiting = Arrays.stream(e.getValue()).anyMatch(frame ->
                    frame.getClassName().equals("org.apache.arrow.flight.FlightStream")
                            && frame.getMethodName().equals("next")
                            || frame.getClassName().startsWith("io.grpc.stub.ClientCalls"));
            if (waiting) {
                names.add(e.getKey().getName());
            }
        }
        return names;
    }

    /** Waits until some thread waits in Flight, then checks that every such thread is an io thread. */
    private static void awaitWaitingOnIoThreadsOnly() {
        await().atMost(TIMEOUT).until(() -> !threadsWaitingInFlight().isEmpty());
        assertThat(threadsWaitingInFlight()).allSatisfy(name -> assertThat(name).startsWith("altertable-flight-io-"));
    }

    private static void awaitReached(Hold hold) {
        try {
            assertThat(hold.awaitReached(TIMEOUT)).as("the server reached the hold").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void getFlightInfoWaitsOnAnIoThread() {
        server.producer().register(SQL, Dataset.counting(1, 2, 5));
        Hold info = server.producer().hold("GetFlightInfo " + SQL);

        StepVerifier.create(client.query(SQL).count())
                .then(() -> {
                    awaitReached(info);
                    awaitWaitingOnIoThreadsOnly();
                    info.release();
                })
                .expectNext(10L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void nextWaitsOnAnIoThread() {
        server.producer().register(SQL, Dataset.counting(1, 3, 5));
        Hold second = server.producer().hold("DoGet " + SQL + " #1");

        StepVerifier.create(client.query(SQL).count())
                .then(() -> {
                    awaitReached(second);
                    awaitWaitingOnIoThreadsOnly(); // the io thread waits in FlightStream.next() for batch 1
                    assertThat(threadsWaitingInFlight()).hasSize(1);
                    second.release();
                })
                .expectNext(15L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anActionWaitsOnAnIoThread() {
        Hold begin = server.producer().hold("BeginTransaction");

        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT 1")))
                .then(() -> {
                    awaitReached(begin);
                    awaitWaitingOnIoThreadsOnly(); // DoAction(BeginTransaction) waits for its result
                    begin.release();
                })
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void atMostThreadsBlockingCallsWaitAtOnce() {
        int streams = 8; // twice the client's io threads (threads(4), FlightTestSupport)
        List<Hold> holds = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            server.producer().register(SQL + i, Dataset.counting(1, 2, 5));
            holds.add(server.producer().hold("DoGet " + SQL + i + " #0"));
        }
        Flux<Long> all = Flux.range(0, streams).flatMap(i -> client.query(SQL + i).count(), streams);

        StepVerifier.create(all.reduce(Long::sum))
                .then(() -> {
                    // every io thread ends up waiting in a next() the server holds; the other streams wait their turn
                    await().atMost(TIMEOUT).until(() -> threadsWaitingInFlight().size() == 4);
                    assertThat(threadsWaitingInFlight()).allSatisfy(n -> assertThat(n).startsWith("altertable-flight-io-"));
                    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith(
                            ioThreadPrefix())).hasSize(4);
                    holds.forEach(Hold::release);
                })
                .expectNext(streams * 10L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** {@code altertable-flight-io-<n>-} of this test's client (several clients may live in this JVM). */
    private String ioThreadPrefix() {
        String name = threadsWaitingInFlight().get(0);
        return name.substring(0, name.lastIndexOf('-') + 1);
    }

    @Test
    void cancelWhileNextWaitsCancelsTheCallOnTheWireAndFreesEveryBuffer() {
        server.producer().register(SQL, Dataset.counting(1, 3, 5));
        Hold second = server.producer().hold("DoGet " + SQL + " #1");
        List<ArrowBatch> received = new CopyOnWriteArrayList<>();

        Disposable subscription = client.queryBatches(SQL).subscribe(batch -> {
            received.add(batch);
            batch.close();
        });
        awaitReached(second);
        await().atMost(TIMEOUT).until(() -> received.size() == 1);
        awaitWaitingOnIoThreadsOnly(); // next() waits for batch 1

        // cancelled from a non-blocking thread (BlockHound fails a cancel that blocks)
        Mono.fromRunnable(subscription::dispose).subscribeOn(Schedulers.parallel()).block(TIMEOUT);

        await().atMost(TIMEOUT).until(second::isCancelled); // the server saw the cancel of its DoGet
        await().atMost(TIMEOUT).until(() -> threadsWaitingInFlight().isEmpty()); // the io thread got out of next()
        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0); // and closed the stream
        assertThat(server.producer().cancelledStreams()).containsExactly(SQL);
        StepVerifier.create(client.query(SQL).count()).expectNext(15L).expectComplete().verify(TIMEOUT);
    }
}
