package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol §12 (and §5.1, §7, §8, §11): framework-level rejections of every route, with their exact status, content
 * type and text, the order of the checks, and request bodies sent chunked.
 */
class RejectionWireTest {

    static final String PLAIN_UTF8 = "text/plain; charset=utf-8";
    static final int LIMIT = 2 * 1024 * 1024;
    static final String ID = "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f";
    static final String[] JSON_ENDPOINTS = {"/query", "/validate", "/explain", "/autocomplete"};

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

    private static void assertText(RawHttp.Response r, int status, String body) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo(PLAIN_UTF8);
        assertThat(r.body()).isEqualTo(body);
    }

    private static void assertTextPrefix(RawHttp.Response r, int status, String prefix) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo(PLAIN_UTF8);
        assertThat(r.body()).startsWith(prefix).doesNotContain("\n");
    }

    /** A JSON body of exactly {@code size} bytes: a valid request padded with trailing spaces. */
    private static byte[] paddedJson(String json, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ' ');
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(j, 0, b, 0, j.length);
        return b;
    }

    // ---- JSON endpoints -------------------------------------------------------------------------------------

    @Test
    void contentTypeMustBeJson() {
        for (String path : JSON_ENDPOINTS) {
            String body = "{\"statement\":\"SELECT 1\"}";
            String expected = "Expected request with `Content-Type: application/json`";
            assertText(http.post(path, null, body), 415, expected);
            assertText(http.post(path, "text/json", body), 415, expected);
            assertText(http.post(path, "text/plain", body), 415, expected);
            assertText(http.post(path, "application/x-ndjson", body), 415, expected);
            assertThat(http.post(path, "application/json; charset=utf-8", body).status()).isEqualTo(200);
            assertThat(http.post(path, "application/vnd.altertable+json", body).status()).isEqualTo(200);
        }
    }

    @Test
    void syntaxErrorsAre400AndShapeErrorsAre422() {
        for (String path : JSON_ENDPOINTS) {
            String syntax = "Failed to parse the request body as JSON: ";
            String shape = "Failed to deserialize the JSON body into the target type: ";
            assertTextPrefix(http.postJson(path, "{\"statement\":"), 400, syntax);
            assertTextPrefix(http.postJson(path, ""), 400, syntax);
            assertTextPrefix(http.postJson(path, "{\"statement\":\"SELECT 1\"} x"), 400, syntax);
            assertTextPrefix(http.postJson(path, "{\"statement\":'SELECT 1'}"), 400, syntax);
            assertTextPrefix(http.postJson(path, "{}"), 422, shape + "missing field `statement`");
            assertTextPrefix(http.postJson(path, "{\"sql\":\"SELECT 1\"}"), 422, shape + "missing field `statement`");
            assertTextPrefix(http.postJson(path, "{\"statement\":null}"), 422, shape);
            assertTextPrefix(http.postJson(path, "{\"statement\":1}"), 422, shape);
            assertTextPrefix(http.postJson(path, "[]"), 422, shape);
            assertTextPrefix(http.postJson(path, "\"SELECT 1\""), 422, shape);
            assertTextPrefix(http.postJson(path, "{\"statement\":\"SELECT 1\",\"catalog\":1}"), 422, shape);
            assertTextPrefix(http.postJson(path, "{\"statement\":\"SELECT 1\",\"session_id\":true}"), 422, shape);
            assertTextPrefix(http.postJson(path, "{\"statement\":\"SELECT 1\",\"statement\":\"SELECT 2\"}"), 422,
                    shape + "duplicate field `statement`");
            // unknown keys are ignored, even repeated ones, and null counts as absent for optional fields
            assertThat(http.postJson(path, "{\"statement\":\"SELECT 1\",\"x\":1,\"x\":[2],\"catalog\":null}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void queryFieldTypesAreStrict() {
        String shape = "Failed to deserialize the JSON body into the target type: ";
        for (String field : new String[] {"\"limit\":\"10\"", "\"limit\":-1", "\"limit\":1.5", "\"offset\":-3",
                "\"visible\":1", "\"visible\":\"true\"", "\"query_id\":1", "\"format\":1", "\"requested_by\":[]",
                "\"compute_size\":1", "\"sanitize\":\"yes\"", "\"ephemeral\":0", "\"timezone\":false"}) {
            assertTextPrefix(http.query("{\"statement\":\"SELECT 1\"," + field + "}"), 422, shape);
        }
        assertThat(http.query("{\"statement\":\"SELECT 1\",\"compute_size\":\"HUGE\",\"sanitize\":true,"
                + "\"ephemeral\":false,\"timezone\":\"Europe/Paris\",\"cache\":1,\"dialect\":\"x\"}").status())
                .isEqualTo(200);
    }

    @Test
    void bodiesAboveTwoMebibytesAre413() {
        String expected = "Failed to buffer the request body: length limit exceeded";
        String json = "{\"statement\":\"SELECT 1\"}";
        for (String path : JSON_ENDPOINTS) {
            assertThat(http.post(path, "application/json", paddedJson(json, LIMIT)).status()).isEqualTo(200);
            assertText(http.post(path, "application/json", paddedJson(json, LIMIT + 1)), 413, expected);
        }
        // the same body sent chunked, without a Content-Length (the endpoints share the body reader)
        HttpRequest chunked = http.request("/query").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(paddedJson(json, LIMIT + 1)))).build();
        assertText(http.send(chunked), 413, expected);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void contentTypeIsCheckedBeforeTheBodySize() {
        // axum's Json extractor checks the content type before it buffers the body
        RawHttp.Response r = http.post("/query", "text/plain", paddedJson("{\"statement\":\"SELECT 1\"}", LIMIT + 10));
        assertText(r, 415, "Expected request with `Content-Type: application/json`");
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void chunkedRequestBodiesAreRead() {
        for (String path : JSON_ENDPOINTS) {
            byte[] body = "{\"statement\":\"SELECT 42 AS answer\"}".getBytes(StandardCharsets.UTF_8);
            HttpRequest req = http.request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            RawHttp.Response r = http.send(req);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("SELECT 42 AS answer");
        }
    }

    @Test
    void chunkedBodyOnARawSocketWithTinyChunks() {
        String auth = mock.credentials().authorizationHeader();
        try (RawSocket s = new RawSocket(mock.lakehousePort())) {
            s.write(RawSocket.head("POST", "/query", "Authorization: " + auth, "Content-Type: application/json",
                    "Transfer-Encoding: chunked"));
            String json = "{\"statement\":\"SELECT 'é' AS e\"}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                s.write("1\r\n").write(new byte[] {b}).write("\r\n");
            }
            s.write("0\r\n\r\n");
            RawSocket.Response r = s.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).endsWith("[\"é\"]\n");
        }
    }

    // ---- query strings ---------------------------------------------------------------------------------------

    @Test
    void uploadQueryString() {
        String p = "Failed to deserialize query string: ";
        assertText(http.post("/upload", "text/csv", "a\n1\n"), 400, p + "missing field `catalog`");
        assertText(http.post("/upload?catalog=memory", "text/csv", "a\n1\n"), 400, p + "missing field `schema`");
        assertText(http.post("/upload?catalog=memory&schema=main", "text/csv", "a\n1\n"), 400,
                p + "missing field `table`");
        assertText(http.post("/upload?catalog=memory&catalog=memory&schema=main&table=t", "text/csv", "a\n1\n"), 400,
                p + "duplicate field `catalog`");
        for (String mode : new String[] {"upsert", "APPEND", "Create", "", "create%20"}) {
            RawHttp.Response r = http.post("/upload?catalog=memory&schema=main&table=t&mode=" + mode, "text/csv",
                    "a\n1\n");
            assertTextPrefix(r, 400, p);
            assertThat(r.body()).contains("unknown variant `" + mode.replace("%20", " ") + "`");
        }
        assertText(http.post("/upload?catalog=memory&schema=main&table=t&mode=create&mode=append", "text/csv",
                "a\n1\n"), 400, p + "duplicate field `mode`");
    }

    @Test
    void upsertQueryString() {
        String p = "Failed to deserialize query string: ";
        assertText(http.post("/upsert?catalog=memory&schema=main&table=t", "text/csv", "id\n1\n"), 400,
                p + "missing field `primary_key`");
        assertText(http.post("/upsert?schema=main&table=t&primary_key=id", "text/csv", "id\n1\n"), 400,
                p + "missing field `catalog`");
        assertText(http.post("/upsert?catalog=memory&schema=main&table=t&primary_key=id&primary_key=x", "text/csv",
                "id\n1\n"), 400, p + "duplicate field `primary_key`");
        assertText(http.post("/upsert?catalog=memory&schema=main&table=t&primary_key=%20,%20,", "text/csv",
                "id\n1\n"), 400, "primary_key must name at least one column");
        assertText(http.post("/upsert?catalog=memory&schema=main&table=t&primary_key=id&cursor_field=", "text/csv",
                "id\n1\n"), 400, "cursor_field must name at least one column");
    }

    @Test
    void appendQueryString() {
        String p = "Failed to deserialize query string: ";
        assertText(http.post("/append", "application/json", "{\"a\":1}"), 400, p + "missing field `catalog`");
        assertText(http.post("/append?catalog=memory&schema=main", "application/json", "{\"a\":1}"), 400,
                p + "missing field `table`");
        assertText(http.post("/append?catalog=memory&schema=main&table=t&table=u", "application/json", "{\"a\":1}"),
                400, p + "duplicate field `table`");
        for (String sync : new String[] {"yes", "2", "TRUE", ""}) {
            assertTextPrefix(http.post("/append?catalog=memory&schema=main&table=t&sync=" + sync, "application/json",
                    "{\"a\":1}"), 400, p);
        }
    }

    @Test
    void undeclaredParametersAreIgnoredEvenRepeated() {
        assertThat(http.post("/upload?catalog=memory&schema=main&table=undeclared&mode=create&format=csv&format=json"
                + "&primary_key=a&primary_key=b&sync=x&sync=y", "text/csv", "a\n1\n").status()).isEqualTo(200);
        assertThat(http.post("/upsert?catalog=memory&schema=main&table=undeclared&primary_key=a&mode=upsert&mode=x",
                "text/csv", "a\n2\n").status()).isEqualTo(200);
        assertThat(http.post("/append?catalog=memory&schema=main&table=undeclared&sync=true&mode=a&mode=b",
                "application/json", "{\"a\":3}").body()).startsWith("{\"ok\":true,");
        assertThat(http.delete("/query/" + ID + "?session_id=s&x=1&x=2").status()).isEqualTo(404);
    }

    @Test
    void theQueryStringIsCheckedBeforeTheBody() {
        String p = "Failed to deserialize query string: missing field `catalog`";
        assertText(http.post("/append", "application/json", "not json"), 400, p);
        assertText(http.post("/append", "application/json", paddedJson("{}", LIMIT + 1)), 400, p);
        assertText(http.post("/upload", "text/csv", ""), 400, p);
        assertText(http.post("/upsert?primary_key=id", "application/parquet", "not parquet"), 400, p);
        assertThat(http.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void appendBodyLimit() {
        RawHttp.Response r = http.post("/append?catalog=memory&schema=main&table=t", "application/json",
                paddedJson("{\"a\":1}", LIMIT + 1));
        assertText(r, 413, "Failed to buffer the request body: length limit exceeded");
    }

    /** One request on a raw socket: the JDK client refuses URIs with malformed escapes. */
    private static RawSocket.Response raw(String method, String target, String contentType, String body) {
        String auth = "Authorization: " + mock.credentials().authorizationHeader();
        String head = contentType == null ? RawSocket.head(method, target, auth, "Connection: close")
                : RawSocket.head(method, target, auth, "Connection: close", "Content-Type: " + contentType,
                "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        return RawSocket.exchange(mock.lakehousePort(), (head + (body == null ? "" : body))
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void percentEscapesThatDoNotDecodeAreKeptAsText() {
        // form_urlencoded and axum's path decoding leave a malformed escape as it is: never a 500
        RawSocket.Response upload = raw("POST", "/upload?catalog=%zz&schema=main&table=t", "text/csv", "a\n1\n");
        assertThat(upload.status()).isEqualTo(400);
        assertThat(upload.bodyText()).contains("%zz");
        assertThat(raw("DELETE", "/query/" + ID + "?session_id=%", null, null).status()).isEqualTo(404);
        for (String id : new String[] {"%zz", "%E0%A4%A", "%"}) {
            RawSocket.Response r = raw("GET", "/query/" + id, null, null);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("content-type")).isEqualTo(PLAIN_UTF8);
            assertThat(r.bodyText()).startsWith("Invalid URL: ");
            assertThat(raw("GET", "/tasks/" + id, null, null).status()).isEqualTo(400);
        }
    }

    @Test
    void semicolonsAreNotQueryStringSeparators() {
        // form_urlencoded splits on '&' only; "a;b" is one value
        RawHttp.Response r = http.post("/upload?catalog=memory;x&schema=main&table=t", "text/csv", "a\n1\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("memory;x");
    }

    // ---- paths -----------------------------------------------------------------------------------------------

    @Test
    void pathIdsMustBeUuids() {
        for (String id : new String[] {"not-a-uuid", "6f0c1e8a3b7d4a529d0e1a2b3c4d5e6", "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6",
                "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6ff", "1-1-1-1-1", "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6g",
                "00000000000-000-0000-0000-0000000000", "%20", "URN:UUID:6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f",
                "%7B6f0c1e8a3b7d4a529d0e1a2b3c4d5e6f%7D", "6f0c1e8a+3b7d-4a52-9d0e-1a2b3c4d5e6f"}) {
            assertTextPrefix(http.get("/query/" + id), 400, "Invalid URL: ");
            assertTextPrefix(http.delete("/query/" + id + "?session_id=s"), 400, "Invalid URL: ");
            assertTextPrefix(http.delete("/query/" + id), 400, "Invalid URL: ");
            assertTextPrefix(http.get("/tasks/" + id), 400, "Invalid URL: ");
        }
    }

    @Test
    void pathIdsAcceptTheFormsOfRustsUuidParser() {
        for (String id : new String[] {"6F0C1E8A-3B7D-4A52-9D0E-1A2B3C4D5E6F", "6f0c1e8a3b7d4a529d0e1a2b3c4d5e6f",
                "urn:uuid:6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f", "%7B6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f%7D",
                "6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6%66"}) {
            RawHttp.Response r = http.get("/query/" + id);
            assertThat(r.status()).as(id + ": " + r.body()).isEqualTo(404);
            assertThat(r.bytes()).isEmpty();
            assertThat(http.get("/tasks/" + id).status()).as(id).isEqualTo(404);
            assertThat(http.delete("/query/" + id + "?session_id=s").status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void cancelNeedsOneSessionId() {
        String p = "Failed to deserialize query string: ";
        assertText(http.delete("/query/" + ID), 400, p + "missing field `session_id`");
        assertText(http.delete("/query/" + ID + "?session=x"), 400, p + "missing field `session_id`");
        assertText(http.delete("/query/" + ID + "?session_id=a&session_id=b"), 400, p + "duplicate field `session_id`");
        // the path is checked before the query string
        assertTextPrefix(http.delete("/query/nope"), 400, "Invalid URL: ");
    }
}
