package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AutocompleteRequest;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every non-streaming operation of the protocol against the mock. */
class OperationsTest {

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    private static long count(String table) {
        return client.query("SELECT count(*) FROM " + table).map(r -> r.getLong(0)).blockLast(Duration.ofSeconds(30));
    }

    @Test
    void getQueryAndCancelQuery() {
        String id = "bbbbbbbb-0000-4000-8000-000000000001";
        client.query(QueryRequest.builder().statement("SELECT 1").queryId(id).sessionId("s-1").build()).blockLast();
        StepVerifier.create(client.getQuery(id))
                .assertNext(e -> {
                    assertThat(e.uuid()).isEqualTo(id);
                    assertThat(e.query()).isEqualTo("SELECT 1");
                    assertThat(e.sessionId()).isEqualTo("s-1");
                    assertThat(e.error()).isNull();
                })
                .verifyComplete();
        StepVerifier.create(client.cancelQuery(id, "s-1")).assertNext(c -> assertThat(c.cancelled()).isTrue()).verifyComplete();
        StepVerifier.create(client.cancelQuery(id, "other")).assertNext(c -> assertThat(c.cancelled()).isFalse()).verifyComplete();
    }

    @Test
    void validateExplainAutocomplete() {
        client.query("CREATE OR REPLACE TABLE things AS SELECT i::INTEGER AS id, 'n' || i AS name FROM range(100) t(i)")
                .blockLast();
        StepVerifier.create(client.validate("SELECT * FROM things")).assertNext(v -> assertThat(v.valid()).isTrue()).verifyComplete();
        StepVerifier.create(client.validate("SELECT * FROM nothing"))
                .assertNext(v -> {
                    assertThat(v.valid()).isFalse();
                    assertThat(v.error()).contains("nothing");
                })
                .verifyComplete();
        StepVerifier.create(client.explain("SELECT * FROM things WHERE id > 3"))
                .assertNext(x -> assertThat(x.tables()).singleElement()
                        .satisfies(t -> assertThat(t.tableName()).contains("things")))
                .verifyComplete();
        StepVerifier.create(client.autocomplete(AutocompleteRequest.of("SELECT * FROM thi")))
                .assertNext(a -> assertThat(a.suggestions()).extracting(s -> s.suggestion()).contains("things"))
                .verifyComplete();
    }

    @Test
    void appendSyncAndAsyncWithTasks() {
        client.query("CREATE OR REPLACE TABLE ev (id INTEGER, kind VARCHAR)").blockLast();
        TableRef ev = TableRef.of("memory", "main", "ev");
        StepVerifier.create(client.append(AppendOptions.of(ev, true), List.of(Map.of("id", 1, "kind", "a"), Map.of("id", 2, "kind", "b"))))
                .assertNext(r -> assertThat(r.ok()).isTrue())
                .verifyComplete();
        assertThat(count("ev")).isEqualTo(2);
        String taskId = client.append(AppendOptions.of(ev), Map.of("id", 3, "kind", "c")).block().taskId();
        assertThat(taskId).isNotNull();
        await().atMost(30, TimeUnit.SECONDS).until(() -> client.getTask(taskId).block().status() == TaskState.COMPLETED);
        assertThat(count("ev")).isEqualTo(3);
        StepVerifier.create(client.append(AppendOptions.of(ev, true), Map.of("id", 4, "nope", "x")))
                .expectErrorSatisfies(e -> assertThat(((AppendRejectedException) e).errorCode())
                        .isEqualTo(AppendErrorCode.INCOMPATIBLE_SCHEMA))
                .verify();
    }

    @Test
    void uploadAndUpsertFiles(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,name\n1,Ann\n2,Bob\n");
        TableRef people = TableRef.of("memory", "main", "people");
        StepVerifier.create(client.upload(UploadOptions.of(people, UploadMode.CREATE), csv, null)).verifyComplete();
        assertThat(count("people")).isEqualTo(2);
        Path json = dir.resolve("changes.json");
        Files.writeString(json, "[{\"id\":2,\"name\":\"Bobby\"},{\"id\":3,\"name\":\"Cy\"}]");
        StepVerifier.create(client.upsert(UpsertOptions.of(people, "id"), json, null)).verifyComplete();
        StepVerifier.create(client.query("SELECT name FROM people ORDER BY id").map(r -> r.getString(0)))
                .expectNext("Ann", "Bobby", "Cy").verifyComplete();
        Flux<ByteBuffer> more = Flux.just("id,name\n", "4,Di\n").map(s -> ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
        StepVerifier.create(client.upload(UploadOptions.of(people, UploadMode.APPEND), more, "text/csv")).verifyComplete();
        assertThat(count("people")).isEqualTo(4);
    }

    @Test
    void failedUploadIsABadRequest(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "a\n1\n");
        StepVerifier.create(client.upload(UploadOptions.of(TableRef.of("memory", "main", "no_table"), UploadMode.APPEND), csv, null))
                .expectError(ai.altertable.reactive.core.BadRequestException.class)
                .verify(Duration.ofSeconds(30));
    }
}
