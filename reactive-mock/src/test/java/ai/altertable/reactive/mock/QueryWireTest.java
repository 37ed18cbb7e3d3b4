package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /query} with the default format (protocol §5.1, §5.2, §6) in this mock's default typed column shape:
 * the exact metadata line, the columns line, rows, in-stream errors, limit and offset, ids.
 */
class QueryWireTest {

    static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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

    /** The metadata line as a regex: every key, in order, with the given values ({@code null} for generated ids). */
    static String metadata(String statementJson, String limit, String offset, String sessionId, String queryId) {
        return Pattern.quote("{\"statement\":" + statementJson + ",\"rows_limit\":" + limit + ",\"rows_offset\":"
                + offset + ",") + "\"init_time_ms\":[1-9][0-9]*," + Pattern.quote("\"connections_errors\":{},")
                + "\"session_id\":" + (sessionId == null ? "\"" + UUID_RE + "\"" : Pattern.quote(sessionId)) + ","
                + "\"query_id\":" + (queryId == null ? "\"" + UUID_RE + "\"" : Pattern.quote("\"" + queryId + "\""))
                + Pattern.quote(",\"worker_slug\":\"altertable-mock\"}");
    }

    private static void assertNdjson(RawHttp.Response r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        assertThat(r.body()).endsWith("\n").doesNotContain("\r").doesNotContain("\n\n");
    }

