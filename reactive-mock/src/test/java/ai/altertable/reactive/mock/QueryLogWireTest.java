package ai.altertable.reactive.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /query/{id}} (protocol §7) and {@code DELETE /query/{id}?session_id=} (§8) over raw HTTP. */
class QueryLogWireTest {

    static final String TIME = "\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3}|\\.[0-9]{6}|\\.[0-9]{9})?Z\"";

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

    @Test
    void logEntryHasEveryKeyInOrderWithExplicitNulls() {
        String id = UUID.randomUUID().toString();
        http.query("{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"s-1\"}");
        RawHttp.Response r = http.get("/query/" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).matches("\\{\"uuid\":\"" + id + "\",\"start_time\":" + TIME + ",\"end_time\":" + TIME
                + ",\"duration_ms\":[0-9]+,\"query\":\"SELECT 1\",\"client_interface\":\"HttpQuery\","
                + "\"visible\":true,\"session_id\":\"s-1\",\"error\":null,\"requested_by\":null,\"user_agent\":"
                + "(null|\"[^\"]*\")}");
        JsonNode n = Json.parse(r.body());
        assertThat(n.get("end_time").asText()).isGreaterThanOrEqualTo(n.get("start_time").asText());
    }

    @Test
    void logEntryKeepsWhatTheRequestSaid() {
        String id = UUID.randomUUID().toString();
        String statement = "SELECT 'é'\n-- two lines";
        http.query("{\"statement\":" + Json.quote(statement) + ",\"query_id\":\"" + id.toUpperCase()
                + "\",\"visible\":false,\"requested_by\":\"robot ✓\"}");
        JsonNode n = Json.parse(http.get("/query/" + id.toUpperCase()).body());
        assertThat(n.get("uuid").asText()).isEqualTo(id);
        assertThat(n.get("query").asText()).isEqualTo(statement);
        assertThat(n.get("visible").asBoolean()).isFalse();
        assertThat(n.get("requested_by").asText()).isEqualTo("robot ✓");
        assertThat(n.get("session_id").asText()).matches(QueryWireTest.UUID_RE);
    }

    @Test
    void failedQueriesRecordTheirError() {
        String id = UUID.randomUUID().toString();
        RawHttp.Response q = http.query("{\"statement\":\"SELECT * FROM nope\",\"query_id\":\"" + id + "\"}");
        String streamed = Json.parse(q.lines().get(1)).get("error").asText();
        JsonNode n = Json.parse(http.get("/query/" + id).body());
        assertThat(n.get("error").asText()).isEqualTo(streamed).startsWith("Failed to prepare statement: ");
        // so does an export that fails
        String csvId = UUID.randomUUID().toString();
        http.query("{\"statement\":\"SELECT * FROM nope\",\"format\":\"csv\",\"query_id\":\"" + csvId + "\"}");
        assertThat(Json.parse(http.get("/query/" + csvId).body()).get("error").asText()).contains("nope");
    }

    @Test
    void unknownIdsAre404WithAnEmptyBody() {
        RawHttp.Response r = http.get("/query/" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.bytes()).isEmpty();
        assertThat(r.contentType()).isNull();
    }

    @Test
    void cancelOfAFinishedQuery() {
        String id = UUID.randomUUID().toString();
        http.query("{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"sess a\"}");
        RawHttp.Response yes = http.delete("/query/" + id + "?session_id=sess+a");
        assertThat(yes.status()).isEqualTo(200);
        assertThat(yes.contentType()).isEqualTo("application/json");
        assertThat(yes.body()).isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        assertThat(http.delete("/query/" + id.toUpperCase() + "?session_id=sess%20a").body())
                .isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        RawHttp.Response no = http.delete("/query/" + id + "?session_id=other");
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.contentType()).isEqualTo("application/json");
        assertThat(no.body()).isEqualTo("{\"cancelled\":false,\"message\":\"Session ID does not match\"}");
        assertThat(http.delete("/query/" + id + "?session_id=").body()).contains("\"cancelled\":false");
        // a failed query can be "cancelled" too
        String failed = UUID.randomUUID().toString();
        http.query("{\"statement\":\"SELECT * FROM nope\",\"query_id\":\"" + failed + "\",\"session_id\":\"s\"}");
        assertThat(http.delete("/query/" + failed + "?session_id=s").body()).contains("\"cancelled\":true");
        // the mock records every cancel it received, known or not
        String unknown = UUID.randomUUID().toString();
        RawHttp.Response missing = http.delete("/query/" + unknown + "?session_id=s");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.bytes()).isEmpty();
        assertThat(missing.contentType()).isNull();
        assertThat(mock.cancelRequests()).contains(id, unknown);
    }

    @Test
    void cancelOfARunningQueryWithAMismatchedSessionLeavesItRunning() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<RawHttp.Response> pending = CompletableFuture.supplyAsync(() -> http.query(
                "{\"statement\":\"SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3\",\"query_id\":\""
                        + id + "\",\"session_id\":\"mine\"}"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(id) != null);
        assertThat(http.delete("/query/" + id + "?session_id=theirs").body()).contains("\"cancelled\":false");
        assertThat(mock.observedQuery(id).running()).isTrue();
        assertThat(mock.observedQuery(id).cancelRequested()).isFalse();
        assertThat(http.delete("/query/" + id + "?session_id=mine").body())
                .isEqualTo("{\"cancelled\":true,\"message\":\"Query cancelled\"}");
        RawHttp.Response r = pending.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1)).startsWith("{\"error\":\"Failed to execute query: INTERRUPT Error");
        assertThat(Json.parse(http.get("/query/" + id).body()).get("error").asText()).contains("Interrupted");
    }
}
