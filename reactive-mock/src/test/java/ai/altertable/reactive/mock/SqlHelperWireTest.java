package ai.altertable.reactive.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /validate}, {@code /explain} and {@code /autocomplete} (protocol §9) over raw HTTP. */
class SqlHelperWireTest {

    static AltertableMock mock;
    static RawHttp http;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        http = new RawHttp(mock);
        http.sql("CREATE SCHEMA s1; CREATE TABLE s1.only_in_s1 (x INTEGER); "
                + "CREATE TABLE ex_t AS SELECT i AS a, 'v' || i AS b FROM range(1000) t(i); "
                + "CREATE TABLE auto_tbl (auto_col INTEGER); CREATE TABLE auto_other (y INTEGER)");
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static RawHttp.Response json(String path, String body) {
        RawHttp.Response r = http.postJson(path, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        return r;
    }

    // ---- /validate -------------------------------------------------------------------------------------------

    @Test
    void validate() {
        assertThat(json("/validate", "{\"statement\":\" SELECT 1 \"}").body())
                .isEqualTo("{\"valid\":true,\"statement\":\" SELECT 1 \",\"connections_errors\":{}}");
        String invalid = json("/validate", "{\"statement\":\"SELEC 1\"}").body();
        assertThat(invalid).startsWith("{\"valid\":false,\"statement\":\"SELEC 1\",\"connections_errors\":{},"
                + "\"error\":\"Parser Error: syntax error at or near").endsWith("\"}");
        assertThat(json("/validate", "{\"statement\":\"SELECT * FROM nope\"}").body())
                .contains("\"valid\":false").contains("Table with name nope does not exist");
        // catalog and schema apply to this request
        assertThat(json("/validate", "{\"statement\":\"SELECT x FROM only_in_s1\",\"schema\":\"s1\"}").body())
                .startsWith("{\"valid\":true");
        assertThat(json("/validate", "{\"statement\":\"SELECT x FROM only_in_s1\"}").body()).startsWith("{\"valid\":false");
        assertThat(json("/validate", "{\"statement\":\"SELECT 1\",\"catalog\":\"nope\",\"session_id\":\"s\"}").body())
                .startsWith("{\"valid\":false,\"statement\":\"SELECT 1\",\"connections_errors\":{},\"error\":\"");
        // validating does not run the statement
        json("/validate", "{\"statement\":\"CREATE TABLE never_validated (a INTEGER)\"}");
        assertThat(http.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'never_validated'").lines().get(2))
                .isEqualTo("[0]");
    }

    // ---- /explain --------------------------------------------------------------------------------------------

    @Test
    void explainWithoutTablesHasZeroTotals() {
        assertThat(json("/explain", "{\"statement\":\"  SELECT 1  \"}").body()).isEqualTo("{\"tables\":[],"
                + "\"total_files\":0,\"total_bytes\":0,\"scanned_files_estimate\":0,\"scanned_bytes_estimate\":0,"
                + "\"statement\":\"SELECT 1\",\"connections_errors\":{}}");
    }

    @Test
    void explainListsScannedTablesWithFilters() {
        // DuckDB reports the scan's filters as a list; the mock joins them with " AND "
        String body = json("/explain", "{\"statement\":\"SELECT * FROM ex_t WHERE a > 10 AND a < 500 AND b = 'v7'\"}")
                .body();
        assertThat(body).matches("\\{\"tables\":\\[\\{\"table_name\":\"(memory\\.main\\.)?ex_t\",\"estimated_rows\":[0-9]+,"
                + "\"filters\":\"\\(\\(a ?> ?10\\) AND \\(a ?< ?500\\)\\) AND \\(b ?= ?'v7'\\)\"}],"
                + "\"statement\":\"SELECT \\* FROM ex_t WHERE a > 10 AND a < 500 AND b = 'v7'\",\"connections_errors\":\\{}}");
        String unfiltered = json("/explain", "{\"statement\":\"SELECT sum(a) FROM ex_t\"}").body();
        assertThat(unfiltered).matches("\\{\"tables\":\\[\\{\"table_name\":\"(memory\\.main\\.)?ex_t\",\"estimated_rows\":1000}],"
                + "\"statement\":\"SELECT sum\\(a\\) FROM ex_t\",\"connections_errors\":\\{}}");
        String join = json("/explain", "{\"statement\":\"SELECT * FROM ex_t, auto_tbl\"}").body();
        assertThat(Json.parse(join).get("tables")).hasSize(2);
        assertThat(join).doesNotContain("total_files");
    }

    @Test
    void explainPlanOnlyWhenAsked() {
        JsonNode with = Json.parse(json("/explain", "{\"statement\":\"SELECT a FROM ex_t\",\"include_plan\":true}").body());
        assertThat(fieldNames(with)).containsExactly("tables", "statement", "plan", "connections_errors");
        assertThat(with.get("plan")).hasSize(1);
        assertThat(fieldNames(with.get("plan").get(0))).contains("name", "children", "extra_info");
        JsonNode without = Json.parse(json("/explain", "{\"statement\":\"SELECT a FROM ex_t\",\"include_plan\":false}")
                .body());
        assertThat(without.has("plan")).isFalse();
        RawHttp.Response nullPlan = http.postJson("/explain", "{\"statement\":\"SELECT 1\",\"include_plan\":null}");
        assertThat(nullPlan.status()).isEqualTo(422);
        assertThat(nullPlan.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(nullPlan.body()).startsWith("Failed to deserialize the JSON body into the target type: ");
        assertThat(http.postJson("/explain", "{\"statement\":\"SELECT 1\",\"include_plan\":\"true\"}").status())
                .isEqualTo(422);
    }

    @Test
    void explainFailureIsDataWithoutTotalsOrPlan() {
        String body = json("/explain", "{\"statement\":\" SELECT * FROM nope \",\"include_plan\":true}").body();
        assertThat(body).startsWith("{\"tables\":[],\"statement\":\"SELECT * FROM nope\",\"error\":\"Catalog Error: ")
                .endsWith("\",\"connections_errors\":{}}");
        assertThat(json("/explain", "{\"statement\":\"SELECT 1\",\"catalog\":\"nope\"}").body())
                .startsWith("{\"tables\":[],\"statement\":\"SELECT 1\",\"error\":\"");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- /autocomplete -----------------------------------------------------------------------------------------

    private static JsonNode complete(String body) {
        return Json.parse(json("/autocomplete", body).body());
    }

    private static List<String> suggestions(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("suggestions").forEach(s -> out.add(s.get("suggestion").asText()));
        return out;
    }

    @Test
    void autocompleteShapeAndKeywords() {
        String body = json("/autocomplete", "{\"statement\":\"  SELEC  \"}").body();
        assertThat(body).startsWith("{\"suggestions\":[{\"suggestion\":\"SELECT \",\"suggestion_start\":0,"
                + "\"suggestion_type\":\"\",\"suggestion_score\":0}").endsWith("],\"statement\":\"SELEC\","
                + "\"connections_errors\":{}}");
        JsonNode s = complete("{\"statement\":\"SELECT 1; S\"}");
        List<String> texts = suggestions(s);
        assertThat(texts).isNotEmpty().isSorted().allMatch(t -> t.toUpperCase().startsWith("S"));
        assertThat(texts).contains("SELECT ");
        s.get("suggestions").forEach(x -> {
            assertThat(x.get("suggestion_start").asInt()).isEqualTo(10);
            assertThat(fieldNames(x)).containsExactly("suggestion", "suggestion_start", "suggestion_type",
                    "suggestion_score");
        });
    }

    @Test
    void autocompleteLimits() {
        assertThat(suggestions(complete("{\"statement\":\"\"}"))).hasSize(20).isSorted();
        assertThat(suggestions(complete("{\"statement\":\"\",\"max_suggestions\":0}"))).hasSize(20);
        assertThat(suggestions(complete("{\"statement\":\"\",\"max_suggestions\":null}"))).hasSize(20);
        assertThat(suggestions(complete("{\"statement\":\"\",\"max_suggestions\":3}"))).hasSize(3);
        assertThat(suggestions(complete("{\"statement\":\"\",\"max_suggestions\":100000}"))).hasSize(200).isSorted();
        assertThat(suggestions(complete("{\"statement\":\"\",\"max_suggestions\":4294967295}"))).hasSize(200);
        for (String bad : new String[] {"-1", "1.5", "\"5\"", "true", "4294967296"}) {
            RawHttp.Response r = http.postJson("/autocomplete", "{\"statement\":\"S\",\"max_suggestions\":" + bad + "}");
            assertThat(r.status()).as(bad).isEqualTo(422);
        }
    }

    @Test
    void autocompleteTablesAfterFrom() {
        JsonNode s = complete("{\"statement\":\"SELECT * FROM auto_\"}");
        assertThat(suggestions(s)).containsExactly("auto_other", "auto_tbl");
        s.get("suggestions").forEach(x -> assertThat(x.get("suggestion_start").asInt()).isEqualTo(14));
        assertThat(suggestions(complete("{\"statement\":\"SELECT * FROM only_\",\"schema\":\"s1\"}")))
                .contains("only_in_s1");
    }

    @Test
    void autocompleteFailureIs400PlainText() {
        RawHttp.Response r = http.postJson("/autocomplete", "{\"statement\":\"SEL\",\"catalog\":\"nope\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).isNotEmpty().doesNotStartWith("{");
    }
}
