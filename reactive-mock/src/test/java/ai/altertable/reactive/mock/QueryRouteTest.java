package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryRouteTest {

    static AltertableMock mock;
    static RawHttp http;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").user("bob", "pw").start();
        http = new RawHttp(mock);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void firstUserIsTheFirstConfigured() {
        assertThat(mock.credentials().username()).isEqualTo("alice");
        assertThat(mock.usernames()).containsExactly("alice", "bob");
    }

    @Test
    void selectStreamsMetadataColumnsAndRows() {
        RawHttp.Response r = http.postJson("/query", "{\"statement\":\"SELECT 7 AS n, 'x' AS s\",\"query_id\":\"0B9F6C1E-2D4A-4E8B-A1C3-7E5D9F0A2B4C\",\"session_id\":\"s1\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        List<String> lines = r.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\{\"statement\":\"SELECT 7 AS n, 'x' AS s\",\"rows_limit\":null,\"rows_offset\":null,"
                + "\"init_time_ms\":[1-9][0-9]*,\"connections_errors\":\\{},\"session_id\":\"s1\","
                + "\"query_id\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\",\"worker_slug\":\"altertable-mock\"}");
        assertThat(lines.get(1)).isEqualTo("[{\"name\":\"n\",\"type\":\"INTEGER\"},{\"name\":\"s\",\"type\":\"VARCHAR\"}]");
        assertThat(lines.get(2)).isEqualTo("[7,\"x\"]");
    }

    @Test
    void sqlErrorIs200WithErrorLine() {
        RawHttp.Response r = http.postJson("/query", "{\"statement\":\"SELECT * FROM nope\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1)).startsWith("{\"error\":\"Failed to prepare statement: Catalog Error: Table with name nope does not exist!");
    }

    @Test
    void authAndRouting() {
        assertThat(http.as(null).postJson("/query", "{}").status()).isEqualTo(401);
        RawHttp.Response wrong = http.as("Basic YWxpY2U6d3Jvbmc=").postJson("/query", "{\"statement\":\"SELECT 1\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.bytes()).isEmpty();
        assertThat(wrong.contentType()).isNull();
        assertThat(wrong.header("www-authenticate")).isNull();
        assertThat(http.as(null).get("/health").status()).isEqualTo(404);
        RawHttp.Response put = http.as(null).send(http.request("/query").PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("allow")).isEqualTo("POST");
    }

    @Test
    void frameworkRejections() {
        RawHttp.Response noType = http.send(http.request("/query").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(noType.status()).isEqualTo(415);
        assertThat(noType.body()).startsWith("Expected request with `Content-Type: application/json`");
        RawHttp.Response syntax = http.postJson("/query", "{\"statement\":");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.body()).startsWith("Failed to parse the request body as JSON: ");
        assertThat(syntax.contentType()).isEqualTo("text/plain; charset=utf-8");
        RawHttp.Response missing = http.postJson("/query", "{\"sql\":\"SELECT 1\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).startsWith("Failed to deserialize the JSON body into the target type: missing field `statement`");
        assertThat(http.postJson("/query", "{\"statement\":\"SELECT 1\",\"limit\":-1}").status()).isEqualTo(422);
        assertThat(http.postJson("/query", "{\"statement\":\"SELECT 1\",\"limit\":\"10\"}").status()).isEqualTo(422);
        assertThat(http.postJson("/query", "{\"statement\":\"SELECT 1\",\"format\":\"json\"}").body()).isEqualTo("Unsupported query format: json");
        String big = "{\"statement\":\"SELECT '" + "x".repeat(2 * 1024 * 1024) + "'\"}";
        RawHttp.Response tooBig = http.postJson("/query", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.body()).startsWith("Failed to buffer the request body: length limit exceeded");
        // the server keeps serving
        assertThat(http.postJson("/query", "{\"statement\":\"SELECT 1\"}").status()).isEqualTo(200);
    }

    static String rawGet(int port, String path, String auth) {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", port)) {
            sock.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: " + auth + "\r\n\r\n").getBytes());
            return new String(sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void queryLogAndCancel() {
        String id = "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f";
        http.postJson("/query", "{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"sess\"}");
        RawHttp.Response log = http.get("/query/" + id);
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains("\"uuid\":\"" + id + "\"", "\"client_interface\":\"HttpQuery\"", "\"error\":null");
        assertThat(http.delete("/query/" + id + "?session_id=sess").body()).isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        assertThat(http.delete("/query/" + id + "?session_id=other").body()).isEqualTo("{\"cancelled\":false,\"message\":\"Session ID does not match\"}");
        assertThat(http.delete("/query/" + id).body()).isEqualTo("Failed to deserialize query string: missing field `session_id`");
        assertThat(http.get("/query/not-a-uuid").body()).startsWith("Invalid URL: ");
        // isolation: bob cannot see alice's query
        RawHttp bob = http.as(mock.credentials("bob").authorizationHeader());
        String rawBob = rawGet(mock.lakehousePort(), "/query/" + id, mock.credentials("bob").authorizationHeader());
        RawHttp.Response bobs = bob.get("/query/" + id);
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(rawBob).startsWith("HTTP/1.1 404");
    }
}
