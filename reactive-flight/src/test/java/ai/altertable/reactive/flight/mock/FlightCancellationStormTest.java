package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.flight.ArrowBatch;
import ai.altertable.reactive.flight.FlightSession;
import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.testsupport.NettyLeakChecks;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cancellation storm over Flight: 1,000 {@code DoGet} streams of a large result ({@code range(10_000_000)}, read
 * lazily by the mock) cut short on one client, on eight sessions of it at once: {@code take(n)} on rows, {@code take(k)} on batches
 * (each closed), or a dispose before or just after the call started. Afterwards no Arrow byte is left allocated by the
 * client (its root allocator, closed after the test, would also throw) or by the mock, no stream is still running on
 * the server, no Netty buffer leaked (the mock's, in this JVM, included), and the same client answers the next queries
 * correctly.
 */
@ExtendWith(ReliabilitySeed.class)
class FlightCancellationStormTest extends MockTestSupport {

    static final int CYCLES = 1000;
    static final int CONCURRENCY = 8;
    static final String LARGE = "SELECT i AS id FROM range(10000000) t(i)";
    /**
     * A hang is caught by each cycle's own timeout, which names the cycle; the whole storm's bound is only a safety
     * net, not a speed check (on a loaded 2-core machine the storm took over three minutes).
     */
    static final Duration STORM_SAFETY_NET = Duration.ofMinutes(20);

    enum Mode { TAKE_ROWS, TAKE_BATCHES, DISPOSE_EARLY }

    record Cycle(int index, Mode mode, int count, int delayMillis) {
    }

    @Test
    void aThousandCancelledStreamsLeaveNoArrowBytesNoRunningStreamAndTheClientWorks() {
        Random random = ReliabilitySeed.random("flight-cancel-storm");
        List<Cycle> cycles = new ArrayList<>();
        for (int i = 0; i < CYCLES; i++) {
            int pick = random.nextInt(10);
            Mode mode = pick < 5 ? Mode.TAKE_ROWS : pick < 8 ? Mode.TAKE_BATCHES : Mode.DISPOSE_EARLY;
            int count = mode == Mode.TAKE_BATCHES ? 1 + random.nextInt(2)
                    : 1 + random.nextInt(random.nextBoolean() ? 10 : 5000);
            cycles.add(new Cycle(i, mode, count, random.nextInt(4)));
        }
        long t0 = System.nanoTime();
        // one session per lane: the server runs a session's calls one at a time, and a stream that another call of
        // its session waits for is read whole into memory (10 million rows here), which would measure the mock (a
        // cancelled stream still ending when its lane's next call arrives can still be, now and then)
        List<FlightSession> sessions = new ArrayList<>();
        for (int lane = 0; lane < CONCURRENCY; lane++) {
            sessions.add(client.newSession());
        }
        List<Long> delivered = Flux.range(0, CONCURRENCY)
                .flatMap(lane -> Flux.fromIterable(cycles).filter(c -> c.index % CONCURRENCY == lane)
                        .concatMap(c -> run(c, sessions.get(lane))), CONCURRENCY)
                .collectList().block(STORM_SAFETY_NET);
        long stormMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(delivered).hasSize(CYCLES);

        await().atMost(30, TimeUnit.SECONDS).until(() -> client.allocatedMemory() == 0);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(mock.flightStreams().stream()
                .filter(ObservedFlightStream::running).toList()).as("streams still running on the mock").isEmpty());
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.flightAllocatedBytes() == 0);

        // Netty buffers: the client's and the mock's gRPC transports share this JVM, so every report is collected here
        NettyLeakChecks.collect();
        List<String> leaks = NettyLeakChecks.drain();
        assertThat(leaks).as("Netty leak reports after the storm").isEmpty();

        List<Long> sums = Flux.range(0, 20).flatMap(k -> client.query("SELECT i + " + k + " AS v FROM range(1000) t(i)")
                        .map(row -> row.getLong(0)).reduce(0L, Long::sum).map(sum -> sum - 1000L * k), 4)
                .collectList().block(TIMEOUT);
        assertThat(sums).hasSize(20).containsOnly(999L * 1000 / 2);
        assertThat(allocator.getAllocatedMemory()).isZero();
        System.out.printf("[reliability] Flight cancellation storm (%s): %d cycles (%d take rows, %d take batches, %d "
                        + "dispose early) in %d ms, %d rows delivered; Arrow bytes left: client 0, mock 0; streams "
                        + "left running: 0; Netty leak reports: 0; 20 queries after the storm on the same client: all "
                        + "correct%n",
                ReliabilitySeed.reproduce(), CYCLES, count(cycles, Mode.TAKE_ROWS), count(cycles, Mode.TAKE_BATCHES),
                count(cycles, Mode.DISPOSE_EARLY), stormMillis, delivered.stream().mapToLong(Long::longValue).sum());
    }

    private static long count(List<Cycle> cycles, Mode mode) {
        return cycles.stream().filter(c -> c.mode == mode).count();
    }

    /** One cycle; emits how many rows it received, after checking they are the first ones, in order. */
    private static Mono<Long> run(Cycle c, FlightSession session) {
        Mono<Long> rows;
        switch (c.mode) {
            case TAKE_ROWS:
                rows = session.query(LARGE).map(row -> row.getLong(0)).take(c.count).index()
                        .doOnNext(t -> check(c, t.getT1(), t.getT2())).count()
                        .doOnNext(n -> assertThat(n).as("cycle " + c).isEqualTo(c.count));
                break;
            case TAKE_BATCHES:
                rows = session.queryBatches(LARGE).take(c.count).map(batch -> {
                    try (ArrowBatch b = batch) {
                        return (long) b.rowCount();
                    }
                }).reduce(0L, Long::sum);
                break;
            default:
                rows = session.query(LARGE).takeUntilOther(Mono.delay(Duration.ofMillis(c.delayMillis))).count();
                break;
        }
        return rows.timeout(Duration.ofSeconds(30)).onErrorMap(e -> new AssertionError("cycle " + c + " failed; mock "
                + "streams running: " + mock.flightStreams().stream().filter(ObservedFlightStream::running).toList(), e));
    }

    private static void check(Cycle c, long index, long id) {
        if (index != id) {
            throw new AssertionError("cycle " + c + ": row " + index + " is " + id);
        }
    }
}
