package ai.altertable.reactive.mock;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Users are isolated from each other (tables, writes, query log, cancel, tasks); one user's concurrent requests all complete;
 * cancel works even when every database thread is busy.
 */
class IsolationAndConcurrencyWireTest {

    static final String ENDLESS = "SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3";

    static AltertableMock mock;
    static RawHttp alice;
    static RawHttp bob;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").user("bob", "builder").start();
        alice = new RawHttp(mock);
        bob = alice.as(mock.credentials("bob").authorizationHeader());
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void tablesAreIsolated() {
        assertThat(alice.sql("CREATE OR REPLACE TABLE mine AS SELECT 1 AS a").status()).isEqualTo(200);
        assertThat(alice.sql("SELECT a FROM mine").lines().get(2)).isEqualTo("[1]");
        assertThat(bob.sql("SELECT a FROM mine").lines().get(1))
                .startsWith("{\"error\":\"Failed to prepare statement: Catalog Error: Table with name mine does not exist");
        // the same name in bob's database is another table
        bob.sql("CREATE OR REPLACE TABLE mine AS SELECT 2 AS a");
        assertThat(alice.sql("SELECT a FROM mine").lines().get(2)).isEqualTo("[1]");
        assertThat(bob.sql("SELECT a FROM mine").lines().get(2)).isEqualTo("[2]");
        // ingestion too
        assertThat(bob.post("/upload?catalog=memory&schema=main&table=bobs&mode=create", "text/csv", "x\n1\n").status())
                .isEqualTo(200);
        assertThat(alice.post("/upload?catalog=memory&schema=main&table=bobs", "text/csv", "x\n1\n").status())
                .isEqualTo(400);
    }

    @Test
    void writesCannotReachAnotherUsersTable() {
        bob.sql("CREATE OR REPLACE TABLE bobs_only (id INTEGER, v VARCHAR)");
        bob.sql("INSERT INTO bobs_only VALUES (1, 'bob')");
        RawHttp.Response append = alice.post("/append?catalog=memory&schema=main&table=bobs_only&sync=true",
                "application/json", "{\"id\":2,\"v\":\"alice\"}");
        // an append answers 200 with its outcome (protocol): refused, as a table that does not exist
        assertThat(append.status()).isEqualTo(200);
        assertThat(Json.parse(append.body()).get("ok").asBoolean()).isFalse();
        assertThat(Json.parse(append.body()).get("error_message").asText()).contains("bobs_only does not exist");
        assertThat(alice.sql("SELECT * FROM bobs_only").body()).contains("bobs_only does not exist")
                .doesNotContain("\"bob\"");
        // an upsert creates a missing table (protocol §11.2): Alice gets a table of her own by that name
        RawHttp.Response upsert = alice.post("/upsert?catalog=memory&schema=main&table=bobs_only&primary_key=id",
                "text/csv", "id,v\n1,alice\n");
        assertThat(upsert.status()).as(upsert.body()).isEqualTo(200);
        assertThat(alice.sql("SELECT id, v FROM bobs_only").lines()).hasSize(3).element(2).isEqualTo("[1,\"alice\"]");
        // Bob's table is as he left it, and both are still served
        assertThat(bob.sql("SELECT id, v FROM bobs_only").lines()).hasSize(3).element(2).isEqualTo("[1,\"bob\"]");
        assertThat(alice.sql("SELECT 1").status()).isEqualTo(200);
    }

    @Test
    void queryLogAndCancelAreIsolated() {
        String id = UUID.randomUUID().toString();
        alice.query("{\"statement\":\"SELECT 1\",\"query_id\":\"" + id + "\",\"session_id\":\"s\"}");
        assertThat(alice.get("/query/" + id).status()).isEqualTo(200);
        RawHttp.Response bobs = bob.get("/query/" + id);
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(bobs.bytes()).isEmpty();
        assertThat(bob.delete("/query/" + id + "?session_id=s").status()).isEqualTo(404);
        assertThat(alice.delete("/query/" + id + "?session_id=s").status()).isEqualTo(200);
    }

