package ai.altertable.reactive.mock.flight;

import ai.altertable.reactive.mock.ObservedFlightStream;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DoGet streams follow the reader (backpressure down to DuckDB), stop on cancel without leaking, and let other calls
 * of the same session through; an open ingest holds its session (protocol §4).
 */
class FlightStreamingTest extends FlightTestBase {

    private static final long TOTAL = 50_000_000;

    @Test
    void aSlowReaderKeepsTheServerWithinABoundedWindowAndCancelStopsIt() throws Exception {
        FlightTestClient client = client();
        String sql = "SELECT i, 'padding-to-make-each-row-about-eighty-bytes-long-xxxxxxxxxxxx' AS pad"
                + " FROM range(" + TOTAL + ") t(i) -- slow reader";
        FlightInfo info = client.sql.execute(sql);
        FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket());
        long read = 0;
        for (int i = 0; i < 3 && stream.next(); i++) {
            read += stream.getRoot().getRowCount();
        }
        // the client stops reading: the server stops reading DuckDB once gRPC's buffers are full
        long plateau = settledRowsExported(sql);
        ObservedFlightStream observed = observed(sql);
        assertThat(observed.running()).isTrue();
        assertThat(plateau).as("rows exported while the client read " + read).isLessThan(1_500_000);
        assertThat(plateau - observed.rowsSent()).as("exported but not sent").isLessThanOrEqualTo(65_536);

        // reading again makes it produce again
        for (int i = 0; i < 40 && stream.next(); i++) {
            read += stream.getRoot().getRowCount();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> observed(sql).rowsExported() > plateau);

        // a cancel ends the stream on the server: DuckDB is no longer read, every buffer is freed
        stream.cancel("enough", null);
        await().atMost(30, TimeUnit.SECONDS).until(() -> !observed(sql).running());
        ObservedFlightStream ended = observed(sql);
        assertThat(ended.cancelled()).isTrue();
        assertThat(ended.rowsExported()).isLessThan(TOTAL / 10);
        assertThat(ended.error()).isNull();
        closeQuietly(stream);
        await().atMost(10, TimeUnit.SECONDS).until(() -> mock.flightAllocatedBytes() == 0);
        // the session is free again
        assertThat(client.query("SELECT 42 AS answer")).containsExactly(List.of(42));
    }

    @Test
    void closingAHalfReadStreamCancelsIt() throws Exception {
        FlightTestClient client = client();
        String sql = "SELECT i FROM range(" + TOTAL + ") t(i) -- closed early";
        FlightInfo info = client.sql.execute(sql);
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            assertThat(stream.next()).isTrue();
        } // FlightStream.close cancels the call, then drains what already arrived
        await().atMost(30, TimeUnit.SECONDS).until(() -> !observed(sql).running());
        assertThat(observed(sql).cancelled()).isTrue();
        assertThat(observed(sql).rowsExported()).isLessThan(TOTAL / 10);
        await().atMost(10, TimeUnit.SECONDS).until(() -> mock.flightAllocatedBytes() == 0);
        assertThat(client.query("SELECT 1 AS one")).containsExactly(List.of(1));
    }

    @Test
    void anotherCallOnTheSameSessionMaterialisesTheRestInsteadOfWaiting() throws Exception {
        FlightTestClient client = client();
        long rows = 4_000_000;
        String sql = "SELECT i FROM range(" + rows + ") t(i) -- contended";
        FlightInfo info = client.sql.execute(sql);
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            assertThat(stream.next()).isTrue();
            long read = stream.getRoot().getRowCount();
            // precondition: backpressure holds the stream back, so it still needs the session's connection; the
            // materialised rest is then more than gRPC takes at once, so sending it needs the on-ready signals
            long plateau = settledRowsExported(sql);
            assertThat(plateau).as("rows exported while the reader waits").isLessThan(rows / 2);
            // the stream holds the session's connection; this call queues behind it and makes it let go
            assertThat(client.query("SELECT 7 AS seven")).containsExactly(List.of(7));
            assertThat(observed(sql).materialized()).isTrue();
            while (stream.next()) {
                read += stream.getRoot().getRowCount();
            }
            assertThat(read).isEqualTo(rows);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> !observed(sql).running());
        assertThat(observed(sql).rowsSent()).isEqualTo(rows);
    }

    @Test
    void anOpenIngestHoldsItsSessionButNotOthers() throws Exception {
        FlightTestClient client = client();
        FlightTestClient other = client();
        CommandStatementIngest command = CommandStatementIngest.newBuilder().setTable("held")
                .setTableDefinitionOptions(IngestBatches.createAppend()).build();
        try (VectorSchemaRoot batch = IngestBatches.rows(allocator, 1, "a")) {
            SyncPutListener listener = new SyncPutListener();
            FlightClient.ClientStreamListener put = client.flight.startPut(
                    FlightDescriptor.command(Any.pack(command).toByteArray()), batch, listener);
            put.putNext();
            // The upload reaches the server on its own time; a query sent before it holds the session simply runs
            // (and fails: no table yet). Once the upload holds the session, a query on it waits.
            CompletableFuture<List<List<Object>>> sameSession = null;
            for (int attempt = 0; attempt < 50 && sameSession == null; attempt++) {
                CompletableFuture<List<List<Object>>> probe = CompletableFuture.supplyAsync(
                        () -> client.query("SELECT count(*) FROM held"));
                try {
                    probe.get(300, TimeUnit.MILLISECONDS);
                } catch (TimeoutException waiting) {
                    sameSession = probe;
                } catch (ExecutionException ranBeforeTheUpload) {
                    // try again
                }
            }
            assertThat(sameSession).as("a query on the uploading session waits").isNotNull();
            // another session runs at once, the same session still waits for the upload to finish
            assertThat(other.query("SELECT 1 AS one")).containsExactly(List.of(1));
            assertThat(sameSession).isNotCompleted();
            put.completed();
            put.getResult();
            listener.close();
            assertThat(sameSession.get(30, TimeUnit.SECONDS)).containsExactly(List.of(1L));
        }
    }

    private static ObservedFlightStream observed(String sql) {
        return mock.flightStreams().stream().filter(s -> s.description().equals(sql)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no stream for " + sql));
    }

    /** Waits until the server's exported-row count has not moved for a while. */
    private static long settledRowsExported(String sql) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = observed(sql).rowsExported();
            return last.getAndSet(now) == now;
        });
        return last.get();
    }

    private static void closeQuietly(FlightStream stream) {
        try {
            stream.close();
        } catch (Exception ignored) {
            // a cancelled stream may report its cancellation on close
        }
    }
}
