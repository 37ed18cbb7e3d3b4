package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.flight.ArrowBatch;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flight streams cancelled by the server: a {@link FaultPlan#FLIGHT_DO_GET} plan makes the mock abort a {@code DoGet}
 * with {@code CANCELLED} once it has sent a seeded number of rows (0 to past the end), 100 times. Every run must end
 * with a typed error, after exactly the whole batches the server sent (a prefix of the result, in order), never with
 * completion; the client's and the mock's Arrow memory must be back to zero after each run.
 */
@ExtendWith(ReliabilitySeed.class)
class FlightStreamDropTest extends MockTestSupport {

    static final int RUNS = 100;
    static final int ROWS = 50_000;

    @Test
    void everyServerAbortEndsWithATypedErrorAfterWholeBatchesOnly() {
        Random random = ReliabilitySeed.random("flight-stream-drops");
        int beforeFirst = 0;
        int pastTheEnd = 0;
        long batches = 0;
        long t0 = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            long after = random.nextInt(8) == 0 ? 0 : random.nextInt(ROWS + ROWS / 10);
            // a row of about 70 bytes: the mock cuts DuckDB's batches into messages of at most 2 MiB, so a result has
            // a handful of batches, and the abort lands between any two of them
            String sql = "SELECT i AS id, repeat('x', 60) || i AS pad, " + run + " AS run FROM range(" + ROWS + ") t(i)";
            mock.faults().add(FaultPlan.builder().path(FaultPlan.FLIGHT_DO_GET).errorAfterRows(after).build());
            List<Long> ids = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            Throwable error = null;
            boolean completed = false;
            try {
                client.queryBatches(sql).doOnNext(batch -> {
                    try (ArrowBatch b = batch) {
                        BigIntVector id = (BigIntVector) b.root().getVector("id");
                        for (int i = 0; i < b.rowCount(); i++) {
                            ids.add(id.get(i));
                        }
                        sizes.add(b.rowCount());
                    }
                }).blockLast(TIMEOUT);
                completed = true;
            } catch (RuntimeException e) {
                error = e;
            }
            ObservedFlightStream stream = observed(sql);
            String what = "run " + run + ", abort after " + after + " rows: " + ids.size() + " rows in " + sizes
                    + ", " + error + ", server " + stream;
            assertThat(completed).as(what).isFalse();
            assertThat(error).as(what).isInstanceOf(AltertableException.class);
            assertThat(error.getMessage()).as(what).contains("CANCELLED");
            assertThat(ids).as(what + ": a prefix, in order").isEqualTo(prefix(ids.size()));
            assertThat((long) ids.size()).as(what + ": every row the server sent, no more").isEqualTo(stream.rowsSent());
            assertThat((long) ids.size()).as(what).isGreaterThanOrEqualTo(Math.min(after, ROWS));
            if (!sizes.isEmpty()) {
                assertThat((long) ids.size() - sizes.get(sizes.size() - 1)).as(what + ": stopped at the first batch "
                        + "boundary at or after the abort point").isLessThan(Math.max(after, 1));
            }
            assertThat(stream.error()).as(what).contains("injected fault");
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> client.allocatedMemory() == 0);
            beforeFirst += ids.isEmpty() ? 1 : 0;
            pastTheEnd += after >= ROWS ? 1 : 0;
            batches += sizes.size();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> mock.flightAllocatedBytes() == 0);
        assertThat(client.query("SELECT 42").map(row -> row.getInt(0)).blockLast(TIMEOUT)).isEqualTo(42);
        System.out.printf("[reliability] Flight stream drops (%s): %d server aborts in %d ms (%d before the first "
                        + "batch, %d past the last row), %d whole batches delivered before them; all typed errors, "
                        + "0 completions, Arrow memory back to 0 after each (client and mock)%n",
                ReliabilitySeed.reproduce(), RUNS, millis, beforeFirst, pastTheEnd, batches);
    }

    private static ObservedFlightStream observed(String sql) {
        return mock.flightStreams().stream().filter(s -> sql.equals(s.description())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the mock saw no stream for " + sql));
    }

    private static List<Long> prefix(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
