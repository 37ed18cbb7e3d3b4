package ai.altertable.reactive.rest.reliability;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream drops: the mock closes a {@code /query} stream after a seeded byte offset ({@code close-after-bytes}), 100
 * times, a quarter of them exactly at line ends; every run must end with a typed error after only whole rows, all
 * the rows whose lines were complete before the cut, and never with a short result.
 *
 * <p>A cut at a line end is the case the NDJSON decoder cannot see: the lines it got are all complete. The mock
 * streams chunked, and without the terminating chunk Reactor Netty reports a premature close, which the transport
 * turns into a {@link NetworkException}; these runs check that it does, at every line end chosen. (A body framed by
 * {@code Content-Length} would be caught the same way, by its length; a server that closed a body framed by closing
 * the connection would look complete: no such framing is used by the mock, nor accepted silently here.)
 */
@ExtendWith(ReliabilitySeed.class)
class StreamDropTest {

    static final int RUNS = 100;
    static final int LINE_END_RUNS = 25;
    static final int ROWS = 300;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Multi-byte characters, so that some cuts fall inside one. */
    static final String STATEMENT = "SELECT i, 'row ' || i || ' ünï ✓ 𝄞' AS s, i * 0.5 AS h FROM range(" + ROWS + ") t(i)";

    static AltertableMock mock;
    static LakehouseClient client;
    static ReferenceBody reference;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .retryPolicy(RetryPolicy.none()) // each drop is observed as it happened, not hidden by a retry
                .build());
        for (int warm = 0; warm < 3; warm++) { // the last, warm, one: init_time_ms as small as it usually is
            reference = ReferenceBody.of(mock, STATEMENT);
        }
        assertThat(reference.rowLines()).isEqualTo(ROWS);
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    /** One drop and what the client saw. */
    record Run(long offset, boolean atLineEnd, int chunkBytes, List<Long> ids, Throwable error, boolean completed,
               int expectedRows) {
    }

    @Test
    void everyDropEndsWithATypedErrorAfterWholeRowsOnly() {
        Random random = ReliabilitySeed.random("rest-stream-drops");
        List<Run> runs = new ArrayList<>();
        for (Cut cut : cuts(random)) {
            int chunkBytes = random.nextInt(3) == 0 ? new int[] {3, 7, 64, 512}[random.nextInt(4)] : 0;
            runs.add(drop(cut, chunkBytes));
        }
        int decoderEarlyEnd = 0;
        int prematureClose = 0;
        int lineEnds = 0;
        int lineEndPrematureClose = 0;
        for (Run r : runs) {
            String what = "drop at byte " + r.offset + " of " + reference.length() + (r.atLineEnd ? " (a line end)" : "")
                    + (r.chunkBytes > 0 ? ", chunks of " + r.chunkBytes : "") + ": " + r.error;
            assertThat(r.completed).as(what + ": completed with " + r.ids.size() + " rows").isFalse();
            assertThat(r.error).as(what).isInstanceOfAny(NetworkException.class, ResponseParseException.class);
            assertThat(r.ids).as(what + ": the rows are a prefix, in order").isEqualTo(prefix(r.ids.size()));
            assertThat(r.ids).as(what + ": every row whose line was complete before the cut").hasSize(r.expectedRows);
            if (r.error.getMessage().contains("stream ended early")) {
                decoderEarlyEnd++;
            } else {
                prematureClose++;
                if (r.atLineEnd) {
                    lineEndPrematureClose++;
                }
            }
            if (r.atLineEnd) {
                lineEnds++;
            }
            if (r.atLineEnd && r.expectedRows > 0) {
                // the decoder saw only complete lines: the transport must be what reports the drop
                assertThat(r.error.getMessage()).as(what).contains("connection closed before the response was complete");
            }
        }
        System.out.printf("[reliability] REST stream drops (%s): %d runs, %d at line ends; %d reported by the NDJSON "
                        + "decoder (ended inside a line), %d by the transport (premature close), %d of them at line ends; "
                        + "0 short results%n", ReliabilitySeed.reproduce(), runs.size(), lineEnds, decoderEarlyEnd,
                prematureClose, lineEndPrematureClose);
        assertThat(client.query("SELECT 42").map(row -> row.getInt(0)).blockLast(TIMEOUT)).isEqualTo(42);
    }

    /** A cut: after whole lines (an exact line end), or after a byte offset of the reference body. */
    private record Cut(long lines, long bytes) {
    }

    /** 100 cuts: a quarter after whole lines (the last line included), the rest at offsets anywhere in the body. */
    private static List<Cut> cuts(Random random) {
        int lines = reference.lineEnds().size();
        List<Cut> out = new ArrayList<>();
        out.add(new Cut(lines, -1)); // the whole body, without the chunked terminator
        out.add(new Cut(2, -1));     // just after the columns line
        while (out.size() < LINE_END_RUNS) {
            out.add(new Cut(3 + random.nextInt(lines - 3), -1));
        }
        out.add(new Cut(-1, 0));
        while (out.size() < RUNS) {
            out.add(new Cut(-1, random.nextInt((int) reference.length())));
        }
        return out;
    }

    /**
     * A drop at {@code cut}. A cut after whole lines lands exactly at that line's end (the mock counts lines). A cut at
     * a byte offset lands where it lands: the metadata line of a run may be a byte or two longer or shorter than the
     * reference's ({@code init_time_ms} has more or fewer digits), which moves every later byte, so the outcome is
     * judged at the reference position the cut really had, known once the run's metadata line is read.
     */
    private static Run drop(Cut cut, int chunkBytes) {
        FaultPlan.Builder plan = FaultPlan.builder().path("/query");
        if (cut.lines() >= 0) {
            plan.closeAfterLines(cut.lines());
        } else {
            plan.closeAfterBytes(cut.bytes());
        }
        if (chunkBytes > 0) {
            plan.chunkBytes(chunkBytes);
        }
        mock.faults().add(plan.build());
        List<Long> ids = new ArrayList<>();
        AtomicReference<QueryMetadata> metadata = new AtomicReference<>();
        QueryRequest request = QueryRequest.builder().statement(STATEMENT).queryId(UUID.randomUUID().toString())
                .sessionId(UUID.randomUUID().toString()).build();
        Throwable error = null;
        boolean completed = false;
        try {
            client.query(request, result -> {
                metadata.set(result.metadata());
                return result.rows();
            }).doOnNext(row -> ids.add(checked(row))).blockLast(TIMEOUT);
            completed = true;
        } catch (AltertableException e) {
            error = e;
        }
        long position = cut.lines() >= 0
                ? new ArrayList<>(reference.lineEnds()).get((int) cut.lines() - 1)
                : cut.bytes() - (metadata.get() == null ? 0 : reference.metadataShift(metadata.get()));
        if (metadata.get() == null) { // cut before the columns line: where exactly does not change the outcome
            return new Run(position, false, chunkBytes, ids, error, completed, 0);
        }
        return new Run(position, reference.lineEnds().contains(position), chunkBytes, ids, error, completed,
                reference.completeRowsBefore(position));
    }

    /** The row's id, after checking that the whole row is the expected one. */
    private static long checked(Row row) {
        long i = row.getLong(0);
        assertThat(row.getString(1)).isEqualTo("row " + i + " ünï ✓ 𝄞");
        assertThat(row.getDouble(2)).isEqualTo(i * 0.5);
        return i;
    }

    private static List<Long> prefix(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
