package ai.altertable.reactive.mock;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long {@code /query} streams take turns on the database threads with everything else: with as many endless streams
 * as there are database threads, a {@code SELECT 1} and a one-row synchronous append are still answered while every
 * stream is running, whether the streams' readers keep reading (each stream always has demand) or have stalled.
 *
 * <p>End to end over HTTP this cannot tell slow from fast without a clock: before the streams took turns, these
 * requests were answered too, only seconds later (a stream kept its thread for as long as Reactor Netty's demand
 * lasted). The deterministic proofs that a stream gives its thread up between chunks are
 * {@code internal.lakehouse.NdjsonQueryTurnsTest} and {@code internal.flight.DoGetStreamTurnsTest}; the latency is
 * measured by the benchmarks module ({@code MockLoadBenchmark}).
 */
class HeadOfLineWireTest {

    /** As many streams as database threads: one stream per thread, none left over for short requests. */
    static final int STREAMS = 4;
    static final String ENDLESS_ROWS = "SELECT i, i * 0.5::DOUBLE AS half, 'padding to make each row longer' AS pad "
            + "FROM range(1000000000000) t(i)";

    @Test
    void shortRequestsAreAnsweredWhileStreamsWhoseReadersKeepUpRun() {
        shortRequestsAreAnsweredWhileStreamsRun(true);
    }

    @Test
    void shortRequestsAreAnsweredWhileStreamsWhoseReadersStalledRun() {
        shortRequestsAreAnsweredWhileStreamsRun(false);
    }

    private static void shortRequestsAreAnsweredWhileStreamsRun(boolean read) {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().dbThreads(STREAMS).start()) {
            RawHttp http = new RawHttp(mock);
            assertThat(http.sql("CREATE TABLE events (id INTEGER, name VARCHAR)").status()).isEqualTo(200);
            List<LongStream> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    streams.add(new LongStream(mock, read));
                }
                // every stream has run on the database threads and produced rows
                for (LongStream s : streams) {
                    await().atMost(60, TimeUnit.SECONDS).until(() -> s.rowsProduced(mock) > 10_000);
                }
                if (read) {
                    for (LongStream s : streams) {
                        await().atMost(60, TimeUnit.SECONDS).until(() -> s.bytesRead.get() > 1_000_000);
                    }
                }

                RawHttp.Response one = http.sql("SELECT 1 AS one");
                assertThat(one.lines()).hasSize(3).element(2).isEqualTo("[1]");
                RawHttp.Response append = http.post("/append?catalog=memory&schema=main&table=events&sync=true",
                        "application/json", "{\"id\":1,\"name\":\"short\"}");
                assertThat(Json.parse(append.body()).get("ok").asBoolean()).as(append.body()).isTrue();
                assertThat(http.sql("SELECT id, name FROM events").lines()).element(2).isEqualTo("[1,\"short\"]");

                // answered while every stream was still running (none ended to make room)
                for (LongStream s : streams) {
                    ObservedQuery q = mock.observedQuery(s.queryId);
                    assertThat(q.running()).as("stream %s still running", s.queryId).isTrue();
                    assertThat(q.error()).isNull();
                }
            } finally {
                streams.forEach(LongStream::close);
            }
            for (LongStream s : streams) {
                await().atMost(60, TimeUnit.SECONDS).until(() -> !mock.observedQuery(s.queryId).running());
            }
        }
    }

    /** An endless {@code /query} on its own connection, read as fast as it arrives by its own thread, or never read. */
    static final class LongStream implements AutoCloseable {
        final String queryId = UUID.randomUUID().toString();
        final AtomicLong bytesRead = new AtomicLong();
        private final Socket socket;

        LongStream(AltertableMock mock, boolean read) {
            String body = "{\"statement\":" + Json.quote(ENDLESS_ROWS) + ",\"query_id\":\"" + queryId + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                socket = new Socket("127.0.0.1", mock.lakehousePort());
                socket.getOutputStream().write((RawSocket.head("POST", "/query",
                        "Authorization: " + mock.credentials().authorizationHeader(),
                        "Content-Type: application/json", "Content-Length: " + bytes.length))
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (read) {
                Thread reader = new Thread(this::readUntilClosed, "long-stream-reader");
                reader.setDaemon(true);
                reader.start();
            }
        }

        long rowsProduced(AltertableMock mock) {
            ObservedQuery q = mock.observedQuery(queryId);
            return q == null ? 0 : q.rowsProduced();
        }

        private void readUntilClosed() {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    bytesRead.addAndGet(n);
                }
            } catch (IOException closed) {
                // the test closed the socket: the reader's job is over
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
    }
}