    @Test
    void aRunningQueryCannotBeCancelledByAnotherUser() {
        String id = UUID.randomUUID().toString();
        CompletableFuture<RawHttp.Response> running = CompletableFuture.supplyAsync(() -> alice.query(
                "{\"statement\":\"" + ENDLESS + "\",\"query_id\":\"" + id + "\",\"session_id\":\"s\"}"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> mock.observedQuery(id) != null);
        assertThat(bob.delete("/query/" + id + "?session_id=s").status()).isEqualTo(404);
        assertThat(mock.observedQuery(id).cancelRequested()).isFalse();
        assertThat(running).isNotDone();
        assertThat(alice.delete("/query/" + id + "?session_id=s").body()).contains("\"cancelled\":true");
        assertThat(running.orTimeout(30, TimeUnit.SECONDS).join().body()).contains("INTERRUPT Error");
    }

    @Test
    void tasksAreIsolated() {
        alice.sql("CREATE OR REPLACE TABLE appended (a INTEGER)");
        RawHttp.Response r = alice.post("/append?catalog=memory&schema=main&table=appended", "application/json",
                "{\"a\":1}");
        String taskId = Json.parse(r.body()).get("task_id").asText();
        await().atMost(30, TimeUnit.SECONDS).until(() -> alice.get("/tasks/" + taskId).body().contains("completed"));
        RawHttp.Response bobs = bob.get("/tasks/" + taskId);
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(bobs.bytes()).isEmpty();
        assertThat(bobs.contentType()).isNull();
    }

    @Test
    void twentyConcurrentQueriesOfOneUserComplete() {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<RawHttp.Response>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                all.add(CompletableFuture.supplyAsync(() -> alice.sql(
                        "SELECT " + n + " AS n, count(*) AS c FROM range(" + (200_000 + n) + ")"), pool));
            }
            for (int i = 0; i < 20; i++) {
                RawHttp.Response r = all.get(i).orTimeout(60, TimeUnit.SECONDS).join();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.lines().get(2)).isEqualTo("[" + i + "," + (200_000 + i) + "]");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUsersWriteTheirOwnTables() {
        List<CompletableFuture<RawHttp.Response>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RawHttp who = i % 2 == 0 ? alice : bob;
            String table = "conc_" + i;
            all.add(CompletableFuture.supplyAsync(() -> who.post("/upload?catalog=memory&schema=main&table=" + table
                    + "&mode=create", "text/csv", "v\n1\n2\n")));
        }
        all.forEach(f -> assertThat(f.orTimeout(60, TimeUnit.SECONDS).join().status()).isEqualTo(200));
        JsonNode aliceTables = Json.parse(alice.query("{\"statement\":\"SELECT count(*) AS n FROM duckdb_tables() "
                + "WHERE table_name LIKE 'conc_%'\",\"format\":\"jsonl\"}").body());
        assertThat(aliceTables.get("n").asInt()).isEqualTo(5);
    }

    @Test
    void cancelWorksWhenEveryDatabaseThreadIsBusy() {
        try (AltertableMock small = AltertableMock.builder().dbThreads(1).start()) {
            RawHttp h = new RawHttp(small);
            assertThat(h.sql("SELECT 1").status()).isEqualTo(200); // the user's database exists
            String id = UUID.randomUUID().toString();
            CompletableFuture<RawHttp.Response> endless = CompletableFuture.supplyAsync(() -> h.query(
                    "{\"statement\":\"" + ENDLESS + "\",\"query_id\":\"" + id + "\",\"session_id\":\"s\"}"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> small.observedQuery(id) != null);
            assertThat(h.delete("/query/" + id + "?session_id=s").body()).contains("\"cancelled\":true");
            RawHttp.Response r = endless.orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(r.lines().get(1)).startsWith("{\"error\":\"Failed to execute query: INTERRUPT Error");
            assertThat(h.sql("SELECT 2").lines().get(2)).isEqualTo("[2]");
        }
    }
}
