package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.Hold;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two kinds of threads: Arrow's blocking calls run on the client's io threads, and everything a subscriber sees (and so
 * all user code) runs on its delivery threads, which are non-blocking threads in Reactor's sense. A subscriber that
 * calls {@code block()} there (for example a nested query inside {@code map}) fails at once with Reactor's error
 * instead of tying up the client until every thread waits for a query that needs a thread to run; the client frees
 * every buffer and stays usable. BlockHound, installed in this JVM with no exception for the client, proves that no
 * blocking call of the client runs on a delivery thread: every test of the module would fail if one did.
 */
class DeliveryThreadTest extends FlightTestSupport {

    private static final int CONCURRENT = 32;
    private static final String OUTER = "SELECT * FROM t";
    private static final String BLOCK_MESSAGE =
            "block()/blockFirst()/blockLast() are blocking, which is not supported in thread altertable-flight-";

    @Test
    void blockingInsideAMapFailsFastOnEveryStream() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));

        // 32 streams at once on 4 io threads, each blocking on a nested query from its map function
        Flux<Throwable> failures = Flux.range(0, CONCURRENT)
                .flatMap(i -> client.query(OUTER)
                        .map(row -> client.query("SELECT 1").blockLast())
                        .then(Mono.<Throwable>empty())
                        .onErrorResume(Mono::just), CONCURRENT);

        // generous for a loaded machine; a hang would wait for ever (the client's idle timeout is 60 s)
        StepVerifier.create(failures.collectList())
                .assertNext(errors -> {
                    assertThat(errors).hasSize(CONCURRENT);
                    assertThat(errors).allSatisfy(e -> assertThat(e)
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageStartingWith(BLOCK_MESSAGE));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(45));

        // the client stays usable; closing it after the test finds no buffer held (the allocator is closed strictly)
        StepVerifier.create(client.query(OUTER).count()).expectNext(30L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void blockingInsideTheFunctionOfScopedBatchesFailsFast() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));

        StepVerifier.create(client.queryBatches(OUTER, root -> client.query("SELECT 1").blockLast()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith(BLOCK_MESSAGE))
                .verify(TIMEOUT);

        StepVerifier.create(client.query(OUTER).count()).expectNext(30L).expectComplete().verify(TIMEOUT);
    }

    @Test
    void nonBlockingWorkOnTheDeliveryThreadStillWorks() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));

        // a non-blocking map, and a nested query composed with flatMap instead of block()
        Flux<String> names = client.query(OUTER)
                .map(row -> row.getString("name") + "@" + Thread.currentThread().getName())
                .concatMap(name -> client.query(OUTER).count().map(n -> name + "/" + n));

        StepVerifier.create(names.collectList())
                .assertNext(list -> {
                    assertThat(list).hasSize(30);
                    assertThat(list.get(0)).startsWith("row-0@altertable-flight-").doesNotContain("-io-")
                            .endsWith("/30");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aSleepInAUserMapIsReportedByBlockHound() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));

        // the client's own next() calls never trip BlockHound (they run on io threads); the subscriber's sleep does
        StepVerifier.create(client.query(OUTER).map(row -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return row;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Thread.sleep"))
                .verify(TIMEOUT);
        StepVerifier.create(client.queryBatches(OUTER, root -> root.getRowCount()).count())
                .expectNext(3L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theClientDeclaresNoBlockingCallsToBlockHound() {
        // no BlockHoundIntegration of the client's may whitelist its own waits: BlockHound sees them all
        List<String> ours = ServiceLoader.load(BlockHoundIntegration.class).stream()
                .map(provider -> provider.type().getName())
                .filter(name -> name.startsWith("ai.altertable.reactive.flight"))
                .toList();
        assertThat(ours).isEmpty();
    }

    @Test
    void theFunctionOfScopedBatchesRunsOnANonBlockingThread() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 10));

        StepVerifier.create(client.queryBatches(OUTER, root -> where()).collectList())
                .assertNext(seen -> assertThat(seen).hasSize(3).allSatisfy(DeliveryThreadTest::isDeliveryThread))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void everySignalOfEveryOperationArrivesOnADeliveryThread() {
        server.producer().register(OUTER, Dataset.counting(2, 2, 5));
        server.producer().register("SELECT broken", Dataset.counting(1, 3, 5).failingAfter(1));
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Flux<BatchResult<Long>> ingest = client.ingest(IngestOptions.of("t"), Mono.fromCallable(() -> {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            ((BigIntVector) root.getVector(0)).allocateNew(10);
            root.setRowCount(10);
            return root;
        }));
        List<Signals> operations = List.of(
                new Signals("rows", client.query(OUTER)),
                new Signals("batches", client.queryBatches(OUTER).doOnNext(ArrowBatch::close)),
                new Signals("scoped batches", client.queryBatches(OUTER, root -> root.getRowCount())),
                new Signals("update", client.update("DELETE FROM t")),
                new Signals("prepared", client.prepared("SELECT ?", s -> s.query(1))),
                new Signals("transaction", client.inTransaction(tx -> tx.update("INSERT 1"))),
                new Signals("session options", client.setSessionOptions(SessionOptions.builder().schema("main")
                        .build())),
                new Signals("catalogs", client.catalogs()),
                new Signals("sql info", client.sqlInfo(0)),
                new Signals("ingest", ingest),
                new Signals("GetFlightInfo error", client.query("SELECT * FROM missing")),
                new Signals("stream error", client.query("SELECT broken")));

        StepVerifier.create(Flux.concat(operations.stream().map(Signals::run).toList()))
                .expectComplete()
                .verify(TIMEOUT);

        for (Signals op : operations) {
            assertThat(op.seen).as(op.name).isNotEmpty().allSatisfy(DeliveryThreadTest::isDeliveryThread);
            SignalType last = (SignalType) op.seen.get(op.seen.size() - 1).get(2);
            assertThat(last).as(op.name).isEqualTo(op.name.endsWith("error") ? SignalType.ON_ERROR
                    : SignalType.ON_COMPLETE);
        }
    }

    @Test
    void anIdleTimeoutIsSignalledOnADeliveryThread() {
        server.producer().register(OUTER, Dataset.counting(1, 3, 5));
        Hold held = server.producer().hold("DoGet " + OUTER + " #1");
        try (LakehouseFlightClient impatient = LakehouseFlightClient.create(options()
                .idleTimeout(Duration.ofMillis(200)).build())) {
            Signals query = new Signals("idle", impatient.query(OUTER));

            // the server holds the second batch until the client cancels: only the idle timeout can end the query
            // (on a loaded machine it may even fire before the first batch; the thread is the same)
            StepVerifier.create(query.run()).expectComplete().verify(TIMEOUT);
            held.release();

            assertThat(query.seen).allSatisfy(DeliveryThreadTest::isDeliveryThread);
            assertThat(query.seen).last().satisfies(last -> assertThat(last.get(2)).isEqualTo(SignalType.ON_ERROR));
            assertThat(query.error).isInstanceOf(OperationTimeoutException.class);
        }
    }

    /** The signals an operation's subscriber sees: [thread, non-blocking, type] each, in order. */
    private static final class Signals {
        final String name;
        final Publisher<?> publisher;
        final List<List<Object>> seen = new CopyOnWriteArrayList<>();
        volatile Throwable error;

        Signals(String name, Publisher<?> publisher) {
            this.name = name;
            this.publisher = publisher;
        }

        /** Runs the operation; completes (empty) whether it succeeded or failed. */
        Mono<Void> run() {
            return Flux.from(publisher)
                    .doOnEach(signal -> {
                        if (!signal.isOnSubscribe()) {
                            List<Object> where = new ArrayList<>(where());
                            where.add(signal.getType());
                            seen.add(where);
                        }
                    })
                    .doOnError(e -> error = e)
                    .onErrorResume(e -> Mono.empty())
                    .then();
        }
    }

    @Test
    void deliveryThreadsAreNonBlockingInReactorsSense() {
        server.producer().register(OUTER, Dataset.counting(1, 1, 1));

        StepVerifier.create(client.query(OUTER).map(row -> where()))
                .assertNext(DeliveryThreadTest::isDeliveryThread)
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** The current thread's name, and whether it is non-blocking in Reactor's sense. */
    private static List<Object> where() {
        return List.of(Thread.currentThread().getName(), Schedulers.isInNonBlockingThread());
    }

    private static void isDeliveryThread(List<Object> seen) {
        Supplier<String> name = () -> (String) seen.get(0);
        assertThat(seen.get(1)).as("non-blocking thread %s", name.get()).isEqualTo(true);
        assertThat(name.get()).startsWith("altertable-flight-").doesNotContain("-io-");
    }
}
