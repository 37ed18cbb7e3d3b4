package ai.altertable.reactive.mock;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /upload} (protocol §11.1) over raw HTTP: modes, format detection, answers, a large streamed body. */
class UploadWireTest {

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

    private static String newTable() {
        return "u_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static RawHttp.Response upload(String table, String mode, String contentType, byte[] body) {
        return http.post("/upload?catalog=memory&schema=main&table=" + table + (mode == null ? "" : "&mode=" + mode),
                contentType, body);
    }

    private static RawHttp.Response upload(String table, String mode, String contentType, String body) {
        return upload(table, mode, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertOk(RawHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.bytes()).isEmpty();
        assertThat(r.contentType()).isNull();
        assertThat(r.header("content-length")).isEqualTo("0");
    }

    private static void assertFailure(RawHttp.Response r, String prefix) {
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).startsWith(prefix);
    }

    private static String rows(String sql) {
        List<String> lines = http.sql(sql).lines();
        return String.join("|", lines.subList(2, lines.size()));
    }

    @Test
    void modes() {
        String t = newTable();
        assertFailure(upload(t, null, "text/csv", "a,b\n1,x\n"), "Failed to execute ingest: Catalog Error: ");
        assertOk(upload(t, "create", "text/csv", "a,b\n1,x\n"));
        assertFailure(upload(t, "create", "text/csv", "a,b\n2,y\n"), "Failed to execute ingest: ");
        assertOk(upload(t, null, "text/csv", "b,a\ny,2\n"));            // append is the default, by name
        assertOk(upload(t, "append", "text/csv", "a\n3\n"));              // missing columns are NULL
        assertFailure(upload(t, "append", "text/csv", "a,zz\n4,5\n"), "Failed to execute ingest: ");
        assertThat(rows("SELECT a, b FROM " + t + " ORDER BY a")).isEqualTo("[1,\"x\"]|[2,\"y\"]|[3,null]");
        String ca = newTable();
        assertOk(upload(ca, "create_append", "text/csv", "n\n1\n"));
        assertOk(upload(ca, "create_append", "text/csv", "n\n2\n"));
        assertThat(rows("SELECT n FROM " + ca + " ORDER BY n")).isEqualTo("[1]|[2]");
        assertOk(upload(ca, "overwrite", "text/csv", "other,cols\nq,r\n"));
        assertThat(http.sql("SELECT * FROM " + ca).lines().subList(1, 3))
                .containsExactly("[{\"name\":\"other\",\"type\":\"VARCHAR\"},{\"name\":\"cols\",\"type\":\"VARCHAR\"}]",
                        "[\"q\",\"r\"]");
        assertOk(upload(newTable(), "overwrite", "text/csv", "fresh\n1\n"));
    }

