package ai.altertable.reactive.rest.reliability;

import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.testsupport.NettyLeakChecks;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancellation storm: 1,000 large {@code /query} streams ({@code range(10_000_000)}, produced lazily by the mock) cut
 * short by {@code take(n)}, by a dispose from another thread after {@code n} rows, or by a dispose before or just after
 * the response started, eight at a time on a pool of eight connections. Afterwards: no Netty buffer leaked, every
 * server query ended (cancelled by its DELETE or stopped when its connection closed), and 50 more queries on the same
 * client all return the right rows (a half-read connection back in so small a pool would hand one of them the rest of
 * an old body, or make it wait forever).
 */
@ExtendWith(ReliabilitySeed.class)
class CancellationStormTest {

    static final int CYCLES = 1000;
    static final int CONCURRENCY = 8;
    static final int POOL = 8;
    static final int QUERIES_AFTER = 50;
    static final String LARGE = "SELECT i, repeat('x', i % 64) AS pad FROM range(10000000) t(i)";

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .maxConnections(POOL).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    enum Mode { TAKE, DISPOSE_AFTER_ROWS, DISPOSE_EARLY }

    record Cycle(int index, Mode mode, int rows, int delayMillis, String queryId) {
    }

    @Test
    void aThousandCancelledStreamsLeaveNoLeakNoHalfReadConnectionAndTheClientWorks() {
        NettyLeakChecks.assertNoLeaks(); // start clean, so that what is found below is the storm's
        Random random = ReliabilitySeed.random("rest-cancel-storm");
        List<Cycle> cycles = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            int pick = random.nextInt(10);
            Mode mode = pick < 6 ? Mode.TAKE : pick < 9 ? Mode.DISPOSE_AFTER_ROWS : Mode.DISPOSE_EARLY;
            int rows = 1 + random.nextInt(random.nextBoolean() ? 10 : 3000);
            cycles.add(new Cycle(i, mode, rows, random.nextInt(4), new UUID(random.nextLong(), random.nextLong())
                    .toString()));
        }
        long t0 = System.nanoTime();
        List<Integer> delivered = Flux.fromIterable(cycles).flatMap(CancellationStormTest::run, CONCURRENCY)
                .collectList().block(Duration.ofMinutes(3));
        long stormMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(delivered).hasSize(CYCLES);

        // none is left running on the server: cancelled by its DELETE, or stopped when its connection closed (a
        // DELETE that overtakes its own POST finds nothing to cancel, a 404; a dispose before the request was sent
        // sends none)
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cycles.stream()
                .filter(c -> mock.observedQuery(c.queryId) != null && mock.observedQuery(c.queryId).running())
                .map(c -> c + " " + mock.observedQuery(c.queryId)).toList())
                .as("queries still running on the server").isEmpty());
        long reachedServer = cycles.stream().map(c -> mock.observedQuery(c.queryId)).filter(q -> q != null).count();
        long cancelSeen = cycles.stream().map(c -> mock.observedQuery(c.queryId))
                .filter(q -> q != null && q.cancelRequested()).count();

        NettyLeakChecks.collect();
        List<String> leaks = NettyLeakChecks.drain();

        // the same client, its small pool: 50 queries, eight at a time, each with its own right answer
        List<Long> sums = Flux.range(0, QUERIES_AFTER)
                .flatMap(k -> client.query("SELECT i + " + k + " AS v FROM range(1000) t(i)")
                        .map(row -> row.getLong(0)).reduce(0L, Long::sum)
                        .timeout(Duration.ofSeconds(30))
                        .map(sum -> sum - 1000L * k), 8)
                .collectList().block(Duration.ofMinutes(2));
        assertThat(sums).hasSize(QUERIES_AFTER).containsOnly(999L * 1000 / 2);

        System.out.printf("[reliability] REST cancellation storm (%s): %d cycles (%d take, %d dispose after rows, "
                        + "%d dispose early) in %d ms, %d rows delivered; %d queries reached the server, %d cancels seen "
                        + "there, %d DELETE /query/{id} received; Netty leaks found: %d; %d queries after the storm on "
                        + "a pool of %d: all correct%n", ReliabilitySeed.reproduce(), CYCLES, count(cycles, Mode.TAKE),
                count(cycles, Mode.DISPOSE_AFTER_ROWS), count(cycles, Mode.DISPOSE_EARLY), stormMillis,
                delivered.stream().mapToLong(Integer::longValue).sum(), reachedServer, cancelSeen,
                mock.requestCount("/query/{id}"), leaks.size(), QUERIES_AFTER, POOL);
        assertThat(leaks).as("Netty leak reports after the storm").isEmpty();
    }

    private static long count(List<Cycle> cycles, Mode mode) {
        return cycles.stream().filter(c -> c.mode == mode).count();
    }

    /** One cycle; emits how many rows it received, after checking they are the first ones, in order. */
    private static Mono<Integer> run(Cycle c) {
        QueryRequest request = QueryRequest.builder().statement(LARGE).queryId(c.queryId)
                .sessionId(UUID.nameUUIDFromBytes(c.queryId.getBytes()).toString()).build();
        Flux<Long> ids = client.query(request).map(row -> row.getLong(0));
        Mono<List<Long>> received;
        switch (c.mode) {
            case TAKE:
                received = ids.take(c.rows).collectList();
                break;
            case DISPOSE_AFTER_ROWS:
                received = disposedAfter(ids, c.rows);
                break;
            default:
                received = ids.takeUntilOther(Mono.delay(Duration.ofMillis(c.delayMillis))).collectList();
                break;
        }
        return received.map(list -> {
            if (c.mode != Mode.DISPOSE_EARLY) {
                assertThat(list).as("cycle " + c).hasSizeGreaterThanOrEqualTo(c.rows);
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != i) {
                    throw new AssertionError("cycle " + c + ": row " + i + " is " + list.get(i));
                }
            }
            return list.size();
        }).timeout(Duration.ofSeconds(30));
    }

    /**
     * Subscribes, and once {@code n} rows arrived disposes the subscription from another thread (racing the event
     * loop, which may deliver a few more rows meanwhile).
     */
    private static Mono<List<Long>> disposedAfter(Flux<Long> ids, int n) {
        return Mono.create(sink -> {
            List<Long> got = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger count = new AtomicInteger();
            Disposable[] subscription = new Disposable[1];
            subscription[0] = ids.subscribe(id -> {
                got.add(id);
                if (count.incrementAndGet() == n) {
                    Schedulers.parallel().schedule(() -> {
                        subscription[0].dispose();
                        sink.success(new ArrayList<>(got));
                    });
                }
            }, sink::error);
        });
    }

}
