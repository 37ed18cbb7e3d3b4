package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol §2 and §4/§12: who is authenticated, what is routed, and the exact shape of 401, 404 and 405 answers,
 * over raw HTTP.
 */
class AuthAndRoutingWireTest {

    static AltertableMock mock;
    static RawHttp http;
    static RawHttp anonymous;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder()
                .user("alice", "secret")
                .user("carol", "pass1")   // "carol:pass1" is 11 bytes: its base64 ends with one '='
                .user("dave", "pa:ss")    // a password with a colon
                .start();
        http = new RawHttp(mock);
        anonymous = http.as(null);
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertEmpty(RawHttp.Response r, int status) {
        assertEmpty(r, status, "");
    }

    private static void assertEmpty(RawHttp.Response r, int status, String what) {
        assertThat(r.status()).as(what).isEqualTo(status);
        assertThat(r.bytes()).as(what).isEmpty();
        assertThat(r.contentType()).as(what).isNull();
        assertThat(r.header("www-authenticate")).as(what).isNull();
    }

    @Test
    void badCredentialsAre401WithAnEmptyBody() {
        for (String authorization : new String[] {
            "Bearer abc",
            "basic YWxpY2U6c2VjcmV0",          // lowercase scheme
            "BASIC YWxpY2U6c2VjcmV0",
            "Basic",                             // no token
            "Basic !!!not-base64!!!",
            "Basic YWxpY2Vfc2VjcmV0",           // "alice_secret": no colon
            "Basic YWxpY2U6d3Jvbmc=",           // alice:wrong
            "Basic Ym9iOnNlY3JldA==",           // bob:secret, an unknown user
            "Basic OnNlY3JldA==",               // ":secret", empty user
            "Basic Y2Fyb2w6cGFzczE",            // carol:pass1 without its '=' padding
            "Basic YWxpY2U6c2VjcmV0 x",         // trailing garbage
            "Basic YWxpY2U6c2VjcmV0=",          // a padding character too many
            "Basic YWxpY2U6c2VjcmV1",           // "alice:secreu"
            "Basic YQ==",                       // "a"
            "Basic YR==",                       // "a" with stray bits: not canonical
        }) {
            assertEmpty(http.as(authorization).sql("SELECT 1"), 401, authorization);
        }
    }

    @Test
    void missingCredentialsAre401() {
        assertEmpty(anonymous.sql("SELECT 1"), 401);
        assertEmpty(anonymous.get("/query/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f"), 401);
        assertEmpty(anonymous.get("/tasks/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f"), 401);
    }