    @Test
    void formatFromTheContentType() {
        String[][] cases = {
                {"application/json", "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"},
                {"application/json; charset=utf-8", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n"},
                {"Application/JSON", "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"},
                {"application/vnd.altertable+json", "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"},
                {"text/csv", "a,b\n1,x\n2,y\n"},
                {"application/csv; header=present", "a;b\n1;x\n2;y\n"},
        };
        for (String[] c : cases) {
            String t = newTable();
            assertOk(upload(t, "create", c[0], c[1]));
            assertThat(rows("SELECT a, b FROM " + t + " ORDER BY a")).as(c[0]).isEqualTo("[1,\"x\"]|[2,\"y\"]");
        }
        // the header wins over the bytes: CSV declared as JSON does not parse
        assertFailure(upload(newTable(), "create", "application/json", "a,b\n1,x\n"), "Failed to execute ingest: ");
    }

    @Test
    void formatSniffedFromTheBytes() throws Exception {
        String[][] cases = {
                {"application/octet-stream", "  \n[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]"},
                {"application/x-ndjson", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n"},
                {null, "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}"},
                {"text/plain", "a,b\n1,x\n2,y\n"},
                {null, "a\tb\n1\tx\n2\ty\n"},
        };
        for (String[] c : cases) {
            String t = newTable();
            assertOk(upload(t, "create", c[0], c[1]));
            assertThat(rows("SELECT a, b FROM " + t + " ORDER BY a")).as(c[0] + ": " + c[1]).isEqualTo("[1,\"x\"]|[2,\"y\"]");
        }
        byte[] parquet = parquet("SELECT i AS a, 'v' || i AS b FROM range(1, 3) t(i)");
        for (String type : new String[] {"application/parquet", "application/octet-stream",
                "application/vnd.apache.parquet", null}) {
            String t = newTable();
            assertOk(upload(t, "create", type, parquet));
            assertThat(rows("SELECT a, b FROM " + t + " ORDER BY a")).as(type).isEqualTo("[1,\"v1\"]|[2,\"v2\"]");
        }
    }

    /** A Parquet file written by DuckDB itself. */
    static byte[] parquet(String select) throws Exception {
        Path file = Files.createTempFile("upload-wire", ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET)");
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void failures() {
        assertFailure(http.post("/upload?catalog=nope&schema=main&table=t", "text/csv", "a\n1\n"), "Catalog Error: ");
        assertFailure(upload(newTable(), "create", "text/csv", ""), "Failed to execute ingest: ");
        assertFailure(upload(newTable(), "create", null, " \n\t "), "Failed to execute ingest: ");
        assertFailure(upload(newTable(), "create", "application/parquet", "PAR1 this is no parquet"), "");
        assertFailure(upload(newTable(), "create", "application/json", "[{\"a\":"), "Failed to execute ingest: ");
        // an open transaction of the user does not exist across requests: the next upload works
        assertThat(http.sql("BEGIN TRANSACTION").status()).isEqualTo(200);
        assertOk(upload(newTable(), "create", "text/csv", "a\n1\n"));
    }

    @Test
    void schemasAreCreatedAndNamesQuoted() {
        assertOk(http.post("/upload?catalog=memory&schema=fresh_schema&table=" + "we%22ird%20name&mode=create",
                "text/csv", "a\n1\n"));
        assertThat(rows("SELECT a FROM memory.fresh_schema.\"we\"\"ird name\"")).isEqualTo("[1]");
        // a failed upload still leaves the schema it created
        assertFailure(http.post("/upload?catalog=memory&schema=kept_schema&table=t&mode=append", "text/csv", "a\n1\n"),
                "Failed to execute ingest: ");
        assertThat(rows("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'kept_schema'")).isEqualTo("[1]");
    }

    @Test
    void aLargeUploadIsStreamedToDiskNotHeldInMemory() throws Exception {
        long targetBytes = 50L * 1024 * 1024;
        GeneratedCsv csv = new GeneratedCsv(targetBytes);
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                if (alloc instanceof ByteBufAllocatorMetricProvider) {
                    peak.accumulateAndGet(((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory(), Math::max);
                }
                LockSupport.parkNanos(1_000_000);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long before = alloc instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) alloc).metric().usedDirectMemory() : 0;
        String t = newTable();
        RawHttp.Response r;
        try {
            r = http.send(http.request("/upload?catalog=memory&schema=main&table=" + t + "&mode=create")
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv)).build());
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertOk(r);
        assertThat(csv.produced).isGreaterThanOrEqualTo(targetBytes);
        assertThat(rows("SELECT count(*), sum(id) FROM " + t))
                .isEqualTo("[" + csv.rows + "," + (csv.rows * (csv.rows - 1) / 2) + "]");
        if (alloc instanceof ByteBufAllocatorMetricProvider) {
            assertThat(peak.get() - before).as("network buffers held by the server").isLessThan(16L * 1024 * 1024);
        }
    }

    /** CSV of {@code id,name,amount} rows, generated as it is read, at least {@code bytes} long. */
    static final class GeneratedCsv extends InputStream {
        private final long bytes;
        private byte[] line = "id,name,amount\n".getBytes(StandardCharsets.US_ASCII);
        private int pos;
        long produced;
        long rows;

        GeneratedCsv(long bytes) {
            this.bytes = bytes;
        }

        private boolean next() {
            if (pos < line.length) {
                return true;
            }
            if (produced >= bytes) {
                return false;
            }
            line = (rows + ",name-" + rows + "-padding-padding," + (rows % 1000) + ".25\n")
                    .getBytes(StandardCharsets.US_ASCII);
            rows++;
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (!next()) {
                return -1;
            }
            produced++;
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len && next()) {
                int k = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, k);
                pos += k;
                n += k;
                produced += k;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}