    @Test
    void metadataLineHasEveryKeyInOrder() {
        String statement = "SELECT 7 AS n, 'x' AS s -- é\n";
        RawHttp.Response r = http.query("{\"statement\":" + Json.quote(statement) + ",\"session_id\":\"my session ✓\","
                + "\"query_id\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\"}");
        assertNdjson(r);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0)).matches(metadata("\"SELECT 7 AS n, 'x' AS s -- é\\n\"", "null", "null",
                "\"my session ✓\"", "0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c"));
        assertThat(r.lines().get(1)).isEqualTo("[{\"name\":\"n\",\"type\":\"INTEGER\"},{\"name\":\"s\",\"type\":\"VARCHAR\"}]");
        assertThat(r.lines().get(2)).isEqualTo("[7,\"x\"]");
        // generated ids: a session id and a query id, both lowercase UUIDs, distinct
        RawHttp.Response g = http.sql("SELECT 1");
        assertThat(g.lines().get(0)).matches(metadata("\"SELECT 1\"", "null", "null", null, null));
    }

    @Test
    void responseIsStreamedChunked() {
        RawHttp.Response r = http.sql("SELECT 1");
        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.header("content-length")).isNull();
    }

    @Test
    void emptyResultsKeepTheirTypedColumns() {
        RawHttp.Response r = http.sql("SELECT 1 AS a, 'x' AS b WHERE false");
        assertNdjson(r);
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1)).isEqualTo("[{\"name\":\"a\",\"type\":\"INTEGER\"},{\"name\":\"b\",\"type\":\"VARCHAR\"}]");
    }

    @Test
    void ddlHasNoColumnsAndDmlHasTheCountColumn() {
        RawHttp.Response ddl = http.sql("CREATE OR REPLACE TABLE dml_t (a INTEGER, b VARCHAR)");
        assertNdjson(ddl);
        assertThat(ddl.lines()).hasSize(2);
        assertThat(ddl.lines().get(1)).isEqualTo("[]");
        String count = "[{\"name\":\"Count\",\"type\":\"BIGINT\"}]";
        RawHttp.Response insert = http.sql("INSERT INTO dml_t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        assertThat(insert.lines()).hasSize(3);
        assertThat(insert.lines().subList(1, 3)).containsExactly(count, "[3]");
        assertThat(http.sql("UPDATE dml_t SET b = 'z' WHERE a >= 2").lines().subList(1, 3)).containsExactly(count, "[2]");
        assertThat(http.sql("DELETE FROM dml_t WHERE a = 1").lines().subList(1, 3)).containsExactly(count, "[1]");
        assertThat(http.sql("SELECT a, b FROM dml_t ORDER BY a").lines().subList(2, 4))
                .containsExactly("[2,\"z\"]", "[3,\"z\"]");
    }

    @Test
    void multiStatementTextReturnsTheLastResult() {
        RawHttp.Response r = http.sql("CREATE OR REPLACE TABLE multi_t (a INTEGER); INSERT INTO multi_t VALUES (41); "
                + "SELECT a + 1 AS b FROM multi_t");
        assertNdjson(r);
        assertThat(r.lines().subList(1, 3)).containsExactly("[{\"name\":\"b\",\"type\":\"INTEGER\"}]", "[42]");
    }

    @Test
    void limitAndOffsetWrapTheStatementAndAreEchoed() {
        String stmt = "SELECT i FROM range(10) t(i) ORDER BY i";
        RawHttp.Response both = http.query("{\"statement\":\"" + stmt + "\",\"limit\":3,\"offset\":2}");
        assertNdjson(both);
        assertThat(both.lines().get(0)).matches(metadata("\"" + stmt + "\"", "3", "2", null, null));
        assertThat(both.lines().subList(2, both.lines().size())).containsExactly("[2]", "[3]", "[4]");
        RawHttp.Response limit = http.query("{\"statement\":\"" + stmt + "\",\"limit\":1,\"offset\":null}");
        assertThat(limit.lines().get(0)).matches(metadata("\"" + stmt + "\"", "1", "null", null, null));
        assertThat(limit.lines()).hasSize(3);
        RawHttp.Response offset = http.query("{\"statement\":\"" + stmt + "\",\"offset\":8}");
        assertThat(offset.lines().get(0)).matches(metadata("\"" + stmt + "\"", "null", "8", null, null));
        assertThat(offset.lines().subList(2, 4)).containsExactly("[8]", "[9]");
        RawHttp.Response zero = http.query("{\"statement\":\"" + stmt + "\",\"limit\":0}");
        assertThat(zero.lines()).hasSize(2);
        // wrapping makes DDL and multi-statement text fail, in the stream
        RawHttp.Response ddl = http.query("{\"statement\":\"CREATE TABLE never_made (a INT)\",\"limit\":1}");
        assertNdjson(ddl);
        assertThat(ddl.lines()).hasSize(2);
        assertThat(ddl.lines().get(1)).startsWith("{\"error\":\"Failed to prepare statement: Parser Error");
        assertThat(http.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'never_made'").lines().get(2))
                .isEqualTo("[0]");
    }

    @Test
    void queryIdIsNormalisedOrReplaced() {
        assertThat(queryIdOf("{\"statement\":\"SELECT 1\",\"query_id\":\"0B9F6C1E-2D4A-4E8B-A1C3-7E5D9F0A2B4D\"}"))
                .isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4d");
        assertThat(queryIdOf("{\"statement\":\"SELECT 1\",\"query_id\":\"0b9f6c1e2d4a4e8ba1c37e5d9f0a2b4e\"}"))
                .isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4e");
        for (String invalid : new String[] {"not-a-uuid", "", "1-1-1-1-1", "0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4"}) {
            String id = queryIdOf("{\"statement\":\"SELECT 1\",\"query_id\":\"" + invalid + "\"}");
            assertThat(id).matches(UUID_RE).isNotEqualTo(invalid);
            assertThat(http.get("/query/" + id).status()).as("the replacement id is the logged one").isEqualTo(200);
        }
        assertThat(queryIdOf("{\"statement\":\"SELECT 1\",\"query_id\":null}")).matches(UUID_RE);
    }

    private static String queryIdOf(String body) {
        Matcher m = Pattern.compile("\"query_id\":\"([^\"]*)\"").matcher(http.query(body).lines().get(0));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void sqlErrorsAre200WithOneErrorLine() {
        RawHttp.Response prepare = http.sql("SELECT * FROM nope");
        assertNdjson(prepare);
        assertThat(prepare.lines()).hasSize(2);
        assertThat(prepare.lines().get(0)).matches(metadata("\"SELECT * FROM nope\"", "null", "null", null, null));
        assertThat(prepare.lines().get(1))
                .startsWith("{\"error\":\"Failed to prepare statement: Catalog Error: Table with name nope does not exist!")
                .endsWith("\"}");
        RawHttp.Response empty = http.sql("");
        assertNdjson(empty);
        assertThat(empty.lines()).hasSize(2);
        assertThat(empty.lines().get(1)).startsWith("{\"error\":\"Failed to ");
        // fails inside DuckDB's first result chunk, where streamed JDBC results lose the message
        RawHttp.Response execute = http.sql("SELECT CAST(s AS INTEGER) FROM (VALUES ('1'), ('x')) t(s)");
        assertNdjson(execute);
        assertThat(execute.lines()).hasSize(2);
        assertThat(execute.lines().get(1)).startsWith("{\"error\":\"Failed to execute query: Conversion Error: "
                + "Could not convert string 'x' to INT32");
    }

    @Test
    void catalogAndSchemaApplyToOneRequestOnly() {
        http.sql("CREATE SCHEMA IF NOT EXISTS s1");
        RawHttp.Response in = http.query("{\"statement\":\"SELECT current_schema() AS s\",\"schema\":\"s1\","
                + "\"catalog\":\"memory\"}");
        assertThat(in.lines().get(2)).isEqualTo("[\"s1\"]");
        // a connection per request: no sticky USE (a documented difference from the official mock)
        assertThat(http.sql("SELECT current_schema() AS s").lines().get(2)).isEqualTo("[\"main\"]");
        RawHttp.Response bad = http.query("{\"statement\":\"SELECT 1\",\"catalog\":\"nope\"}");
        assertNdjson(bad);
        assertThat(bad.lines()).hasSize(2);
        assertThat(bad.lines().get(1)).startsWith("{\"error\":\"Catalog Error");
    }

    @Test
    void unicodeAndEscapesInCellsAndNames() {
        RawHttp.Response r = http.sql("SELECT 'é😀\n\t\"\\' AS \"ü col\", chr(1) AS c");
        assertThat(r.lines().get(1)).isEqualTo("[{\"name\":\"ü col\",\"type\":\"VARCHAR\"},{\"name\":\"c\",\"type\":\"VARCHAR\"}]");
        assertThat(r.lines().get(2)).isEqualTo("[\"é😀\\n\\t\\\"\\\\\",\"\\u0001\"]");
        List<String> lines = r.lines();
        assertThat(lines).hasSize(3);
    }
}
