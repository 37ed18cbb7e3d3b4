package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
