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
 * {@code POST /append} and {@code GET /tasks/{id}} (protocol §11.3, §11.4) over raw HTTP, as this mock implements them
 * after the client spec: a {@code task_id} for every accepted append, committed asynchronously unless {@code sync} is
 * {@code true} (or {@code 1}). Refusals, decided before answering whatever {@code sync} says, are in
 * {@link AppendRefusalWireTest}; the pending state of a task is observed in {@code AppendTasksTest}, where the commit
 * can be held.
 */
class AppendWireTest {

    static final String TASK = "\"task_id\":\"(" + QueryWireTest.UUID_RE + ")\"";
    /** A JSON string literal, escapes included. */
    static final String STRING = "\"(?:[^\"\\\\]|\\\\.)+\"";
    static final String INVALID_BODY = "{\"ok\":false,\"error_code\":\"invalid-data\","
            + "\"error_message\":\"body must be a JSON object or an array of JSON objects\"}";

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

    private static RawHttp.Response append(String table, String query, String body) {
        return http.post("/append?catalog=memory&schema=main&table=" + table + query, "application/json", body);
    }

    private static String rows(String sql) {
        return String.join("|", http.sql(sql).lines().subList(2, http.sql(sql).lines().size()));
    }

    private static String taskIdOf(RawHttp.Response r) {
        Matcher m = Pattern.compile(TASK).matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    @Test
    void syncAppendAnswersAfterWriting() {
        String t = table("id INTEGER, name VARCHAR");
        RawHttp.Response r = append(t, "&sync=true", "[{\"id\":1,\"name\":\"a\"},{\"id\":2}]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).matches("\\{\"ok\":true,\"error_code\":null," + TASK + "}");
        assertThat(rows("SELECT id, name FROM " + t + " ORDER BY id")).isEqualTo("[1,\"a\"]|[2,null]");
        String taskId = taskIdOf(r);
        assertThat(http.get("/tasks/" + taskId).body()).isEqualTo("{\"task_id\":\"" + taskId + "\",\"status\":\"completed\"}");
        // one object is fine too, and the content type is not checked
        RawHttp.Response one = http.post("/append?catalog=memory&schema=main&table=" + t + "&sync=true", "text/plain",
                "{\"id\":3,\"name\":\"c\",\"name\":\"last wins\"}");
        assertThat(one.body()).startsWith("{\"ok\":true,");
        assertThat(rows("SELECT name FROM " + t + " WHERE id = 3")).isEqualTo("[\"last wins\"]");
    }

    @Test
    void syncTakesTrueFalseOneAndZero() {
        String t = table("x INTEGER");
        for (String sync : new String[] {"true", "1"}) {
            RawHttp.Response r = append(t, "&sync=" + sync, "{\"x\":1}");
            assertThat(r.body()).as(sync).matches("\\{\"ok\":true,\"error_code\":null," + TASK + "}");
            // synchronous: committed before the answer, its task already completed
            String taskId = taskIdOf(r);
            assertThat(http.get("/tasks/" + taskId).body()).as(sync)
                    .isEqualTo("{\"task_id\":\"" + taskId + "\",\"status\":\"completed\"}");
        }
        assertThat(rows("SELECT count(*) FROM " + t)).isEqualTo("[2]");
        for (String sync : new String[] {"false", "0"}) {
            RawHttp.Response r = append(t, "&sync=" + sync, "{\"x\":2}");
            assertThat(r.body()).as(sync).matches("\\{\"ok\":true,\"error_code\":null," + TASK + "}");
            String taskId = taskIdOf(r);
            await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(http.get("/tasks/" + taskId).body())
                    .isEqualTo("{\"task_id\":\"" + taskId + "\",\"status\":\"completed\"}"));
        }
        assertThat(rows("SELECT count(*) FROM " + t)).isEqualTo("[4]");
        for (String sync : new String[] {"yes", "TRUE", "True", "01", "2", "-1", "", "on"}) {
            RawHttp.Response r = append(t, "&sync=" + sync, "{\"x\":3}");
            assertThat(r.status()).as(sync).isEqualTo(400);
            assertThat(r.contentType()).as(sync).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.body()).as(sync).isEqualTo(
                    "Failed to deserialize query string: sync: provided string was not `true`, `false`, `1` or `0`");
        }
        assertThat(rows("SELECT count(*) FROM " + t)).isEqualTo("[4]");
    }

    @Test
    void asyncAppendCompletes() {
        String t = table("x INTEGER");
        RawHttp.Response r = append(t, "", "{\"x\":7}");
        String taskId = taskIdOf(r);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(http.get("/tasks/" + taskId).body())
                .isEqualTo("{\"task_id\":\"" + taskId + "\",\"status\":\"completed\"}"));
        assertThat(rows("SELECT x FROM " + t)).isEqualTo("[7]");
        assertThat(http.get("/tasks/" + taskId.toUpperCase()).status()).isEqualTo(200);
    }

    @Test
    void bodiesThatAreNotObjectsAre400InvalidData() {
        String t = table("x INTEGER");
        for (String body : new String[] {"5", "\"x\"", "null", "true", "[1,2]", "[{\"x\":1},2]", "[[]]", "not json",
                "{\"x\":", "", "{\"x\":1} {\"x\":2}"}) {
            RawHttp.Response r = append(t, "&sync=true", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.contentType()).as(body).isEqualTo("application/json");
            assertThat(r.body()).as(body).isEqualTo(INVALID_BODY);
        }
        assertThat(http.sql("SELECT count(*) FROM " + t).lines().get(2)).isEqualTo("[0]");
    }

    @Test
    void emptyArrayIsOkWithoutATaskOrATable() {
        RawHttp.Response r = http.post("/append?catalog=memory&schema=main&table=never_checked&sync=true",
                "application/json", "[]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"ok\":true,\"error_code\":null}");
        assertThat(http.post("/append?catalog=memory&schema=main&table=never_checked", "application/json", " [ ] ")
                .body()).isEqualTo("{\"ok\":true,\"error_code\":null}");
    }

    @Test
    void bodyLimitIsTwoMebibytes() {
        String t = table("s VARCHAR");
        String prefix = "{\"s\":\"";
        int limit = 2 * 1024 * 1024;
        String exact = prefix + "x".repeat(limit - prefix.length() - 2) + "\"}";
        assertThat(exact.length()).isEqualTo(limit);
        assertThat(append(t, "&sync=true", exact).body()).startsWith("{\"ok\":true,");
        RawHttp.Response over = append(t, "&sync=true", exact + " ");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(over.body()).isEqualTo("Failed to buffer the request body: length limit exceeded");
        assertThat(http.sql("SELECT count(*) FROM " + t).lines().get(2)).isEqualTo("[1]");
    }

    @Test
    void tasks404And400() {
        RawHttp.Response unknown = http.get("/tasks/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.bytes()).isEmpty();
        assertThat(unknown.contentType()).isNull();
        RawHttp.Response bad = http.get("/tasks/42");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(bad.body()).startsWith("Invalid URL: ");
    }
}
