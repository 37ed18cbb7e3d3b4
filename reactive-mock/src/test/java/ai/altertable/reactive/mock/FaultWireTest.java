package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every setting of {@link FaultPlan}, through the {@value FaultPlan#HEADER} header and through
 * {@link AltertableMock#faults()}, observed on the wire (raw sockets where framing matters).
 */
class FaultWireTest {

    static AltertableMock mock;
    static RawHttp http;
    static String auth;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        http = new RawHttp(mock);
        auth = "Authorization: " + mock.credentials().authorizationHeader();
    }

    @AfterEach
    void clear() {
        mock.faults().clear();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static RawHttp.Response faulty(String fault, String statement) {
        return http.query("{\"statement\":" + Json.quote(statement) + "}", FaultPlan.HEADER, fault);
    }

    private static void assertHtml(RawHttp.Response r, int status, String reason) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("text/html");
        assertThat(r.body()).startsWith("<html>").contains("<title>" + status + " " + reason + "</title>")
                .endsWith("</html>\r\n");
    }

    /** A query over a raw socket, one connection, the response as framed; {@code fault} null sends no header. */
    private static RawSocket.Response raw(String fault, String statement) {
        String body = "{\"statement\":" + Json.quote(statement) + "}";
        String faultHeader = fault == null ? "X-Nothing: 1" : FaultPlan.HEADER + ": " + fault;
        String req = RawSocket.head("POST", "/query", auth, "Content-Type: application/json", "Connection: close",
                faultHeader, "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(req.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        return RawSocket.exchange(mock.lakehousePort(), out.toByteArray());
    }

    @Test
    void statusFaultsAnswerWithAnHtmlPage() {
        assertHtml(faulty("status=500", "SELECT 1"), 500, "Internal Server Error");
        assertHtml(faulty("status=502", "SELECT 1"), 502, "Bad Gateway");
        assertHtml(faulty("status = 503 ;", "SELECT 1"), 503, "Service Unavailable");
        // as a proxy in front of the server would: before authentication, for any known route
        assertHtml(http.as(null).query("{}", FaultPlan.HEADER, "status=503"), 503, "Service Unavailable");
        RawHttp.Response upload = http.send(http.request("/upload").header(FaultPlan.HEADER, "status=502")
                .POST(HttpRequest.BodyPublishers.ofString("a\n1\n")).build());
        assertHtml(upload, 502, "Bad Gateway");
        // unknown paths and wrong methods are still answered by the router
        assertThat(http.send(http.request("/nowhere").header(FaultPlan.HEADER, "status=503").GET().build()).status())
                .isEqualTo(404);
        assertThat(http.send(http.request("/query").header(FaultPlan.HEADER, "status=503").GET().build()).status())
                .isEqualTo(405);
    }

    @Test
    void tooManyRequestsWithRetryAfter() {
        RawHttp.Response r = faulty("status=429; retry-after=2", "SELECT 1");
        assertHtml(r, 429, "Too Many Requests");
        assertThat(r.header("retry-after")).isEqualTo("2");
        assertThat(faulty("status=503", "SELECT 1").header("retry-after")).isNull();
        mock.faults().add(FaultPlan.builder().status(429).retryAfter(Duration.ofSeconds(7)).path("/validate").build());
        RawHttp.Response v = http.postJson("/validate", "{\"statement\":\"SELECT 1\"}");
        assertHtml(v, 429, "Too Many Requests");
        assertThat(v.header("retry-after")).isEqualTo("7");
    }

    @Test
    void timesFromTheHeaderCoverTheNextRequestsToTheSamePath() {
        assertThat(faulty("status=503; times=3", "SELECT 1").status()).isEqualTo(503);
        assertThat(http.postJson("/validate", "{\"statement\":\"SELECT 1\"}").status()).as("another path").isEqualTo(200);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(503);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(503);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void plansFromJavaApplyInOrderToTheirPath() {
        mock.faults().failNext(2, "/query", 502).failNext(1, "/query", 500)
                .add(FaultPlan.builder().status(503).path("/append").build());
        assertThat(http.sql("SELECT 1").status()).isEqualTo(502);
        assertThat(http.post("/append?catalog=memory&schema=main&table=t", "application/json", "{}").status())
                .isEqualTo(503);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(502);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(500);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
        // a plan without a path applies to any route; clear() drops what is left
        mock.faults().add(FaultPlan.builder().status(500).times(5).build());
        assertThat(http.get("/tasks/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f").status()).isEqualTo(500);
        mock.faults().clear();
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void errorAfterRows() {
        for (RawHttp.Response r : new RawHttp.Response[] {
                faulty("error-after-rows=3", "SELECT i FROM range(10) t(i)"),
                viaJava(FaultPlan.builder().errorAfterRows(3).build(), "SELECT i FROM range(10) t(i)")}) {
            assertThat(r.status()).isEqualTo(200);
            List<String> lines = r.lines();
            assertThat(lines).hasSize(6);
            assertThat(lines.subList(2, 5)).containsExactly("[0]", "[1]", "[2]");
            assertThat(lines.get(5)).isEqualTo("{\"error\":\"Injected fault: stream error after 3 rows\"}");
        }
        List<String> zero = faulty("error-after-rows=0", "SELECT i FROM range(10) t(i)").lines();
        assertThat(zero).hasSize(3);
        assertThat(zero.get(2)).startsWith("{\"error\":");
        assertThat(faulty("error-after-rows=50", "SELECT i FROM range(10) t(i)").lines()).hasSize(12);
    }

    private static RawHttp.Response viaJava(FaultPlan plan, String statement) {
        mock.faults().add(plan);
        return http.sql(statement);
    }

    @Test
    void closeAfterBytesTruncatesTheBodyAndTheServerGoesOn() {
        RawSocket.Response r = raw("close-after-bytes=100", "SELECT i FROM range(100000) t(i)");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.complete()).isFalse();
        assertThat(r.body()).hasSize(100);
        assertThat(r.bodyText()).startsWith("{\"statement\":");
        // the JDK client sees a broken body
        assertThatThrownBy(() -> faulty("close-after-bytes=10", "SELECT 1")).hasRootCauseInstanceOf(IOException.class);
        mock.faults().add(FaultPlan.builder().closeAfterBytes(0).build());
        assertThatThrownBy(() -> http.sql("SELECT 1")).hasRootCauseInstanceOf(IOException.class);
        assertThat(http.sql("SELECT 42").lines().get(2)).isEqualTo("[42]");
    }

    @Test
    void closeAfterLinesCutsExactlyAtALineEnd() {
        for (int chunk : new int[] {0, 5}) {
            String fault = "close-after-lines=3" + (chunk > 0 ? "; chunk-bytes=" + chunk : "");
            RawSocket.Response r = raw(fault, "SELECT i FROM range(100000) t(i)");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.complete()).as(fault).isFalse();
            assertThat(r.bodyText()).as(fault).endsWith("\n[0]\n");
            assertThat(r.bodyText().split("\n", -1)).as(fault).hasSize(4); // three lines and nothing after them
        }
        // at or past the last line: every line arrives, and the body still ends without its terminator
        RawSocket.Response whole = raw("close-after-lines=3", "SELECT 1");
        assertThat(whole.complete()).isFalse();
        assertThat(whole.bodyText()).endsWith("\n[1]\n");
        RawSocket.Response past = raw("close-after-lines=50", "SELECT 1");
        assertThat(past.complete()).isFalse();
        assertThat(past.bodyText().split("\n", -1)).hasSize(4);
        assertThat(http.sql("SELECT 42").lines().get(2)).isEqualTo("[42]");
    }

    @Test
    void writeFaultsLetTheWriteRunThenSpoilItsAnswer() {
        http.sql("CREATE OR REPLACE TABLE faulted_writes (a INTEGER)");
        String append = "/append?catalog=memory&schema=main&table=faulted_writes&sync=true";
        // status-after: the write commits, the answer is the proxy's 5xx
        RawHttp.Response failed = http.send(http.request(append).header("Content-Type", "application/json")
                .header(FaultPlan.HEADER, "status-after=503").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build());
        assertHtml(failed, 503, "Service Unavailable");
        // close-after-bytes=0 on a write: it commits, then the connection is reset before any answer
        assertThatThrownBy(() -> http.send(http.request(append).header("Content-Type", "application/json")
                .header(FaultPlan.HEADER, "close-after-bytes=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":2}")).build())).hasRootCauseInstanceOf(IOException.class);
        // a cut inside the JSON answer, from a Java plan
        mock.faults().add(FaultPlan.builder().path("/append").closeAfterBytes(5).build());
        assertThatThrownBy(() -> http.post(append, "application/json", "{\"a\":3}"))
                .hasRootCauseInstanceOf(IOException.class);
        // status-after is for writes only: a query runs and answers as usual
        assertThat(faulty("status-after=500", "SELECT 7").lines().get(2)).isEqualTo("[7]");
        assertThat(http.sql("SELECT list(a ORDER BY a) FROM faulted_writes").lines().get(2)).isEqualTo("[[1,2,3]]");
    }

    @Test
    void answerDelayHoldsTheAnswerOfAWriteThatRan() {
        http.sql("CREATE OR REPLACE TABLE delayed_writes (a INTEGER)");
        String append = "/append?catalog=memory&schema=main&table=delayed_writes&sync=true";
        long t0 = System.nanoTime();
        RawHttp.Response r = http.send(http.request(append).header("Content-Type", "application/json")
                .header(FaultPlan.HEADER, "answer-delay=300ms").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"ok\":true");
        // from Java, for the next two appends, each delayed
        mock.faults().add(FaultPlan.builder().path("/append").answerDelay(Duration.ofMillis(200)).times(2).build());
        t0 = System.nanoTime();
        assertThat(http.post(append, "application/json", "{\"a\":2}").status()).isEqualTo(200);
        assertThat(http.post(append, "application/json", "{\"a\":3}").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        // with status-after, the spoiled answer is the one delayed; the write ran all the same
        t0 = System.nanoTime();
        RawHttp.Response spoiled = http.send(http.request(append).header("Content-Type", "application/json")
                .header(FaultPlan.HEADER, "answer-delay=100ms; status-after=503")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":4}")).build());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertHtml(spoiled, 503, "Service Unavailable");
        // a query ignores it
        t0 = System.nanoTime();
        assertThat(faulty("answer-delay=60s", "SELECT 7").lines().get(2)).isEqualTo("[7]");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        assertThat(http.sql("SELECT list(a ORDER BY a) FROM delayed_writes").lines().get(2))
                .isEqualTo("[[1,2,3,4]]");
        assertThat(FaultPlan.parse("answer-delay=2s").answerDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> FaultPlan.parse("answer-delay=-5ms")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstLineDelayHoldsTheBody() {
        long t0 = System.nanoTime();
        RawHttp.Response r = faulty("first-line-delay=300ms", "SELECT 1");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.lines()).hasSize(3);
        t0 = System.nanoTime();
        viaJava(FaultPlan.parse("first-line-delay=1s"), "SELECT 1");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rowDelaySendsRowsOneByOne() {
        for (boolean header : new boolean[] {true, false}) {
            if (!header) {
                mock.faults().add(FaultPlan.builder().rowDelay(Duration.ofMillis(40)).path("/query").build());
            }
            long t0 = System.nanoTime();
            RawSocket.Response r = raw(header ? "row-delay=40ms" : null, "SELECT i FROM range(5) t(i)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(r.complete()).isTrue();
            List<String> chunks = r.chunks().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
            assertThat(chunks).endsWith("[0]\n", "[1]\n", "[2]\n", "[3]\n", "[4]\n");
        }
    }

    @Test
    void chunkBytesSplitsLinesAndCharacters() throws Exception {
        RawSocket.Response r = raw("chunk-bytes=3", "SELECT 'é😀' AS s FROM range(3)");
        assertThat(r.complete()).isTrue();
        assertThat(r.chunks()).hasSizeGreaterThan(20).allMatch(c -> c.length <= 3);
        assertThat(r.bodyText()).endsWith("[\"é😀\"]\n[\"é😀\"]\n[\"é😀\"]\n");
        // at least one chunk ends inside a multi-byte character
        assertThat(r.chunks()).anyMatch(c -> !decodes(c));
        mock.faults().add(FaultPlan.builder().chunkBytes(1).build());
        RawSocket.Response viaJava = raw(null, "SELECT 'é' AS s");
        assertThat(viaJava.chunks()).allMatch(c -> c.length == 1);
        assertThat(viaJava.bodyText()).endsWith("[\"é\"]\n");
    }

    private static boolean decodes(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void invalidFaultHeadersAre400() {
        for (String bad : new String[] {"status=200", "status=abc", "bogus=1", "times=0", "status", "=5",
                "first-line-delay=soon", "answer-delay=-5ms", "chunk-bytes=0", "error-after-rows=-1", "retry-after=x"}) {
            RawHttp.Response r = faulty(bad, "SELECT 1");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.body()).as(bad).startsWith("Invalid " + FaultPlan.HEADER + " header: ");
        }
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }
}
