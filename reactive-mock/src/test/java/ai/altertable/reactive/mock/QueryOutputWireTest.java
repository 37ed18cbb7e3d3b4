package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /query} answers besides the default envelope: the export formats (protocol §5.5, §5.3), the official
 * mock's names-only column line ({@link ColumnShape#NAMES}), the value encoding of §6 end to end, and values that cannot
 * be encoded.
 */
class QueryOutputWireTest {

    static AltertableMock mock;
    static AltertableMock namesMock;
    static RawHttp http;
    static RawHttp names;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        namesMock = AltertableMock.builder().user("alice", "secret").columnShape(ColumnShape.NAMES).start();
        http = new RawHttp(mock);
        names = new RawHttp(namesMock);
    }

    @AfterAll
    static void stop() {
        mock.close();
        namesMock.close();
    }

    private static RawHttp.Response format(RawHttp h, String statement, String format) {
        return h.query("{\"statement\":" + Json.quote(statement) + ",\"format\":" + Json.quote(format) + "}");
    }

    // ---- column shapes ---------------------------------------------------------------------------------------

    @Test
    void namesShapeIsTheOfficialMocks() {
        RawHttp.Response r = names.sql("SELECT 7 AS n, 'x' AS s");
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().subList(1, 3)).containsExactly("[\"n\",\"s\"]", "[7,\"x\"]");
        // no rows, DDL: [] and the names are lost
        assertThat(names.sql("SELECT 1 AS a WHERE false").lines()).hasSize(2).element(1).isEqualTo("[]");
        assertThat(names.sql("CREATE OR REPLACE TABLE nt (a INTEGER)").lines()).hasSize(2).element(1).isEqualTo("[]");
        assertThat(names.query("{\"statement\":\"SELECT 1 AS a\",\"limit\":0}").lines()).element(1).isEqualTo("[]");
        // DML: the Count column
        assertThat(names.sql("INSERT INTO nt VALUES (1), (2)").lines().subList(1, 3)).containsExactly("[\"Count\"]", "[2]");
        // errors look the same in both shapes
        assertThat(names.sql("SELECT * FROM nope").lines().get(1)).startsWith("{\"error\":\"Failed to prepare statement: ");
        // duplicate names are kept, positionally
        assertThat(names.sql("SELECT 1 AS a, 2 AS a").lines().subList(1, 3)).containsExactly("[\"a\",\"a\"]", "[1,2]");
    }

    // ---- export formats --------------------------------------------------------------------------------------

    @Test
    void csv() {
        RawHttp.Response r = format(http, "SELECT 1 AS a, 'x,y' AS b UNION ALL SELECT 2, 'z' ORDER BY a", "csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/csv");
        assertThat(r.body()).isEqualTo("a,b\n1,\"x,y\"\n2,z\n");
        assertThat(r.header("content-length")).isEqualTo(Integer.toString(r.bytes().length));
    }

    @Test
    void jsonlIsOneObjectPerRowWithSortedKeysAndNoEnvelope() {
        RawHttp.Response r = format(http, "SELECT 2 AS b, 1 AS a, [1, 2] AS c UNION ALL SELECT 4, 3, NULL ORDER BY a",
                "jsonl");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        assertThat(r.body()).isEqualTo("{\"a\":1,\"b\":2,\"c\":[1,2]}\n{\"a\":3,\"b\":4,\"c\":null}\n");
        RawHttp.Response empty = format(http, "SELECT 1 AS a WHERE false", "jsonl");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.bytes()).isEmpty();
    }

    @Test
    void parquetIsOneFileThatDuckDbReadsBack() {
        RawHttp.Response r = format(http, "SELECT i, 'v' || i AS s FROM range(5) t(i)", "parquet");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/parquet");
        byte[] b = r.bytes();
        assertThat(Arrays.copyOfRange(b, 0, 4)).isEqualTo("PAR1".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(b, b.length - 4, b.length)).isEqualTo("PAR1".getBytes(StandardCharsets.US_ASCII));
        // upload it back and count
        assertThat(http.post("/upload?catalog=memory&schema=main&table=from_parquet&mode=overwrite",
                "application/octet-stream", b).status()).isEqualTo(200);
        assertThat(http.sql("SELECT count(*), max(s) FROM from_parquet").lines().get(2)).isEqualTo("[5,\"v4\"]");
    }

    @Test
    void exportFailuresAre500WithTheFormatsContentType() {
        String[][] cases = {{"csv", "text/csv"}, {"jsonl", "application/x-ndjson"}, {"parquet", "application/parquet"}};
        for (String[] c : cases) {
            RawHttp.Response r = format(http, "SELECT * FROM nope", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(500);
            assertThat(r.contentType()).as(c[0]).isEqualTo(c[1]);
            // the error text of the default format, stage prefix included
            assertThat(r.body()).as(c[0])
                    .startsWith("Failed to prepare statement: Catalog Error: Table with name nope does not exist");
            assertThat(format(http, "SELECT CAST(s AS INTEGER) FROM (VALUES ('1'), ('x')) t(s)", c[0]).body()).as(c[0])
                    .startsWith("Failed to execute query: Conversion Error: Could not convert string 'x' to INT32");
            RawHttp.Response use = http.query("{\"statement\":\"SELECT 1\",\"catalog\":\"nope\",\"format\":\"" + c[0]
                    + "\"}");
            assertThat(use.status()).isEqualTo(500);
            assertThat(use.body()).as(c[0]).startsWith("Catalog Error");
        }
    }

    @Test
    void formatValues() {
        assertThat(format(http, "SELECT 1", "").lines()).hasSize(3);
        assertThat(format(http, "SELECT 1", "default").lines()).hasSize(3);
        assertThat(http.query("{\"statement\":\"SELECT 1\",\"format\":null}").lines()).hasSize(3);
        String id = "5b1c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f";
        for (String bad : new String[] {"json", "CSV", "Parquet", "ndjson", " csv", "arrow"}) {
            RawHttp.Response r = http.query("{\"statement\":\"SELECT 1\",\"format\":" + Json.quote(bad)
                    + ",\"query_id\":\"" + id + "\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).isEqualTo("text/plain");
            assertThat(r.body()).as(bad).isEqualTo("Unsupported query format: " + bad);
        }
        assertThat(http.get("/query/" + id).status()).as("no log entry for a refused format").isEqualTo(404);
    }

    // ---- §6 values through HTTP --------------------------------------------------------------------------------

    @Test
    void representativeValueEncodings() {
        String sql = "SELECT NULL AS n, true AS b, 9223372036854775807::BIGINT AS big, 18446744073709551615::UBIGINT AS ub, "
                + "18446744073709551616::HUGEINT AS huge, 1.50::DECIMAL(5,2) AS dec, 1.0::DOUBLE AS d, "
                + "'NaN'::DOUBLE AS nan, '\\xDE\\xAD'::BLOB AS blob, DATE '2024-03-01' AS day, "
                + "TIMESTAMP '2024-03-01 13:45:00.123456' AS ts, TIMESTAMPTZ '2024-03-01 13:45:00+00' AS tstz, "
                + "INTERVAL 1 MONTH + INTERVAL 2 DAY + INTERVAL 3 HOUR + INTERVAL 4500 MILLISECOND AS iv, "
                + "[1, NULL, 3] AS list, {'a': 1, 'b': 'x'} AS st, MAP {'k2': 2, 'k1': 1, 'k0': NULL} AS m, "
                + "'{\"z\": 1, \"a\": [2]}'::JSON AS j, '550E8400-E29B-41D4-A716-446655440000'::UUID AS u";
        RawHttp.Response r = names.sql(sql);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(2)).isEqualTo("[null,true,9223372036854775807,18446744073709551615,"
                + "1.8446744073709552e19,1.5,1.0,null,\"dead\",\"2024-03-01\",\"2024-03-01T13:45:00.123456\","
                + "\"2024-03-01T13:45:00Z\",\"1 mons 2 days 3 hours 4.500000000 secs\",[1,null,3],[1,\"x\"],"
                + "{\"k1\":1,\"k2\":2},{\"a\":[2],\"z\":1},\"550e8400-e29b-41d4-a716-446655440000\"]");
        // the typed shape names the DuckDB types
        assertThat(http.sql("SELECT 1::BIGINT AS a, {'x': 1} AS s, MAP {'k': 1} AS m, [1]::INTEGER[] AS l").lines()
                .get(1)).isEqualTo("[{\"name\":\"a\",\"type\":\"BIGINT\"},{\"name\":\"s\",\"type\":\"STRUCT(x INTEGER)\"},"
                + "{\"name\":\"m\",\"type\":\"MAP(VARCHAR, INTEGER)\"},{\"name\":\"l\",\"type\":\"INTEGER[]\"}]");
    }

    @Test
    void unencodableValuesAre500PlainText() {
        String[] statements = {"SELECT MAP {1: 'a'} AS m", "SELECT union_value(num := 2) AS u",
                "SELECT i, CASE WHEN i = 70000 THEN MAP {i: 'x'} END AS m FROM range(100000) t(i)"};
        for (String statement : statements) {
            for (RawHttp h : new RawHttp[] {http, names}) {
                String id = UUID.randomUUID().toString();
                RawHttp.Response r = h.query("{\"statement\":" + Json.quote(statement) + ",\"query_id\":\"" + id + "\"}");
                assertThat(r.status()).as(statement).isEqualTo(500);
                assertThat(r.contentType()).as(statement).isEqualTo("text/plain");
                assertThat(r.body()).as(statement).startsWith("failed to encode column value as JSON: ")
                        .doesNotContain("\n{");
                assertThat(r.header("content-length")).isEqualTo(Integer.toString(r.bytes().length));
                // the log records the query as a success, as the official mock does
                RawHttp.Response log = h.get("/query/" + id);
                assertThat(log.status()).isEqualTo(200);
                assertThat(log.body()).contains("\"error\":null");
            }
        }
        // in jsonl too: 500 text/plain, whatever the format's own type
        String id = UUID.randomUUID().toString();
        RawHttp.Response jsonl = http.query("{\"statement\":\"SELECT MAP {1: 'a'} AS m\",\"format\":\"jsonl\","
                + "\"query_id\":\"" + id + "\"}");
        assertThat(jsonl.status()).isEqualTo(500);
        assertThat(jsonl.contentType()).isEqualTo("text/plain");
        assertThat(jsonl.body()).startsWith("failed to encode column value as JSON: ");
        assertThat(http.get("/query/" + id).body()).contains("\"error\":null");
        // the server keeps serving on the same footing
        assertThat(http.sql("SELECT i FROM range(3) t(i)").status()).isEqualTo(200);
    }
}
