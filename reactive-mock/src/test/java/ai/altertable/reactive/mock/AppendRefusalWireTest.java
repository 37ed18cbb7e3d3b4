package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /append} refuses synchronously, before answering, every batch it cannot write, whatever {@code sync} says
 * (protocol §11.3, §17): {@code 200 {"ok":false,"error_code":…,"error_message":…}} without a {@code task_id}, and
 * nothing of the batch is written. {@code incompatible-schema} for keys that are no column and for values whose JSON
 * shape cannot be of the column's type (an object or array for a scalar, a non-object for a STRUCT or MAP, a non-array
 * for a LIST); {@code invalid-data} for the rest (missing catalog or table, a scalar that does not convert, a constraint).
 * Only an accepted batch gets a task id. Raw HTTP, never our client.
 */
class AppendRefusalWireTest {

    /** Asynchronous by default, asynchronous explicitly, synchronous. */
    private static final String[] MODES = {"", "&sync=false", "&sync=true"};

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

    private static String table(String columns) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        assertThat(http.sql("CREATE TABLE " + name + " (" + columns + ")").status()).isEqualTo(200);
        return name;
    }

    private static RawHttp.Response append(String table, String mode, String body) {
        return http.post("/append?catalog=memory&schema=main&table=" + table + mode, "application/json", body);
    }

    private static String count(String table) {
        return http.sql("SELECT count(*) FROM " + table).lines().get(2);
    }

    /** The exact refusal shape: no task id; returns the error message. */
    private static String refused(RawHttp.Response r, String code, String context) {
        assertThat(r.status()).as(context).isEqualTo(200);
        assertThat(r.contentType()).as(context).isEqualTo("application/json");
        Matcher m = Pattern.compile("\\{\"ok\":false,\"error_code\":\"" + code + "\",\"error_message\":("
                + AppendWireTest.STRING + ")}").matcher(r.body());
        assertThat(m.matches()).as(context + ": " + r.body()).isTrue();
        return Json.parse(m.group(1)).asText();
    }

    @Test
    void anUnknownColumnIsIncompatibleSchemaAndNothingLands() {
        String t = table("x INTEGER");
        for (String mode : MODES) {
            String message = refused(append(t, mode, "[{\"x\":1},{\"x\":2,\"y\":3,\"Z\":4}]"), "incompatible-schema",
                    mode);
            assertThat(message).as(mode).isEqualTo("table \"memory\".\"main\".\"" + t
                    + "\" has no column named \"y\", \"Z\"");
        }
        assertThat(count(t)).isEqualTo("[0]");
    }

    @Test
    void aValueWhoseShapeCannotBeOfTheColumnTypeIsIncompatibleSchema() {
        String t = table("x INTEGER, d DATE, st STRUCT(k INTEGER), l INTEGER[], m MAP(VARCHAR, INTEGER), s VARCHAR");
        String[][] cases = {
                {"[{\"x\":1},{\"x\":{\"a\":1}}]", "object at index 1: \"x\" is INTEGER, got a JSON object"},
                {"{\"d\":[\"2024-01-01\"]}", "object at index 0: \"d\" is DATE, got a JSON array"},
                {"{\"st\":5}", "object at index 0: \"st\" is STRUCT(k INTEGER), got a JSON number"},
                {"{\"st\":{\"k\":[1]}}", "object at index 0: \"st\".\"k\" is INTEGER, got a JSON array"},
                {"{\"l\":\"[1,2]\"}", "object at index 0: \"l\" is INTEGER[], got a JSON string"},
                {"{\"l\":[1,{\"a\":2}]}", "object at index 0: \"l\"[1] is INTEGER, got a JSON object"},
                {"{\"m\":[1]}", "object at index 0: \"m\" is MAP(VARCHAR, INTEGER), got a JSON array"},
                {"{\"m\":{\"a\":true,\"b\":{}}}", "object at index 0: \"m\"[\"b\"] is INTEGER, got a JSON object"},
        };
        for (String mode : MODES) {
            for (String[] c : cases) {
                assertThat(refused(append(t, mode, c[0]), "incompatible-schema", mode + " " + c[0]))
                        .isEqualTo(c[1]);
            }
        }
        // nested values are fine where the type takes them: VARCHAR stores their JSON text
        assertThat(append(t, "&sync=true", "{\"s\":{\"a\":[1]},\"st\":{\"k\":1},\"l\":[1],\"m\":{\"a\":1}}").body())
                .startsWith("{\"ok\":true,");
        assertThat(count(t)).isEqualTo("[1]");
    }

    @Test
    void aMissingTableSchemaOrCatalogIsInvalidData() {
        String t = table("x INTEGER");
        String[][] targets = {
                {"catalog=memory&schema=main&table=no_such_table", "Catalog Error: Table with name no_such_table"},
                {"catalog=memory&schema=made_by_append&table=" + t, "Catalog Error: Table with name " + t},
                {"catalog=no_such_catalog&schema=main&table=" + t, "Catalog Error: "},
        };
        for (String mode : MODES) {
            for (String[] target : targets) {
                RawHttp.Response r = http.post("/append?" + target[0] + mode, "application/json", "{\"x\":1}");
                assertThat(refused(r, "invalid-data", mode + " " + target[0])).startsWith(target[1]);
            }
        }
        assertThat(count(t)).isEqualTo("[0]");
        // as in the official mock, a missing schema is created even though the append is refused
        assertThat(http.sql("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'made_by_append'").lines()
                .get(2)).isEqualTo("[1]");
    }

    @Test
    void aValueThatDoesNotConvertIsInvalidDataAndNothingOfTheBatchLands() {
        String t = table("x INTEGER, small TINYINT, d DATE");
        String[][] cases = {
                {"[{\"x\":1},{\"x\":\"not a number\"},{\"x\":3}]", "not a number"},
                {"[{\"x\":1},{\"small\":300}]", "300"},
                {"[{\"x\":1},{\"d\":\"2024-13-45\"}]", "2024-13-45"},
                {"[{\"x\":1},{\"d\":20240101}]", "20240101"},
        };
        for (String mode : MODES) {
            for (String[] c : cases) {
                assertThat(refused(append(t, mode, c[0]), "invalid-data", mode + " " + c[0])).contains(c[1]);
            }
        }
        assertThat(count(t)).isEqualTo("[0]");
    }

    @Test
    void aConstraintViolationIsInvalidDataBeforeAnswering() {
        String t = table("id INTEGER PRIMARY KEY, x INTEGER NOT NULL");
        assertThat(append(t, "&sync=true", "{\"id\":1,\"x\":1}").body()).startsWith("{\"ok\":true,");
        for (String mode : MODES) {
            assertThat(refused(append(t, mode, "[{\"id\":2,\"x\":2},{\"id\":3,\"x\":null}]"), "invalid-data", mode))
                    .contains("NOT NULL");
            assertThat(refused(append(t, mode, "[{\"id\":4,\"x\":4},{\"id\":1,\"x\":5}]"), "invalid-data", mode))
                    .contains("Duplicate key");
        }
        assertThat(http.sql("SELECT list(id ORDER BY id) FROM " + t).lines().get(2)).isEqualTo("[[1]]");
    }

    @Test
    void anAcceptedAsynchronousAppendGetsATaskThatCompletesWithItsRows() {
        String t = table("x INTEGER");
        assertThat(refused(append(t, "", "{\"x\":\"bad\"}"), "invalid-data", "refused first")).contains("bad");
        RawHttp.Response r = append(t, "", "[{\"x\":1},{\"x\":2}]");
        assertThat(r.status()).isEqualTo(200);
        Matcher m = Pattern.compile("\\{\"ok\":true,\"error_code\":null," + AppendWireTest.TASK + "}")
                .matcher(r.body());
        assertThat(m.matches()).as(r.body()).isTrue();
        String taskId = m.group(1);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(http.get("/tasks/" + taskId).body())
                .isEqualTo("{\"task_id\":\"" + taskId + "\",\"status\":\"completed\"}"));
        assertThat(count(t)).isEqualTo("[2]");
    }
}
