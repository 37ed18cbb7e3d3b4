package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never takes the server down, and keep-alive connections keep working (pipelining included). */
class RobustnessWireTest {

    static AltertableMock mock;
    static RawHttp http;
    static String auth;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        http = new RawHttp(mock);
        auth = "Authorization: " + mock.credentials().authorizationHeader();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static String post(String target, String contentType, String body) {
        return RawSocket.head("POST", target, auth, "Content-Type: " + contentType,
                "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length) + body;
    }

    @Test
    void pipelinedRequestsAreAllAnswered() {
        // two requests in one write: the second is buffered while the first runs, then answered synchronously; the
        // connection must go on reading afterwards (reactor-netty 1.3.7 stopped reading here)
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            String first = post("/query", "application/json", "{\"statement\":\"SELECT 1 AS a\"}");
            s.write((first + RawSocket.head("GET", "/nowhere")).getBytes(StandardCharsets.UTF_8));
            RawSocket.Response a = s.read();
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.bodyText()).endsWith("[1]\n");
            assertThat(s.read().status()).isEqualTo(404);
            s.write(RawSocket.head("GET", "/nowhere/either"));
            assertThat(s.read().status()).isEqualTo(404);
            s.write(post("/query", "application/json", "{\"statement\":\"SELECT 2 AS b\"}"));
            assertThat(s.read().bodyText()).endsWith("[2]\n");
        }
    }

    @Test
    void aPipelinedRequestWithALargeBodyIsRead() {
        // the first answer is held back, so the second request and much of its 3 MiB body are buffered meanwhile;
        // after the replay the body must still be read to its end (reactor-netty 1.3.7 stopped reading here)
        for (String target : new String[] {"/query", "/append?catalog=memory&schema=main&table=t",
                "/upload?catalog=memory&schema=main&table=pipelined&mode=overwrite"}) {
            try (RawSocket s = new RawSocket(mock.lakehousePort())) {
                String first = RawSocket.head("POST", "/query", auth, "Content-Type: application/json",
                        FaultPlan.HEADER + ": first-line-delay=300ms", "Content-Length: 29")
                        + "{\"statement\":\"SELECT 1 AS a\"}";
                byte[] big = ("a\n" + "1\n".repeat(3 * 512 * 1024)).getBytes(StandardCharsets.UTF_8);
                String second = RawSocket.head("POST", target, auth, "Content-Type: text/csv",
                        "Content-Length: " + big.length);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.writeBytes((first + second).getBytes(StandardCharsets.UTF_8));
                all.writeBytes(big);
                CompletableFuture<RawSocket> sent =
                        CompletableFuture.supplyAsync(() -> s.write(all.toByteArray()));
                assertThat(s.read().bodyText()).as(target).endsWith("[1]\n");
                int expected = target.startsWith("/upload") ? 200 : target.startsWith("/query") ? 415 : 413;
                assertThat(s.read().status()).as(target).isEqualTo(expected);
                sent.join();
            }
        }
    }

    @Test
    void manyPipelinedRequestsInOneWrite() {
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                all.append(post("/query", "application/json", "{\"statement\":\"SELECT " + i + " AS n\"}"));
                all.append(RawSocket.head("GET", "/query/00000000-0000-4000-8000-00000000000" + i, auth));
                all.append(post("/validate", "application/json", "{\"statement\":\"SELECT " + i + "\"}"));
            }
            s.write(all.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 10; i++) {
                assertThat(s.read().bodyText()).endsWith("[" + i + "]\n");
                assertThat(s.read().status()).isEqualTo(404);
                assertThat(s.read().bodyText()).startsWith("{\"valid\":true,\"statement\":\"SELECT " + i + "\"");
            }
        }
    }

    /** Sends {@code bytes}, half-closes, and reads whatever comes back until the server closes. */
    private static String hostile(byte[] bytes) {
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            try {
                s.write(bytes);
                s.shutdownOutput();
            } catch (RuntimeException e) {
                // the server may close first: that is an acceptable answer to garbage
            }
            return new String(s.readToEnd(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String hostile(String latin1) {
        return hostile(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBarrageOfMalformedRequestsLeavesTheServerServing() {
        List<String> answers = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            byte[] garbage = new byte[1 + random.nextInt(8192)];
            random.nextBytes(garbage);
            answers.add(hostile(garbage));
        }
        String body = "{\"statement\":\"SELECT 1\"}";
        String[] requests = {
            "GET / HTTP/9.9\r\n\r\n",
            "GET /query\r\n\r\n",
            "\r\n\r\n\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200_000) + "\r\n\r\n",
            "GET /" + "q".repeat(200_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + "X-H: v\r\n".repeat(5_000) + "\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: abc\r\n\r\n" + body,
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: -5\r\n\r\n" + body,
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n" + body,
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"sta",
            "POST /upload?catalog=memory&schema=main&table=trunc&mode=create HTTP/1.1\r\nHost: x\r\n" + auth
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 1000000\r\n\r\na,b\n1,2\n",
            "POST /upload?catalog=memory&schema=main&table=trunc2&mode=create HTTP/1.1\r\nHost: x\r\n" + auth
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n8\r\na,b\n1,2\n\r\n",
            "POST /append?catalog=memory&schema=main&table=t HTTP/1.1\r\nHost: x\r\n" + auth
                    + "\r\nContent-Length: 500\r\n\r\n[{\"a\":",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 25\r\n\r\n",
            "POST /query HTTP/1.1\r\nHo",
            "POST /query HTTP/1.1\r\nHost: x\r\nX-\u0000Null: v\r\n\r\n",
            "DELETE /query/%%%%?session_id=%%% HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n",
            "GET /tasks/" + "%FF".repeat(40) + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4\r\n\r\n\u00ff\u00fe\u0000\u0001",
            "POST /query HTTP/1.1\r\nHost: x\r\n" + auth + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 40\r\n\r\n{\"statement\":\"SELECT '\u00e9\u00ff'\"}   ",
        };
        for (String r : requests) {
            answers.add(hostile(r));
        }
        // whatever the server said, it said in HTTP (or it closed without a word)
        for (String a : answers) {
            assertThat(a.isEmpty() || a.startsWith("HTTP/")).as(a.length() > 200 ? a.substring(0, 200) : a).isTrue();
        }
        assertThat(answers).noneMatch(a -> a.startsWith("HTTP/1.1 5"));
        // and it still serves everything
        assertThat(http.sql("SELECT 42").lines().get(2)).isEqualTo("[42]");
        assertThat(http.post("/upload?catalog=memory&schema=main&table=after_barrage&mode=create", "text/csv",
                "a\n1\n").status()).isEqualTo(200);
        assertThat(http.postJson("/validate", "{\"statement\":\"SELECT 1\"}").status()).isEqualTo(200);
        // no half-read upload was committed
        assertThat(http.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'trunc%'").lines().get(2))
                .isEqualTo("[0]");
    }

    @Test
    void longUrlsAndHeadersAreServed() {
        String id = "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f";
        RawHttp.Response longQuery = http.delete("/query/" + id + "?session_id=" + "s".repeat(20_000));
        assertThat(longQuery.status()).isEqualTo(404);
        RawHttp.Response longHeader = http.send(http.request("/query/" + id).header("X-Padding", "p".repeat(20_000))
                .GET().build());
        assertThat(longHeader.status()).isEqualTo(404);
        assertThat(http.as("Basic " + "A".repeat(20_000)).sql("SELECT 1").status()).isEqualTo(401);
    }

    @Test
    void expectContinueIsHonoured() {
        RawHttp.Response q = http.send(http.request("/query").expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT 5\"}")).build());
        assertThat(q.lines().get(2)).isEqualTo("[5]");
        RawHttp.Response up = http.send(http.request("/upload?catalog=memory&schema=main&table=continued&mode=create")
                .expectContinue(true).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("a\n1\n")).build());
        assertThat(up.status()).isEqualTo(200);
        RawHttp.Response unauthorized = http.as(null).send(http.as(null).request("/query").expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT 5\"}")).build());
        assertThat(unauthorized.status()).isEqualTo(401);
    }

    @Test
    void aClientThatDisconnectsMidResponseDoesNotDisturbOthers() {
        for (int i = 0; i < 5; i++) {
            try (RawSocket s = new RawSocket(mock.lakehousePort())) {
                s.write(post("/query", "application/json", "{\"statement\":\"SELECT i FROM range(3000000) t(i)\"}"));
                assertThat(new String(s.readBytes(4096), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
                // and hangs up by closing, with most of the body unread
            } catch (RuntimeException ignored) {
                // a reset while reading is fine
            }
        }
        assertThat(http.sql("SELECT 7").lines().get(2)).isEqualTo("[7]");
    }
}
