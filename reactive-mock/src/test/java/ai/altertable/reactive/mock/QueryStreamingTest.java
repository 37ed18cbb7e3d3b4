package ai.altertable.reactive.mock;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Streaming behaviour of {@code /query}: backpressure from the socket to DuckDB, cancel of running queries. */
class QueryStreamingTest {

    static AltertableMock mock;
    static RawHttp http;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        http = new RawHttp(mock);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static HttpClient client() {
        return HttpClient.create().baseUrl(mock.baseUrl().toString())
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, mock.credentials().authorizationHeader())
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    }

    /** Counts lines of a response body, requesting network buffers only when told to. */
    static final class SlowReader extends BaseSubscriber<ByteBuf> {
        final AtomicLong lines = new AtomicLong();

        @Override
        protected void hookOnSubscribe(Subscription s) {
            // no demand until the test asks
        }

        @Override
        protected void hookOnNext(ByteBuf buf) {
            for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                if (buf.getByte(i) == '\n') {
                    lines.incrementAndGet();
                }
            }
        }
    }

    @Test
    void aReaderThatStopsReadingStopsTheServerFromReadingRows() throws Exception {
        String queryId = "11111111-2222-4333-8444-555555555555";
        long total = 20_000_000;
        SlowReader reader = new SlowReader();
        client().post().uri("/query")
                .send(ByteBufFlux.fromString(Mono.just("{\"statement\":\"SELECT i, 'padding-to-make-each-row-about-seventy-bytes-long' AS pad FROM range("
                        + total + ") t(i)\",\"query_id\":\"" + queryId + "\"}")))
                .responseContent()
                .subscribe(reader);
        reader.request(20);
        await().atMost(30, TimeUnit.SECONDS).until(() -> reader.lines.get() > 100);
        // stop reading; the server keeps producing only until the socket buffers and Netty's outbound queue are full
        long produced1 = settledRowsProduced(queryId);
        long consumed = reader.lines.get();
        assertThat(produced1 - consumed).as("rows produced ahead of the reader").isLessThan(500_000);
        assertThat(produced1).isLessThan(total / 10);
        assertThat(mock.observedQuery(queryId).running()).isTrue();

        // reading again makes the server produce again
        reader.requestUnbounded();
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(queryId).rowsProduced() > produced1);

        // a reader that goes away ends the query on the server
        reader.dispose();
        await().atMost(30, TimeUnit.SECONDS).until(() -> !mock.observedQuery(queryId).running());
        assertThat(mock.observedQuery(queryId).error()).contains("client closed");
        assertThat(mock.observedQuery(queryId).rowsProduced()).isLessThan(total);
    }

    /** Waits until the server's produced-row count stops moving. */
    private static long settledRowsProduced(String queryId) throws InterruptedException {
        long last = -1;
        long now = mock.observedQuery(queryId).rowsProduced();
        while (now != last) {
            last = now;
            Thread.sleep(500);
            now = mock.observedQuery(queryId).rowsProduced();
        }
        return now;
    }

    @Test
    void deleteCancelsARunningQuery() {
        String queryId = "22222222-2222-4333-8444-555555555555";
        CompletableFuture<RawHttp.Response> pending = CompletableFuture.supplyAsync(() -> http.postJson("/query",
                "{\"statement\":\"SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3\",\"query_id\":\""
                        + queryId + "\",\"session_id\":\"s-cancel\"}"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(queryId) != null);
        RawHttp.Response cancel = http.delete("/query/" + queryId + "?session_id=s-cancel");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body()).isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        RawHttp.Response r = pending.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1)).startsWith("{\"error\":\"Failed to execute query: INTERRUPT Error: Interrupted!");
        assertThat(mock.observedQuery(queryId).cancelRequested()).isTrue();
        assertThat(mock.cancelRequests()).contains(queryId);
        // the log records the interruption, and the user's next query works
        assertThat(http.get("/query/" + queryId).body()).contains("Interrupted");
        assertThat(http.postJson("/query", "{\"statement\":\"SELECT 42\"}").lines().get(2)).isEqualTo("[42]");
    }

    @Test
    void concurrentQueriesOfOneUserRunConcurrently() {
        // a slow query must not hold up a fast one of the same user (the official mock serialises them)
        String slowId = "33333333-2222-4333-8444-555555555555";
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> http.postJson("/query",
                "{\"statement\":\"SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3\",\"query_id\":\""
                        + slowId + "\",\"session_id\":\"s\"}"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(slowId) != null);
        long t0 = System.nanoTime();
        RawHttp.Response fast = http.postJson("/query", "{\"statement\":\"SELECT 1 AS one\"}");
        assertThat(fast.lines().get(2)).isEqualTo("[1]");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(slow).isNotDone();
        http.delete("/query/" + slowId + "?session_id=s");
        assertThat(slow.orTimeout(30, TimeUnit.SECONDS).join().body()).contains("INTERRUPT Error: Interrupted!");
    }

    @Test
    void streamedBodyIsChunkedNotContentLength() {
        RawHttp.Response r = http.postJson("/query", "{\"statement\":\"SELECT i FROM range(100000) t(i)\"}");
        assertThat(r.lines()).hasSize(100_002);
        assertThat(r.header("content-length")).isNull();
        assertThat(r.lines().get(100_001)).isEqualTo("[99999]");
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).endsWith("[99999]\n");
    }
}