    @Test
    void credentialsThatAreNotUtf8OrNotAsciiAre401() {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, ':', 'x'};
        assertEmpty(http.as("Basic " + Base64.getEncoder().encodeToString(notUtf8)).sql("SELECT 1"), 401);
        // a header value with raw non-ASCII bytes: the JDK client refuses to send one, so a socket does
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 23\r\n"
                + "Connection: close\r\nAuthorization: Basic ").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes("YWxpY2U6c2VjcmV0é".getBytes(StandardCharsets.UTF_8));
        req.writeBytes("\r\n\r\n{\"statement\":\"SELECT 1\"}".getBytes(StandardCharsets.US_ASCII));
        RawSocket.Response r = RawSocket.exchange(mock.lakehousePort(), req.toByteArray());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("content-type")).isNull();
        assertThat(r.header("www-authenticate")).isNull();
    }

    @Test
    void goodCredentialsPass() {
        assertThat(http.as(basic("carol:pass1")).sql("SELECT 1").status()).isEqualTo(200);
        assertThat(http.as(basic("dave:pa:ss")).sql("SELECT 1").status()).isEqualTo(200);
        assertThat(http.as("Basic   " + basic("alice:secret").substring(6)).sql("SELECT 1").status())
                .as("the token is trimmed").isEqualTo(200);
    }

    @Test
    void authenticationComesBeforeEveryValidation() {
        RawHttp bad = http.as("Basic YWxpY2U6d3Jvbmc=");
        assertEmpty(bad.query("{\"statement\":"), 401);                             // 400 bad JSON
        assertEmpty(bad.post("/query", null, "{\"statement\":\"SELECT 1\"}"), 401);  // 415
        assertEmpty(bad.query("{\"sql\":\"SELECT 1\"}"), 401);                      // 422
        assertEmpty(bad.query("{\"statement\":\"SELECT 1\",\"format\":\"json\"}"), 401);
        assertEmpty(bad.postJson("/explain", "{\"statement\":\"SELECT 1\",\"include_plan\":null}"), 401);
        assertEmpty(bad.query("{\"statement\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"), 401); // 413
        assertEmpty(bad.post("/upload", "text/csv", "a\n1\n"), 401);                 // 400 query string
        assertEmpty(bad.post("/upsert?catalog=memory&schema=main&table=t", "text/csv", "a\n1\n"), 401);
        assertEmpty(bad.post("/append?catalog=memory", "application/json", "{}"), 401);
        assertEmpty(bad.delete("/query/not-a-uuid"), 401);
        assertEmpty(bad.delete("/query/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f"), 401); // missing session_id
        assertEmpty(bad.get("/tasks/not-a-uuid"), 401);
        // and the connection stays usable for a good request
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAre404WithoutAuth() {
        for (String path : new String[] {"/", "/health", "/tasks", "/tasks/", "/query/", "/query/a/b", "/QUERY",
                "/query.json", "/v1/query", "/upload/x", "/tasks/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f/x"}) {
            assertEmpty(anonymous.get(path), 404, "GET " + path);
            assertEmpty(anonymous.postJson(path, "{\"statement\":\"SELECT 1\"}"), 404, "POST " + path);
            assertEmpty(http.as("Basic garbage").method("DELETE", path), 404, "DELETE " + path);
        }
    }

    @Test
    void wrongMethodIs405WithAllowAndWithoutAuth() {
        for (String row : new String[] {
            "PUT    | /query                                      | POST",
            "GET    | /query                                      | POST",
            "DELETE | /query                                      | POST",
            "HEAD   | /query                                      | POST",
            "PATCH  | /validate                                   | POST",
            "GET    | /explain                                    | POST",
            "GET    | /autocomplete                               | POST",
            "GET    | /upload                                     | POST",
            "PUT    | /upsert                                     | POST",
            "DELETE | /append                                     | POST",
            "OPTIONS| /append                                     | POST",
            "POST   | /query/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f | GET,HEAD,DELETE",
            "PUT    | /query/not-even-a-uuid                      | GET,HEAD,DELETE",
            "POST   | /tasks/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f | GET,HEAD",
            "DELETE | /tasks/6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f | GET,HEAD",
        }) {
            String[] cells = row.split("\\|");
            String method = cells[0].strip();
            String path = cells[1].strip();
            RawHttp.Response r = anonymous.method(method, path);
            assertEmpty(r, 405, method + " " + path);
            assertThat(r.header("allow")).as(method + " " + path).isEqualTo(cells[2].strip());
        }
    }

    @Test
    void wrongMethodWithABodyIs405AndTheConnectionStaysUsable() {
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            s.write("PUT /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 25\r\n\r\n"
                    + "{\"statement\":\"SELECT 1\"}\n");
            RawSocket.Response r = s.read();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("allow")).isEqualTo("POST");
            s.write("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(s.read().status()).isEqualTo(404);
        }
    }

    @Test
    void headOfTheQueryLogAnswersLikeGetWithoutABody() {
        String id = "7a0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f";
        assertThat(http.query("{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\"}").status()).isEqualTo(200);
        String auth = mock.credentials().authorizationHeader();
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            s.write(RawSocket.head("HEAD", "/query/" + id, "Authorization: " + auth));
            RawSocket.Response head = s.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-type")).isEqualTo("application/json");
            s.write(RawSocket.head("GET", "/query/" + id, "Authorization: " + auth));
            RawSocket.Response get = s.read();
            assertThat(get.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(get.header("content-length"));
            // the HEAD answer carried no body: the GET answer followed it directly on the same connection
            assertThat(get.bodyText()).startsWith("{\"uuid\":\"" + id + "\"");
            s.write(RawSocket.head("HEAD", "/query/00000000-0000-4000-8000-000000000000", "Authorization: " + auth));
            RawSocket.Response unknown = s.readHead();
            assertThat(unknown.status()).isEqualTo(404);
            s.write(RawSocket.head("HEAD", "/query/" + id));
            assertThat(s.readHead().status()).isEqualTo(401);
            s.write(RawSocket.head("HEAD", "/nowhere"));
            assertThat(s.readHead().status()).isEqualTo(404);
            s.write(RawSocket.head("GET", "/query/" + id, "Authorization: " + auth));
            assertThat(s.read().status()).isEqualTo(200);
        }
    }
}
