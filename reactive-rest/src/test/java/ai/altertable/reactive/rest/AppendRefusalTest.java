package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single {@link LakehouseClient#append} that the server refuses fails with {@link AppendRejectedException} (error
 * code and message), sync or not; an accepted one completes with the server's answer. Against the embedded mock, which
 * refuses before answering what it cannot write.
 */
class AppendRefusalTest {

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

    private static TableRef table() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        client.query("CREATE TABLE " + name + " (id INTEGER, kind VARCHAR)").blockLast(Duration.ofSeconds(30));
        return TableRef.of("memory", "main", name);
    }

    private static long count(TableRef table) {
        return client.query("SELECT count(*) FROM " + table.table()).map(r -> r.getLong(0))
                .blockLast(Duration.ofSeconds(30));
    }

    @Test
    void anUnknownColumnFailsWithIncompatibleSchema() {
        TableRef t = table();
        for (boolean sync : new boolean[] {false, true}) {
            StepVerifier.create(client.append(AppendOptions.of(t, sync), List.of(Map.of("id", 1), Map.of("nope", "x"))))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AppendRejectedException.class);
                        AppendRejectedException rejected = (AppendRejectedException) e;
                        assertThat(rejected.errorCode()).isEqualTo(AppendErrorCode.INCOMPATIBLE_SCHEMA);
                        assertThat(rejected.errorMessage()).isEqualTo("table \"memory\".\"main\".\"" + t.table()
                                + "\" has no column named \"nope\"");
                        assertThat(rejected.response().ok()).isFalse();
                        assertThat(rejected.response().taskId()).isNull();
                        assertThat(rejected.isRetryable()).isFalse();
                        assertThat(rejected.operation()).isEqualTo("append");
                        assertThat(rejected.path()).isEqualTo("/append");
                        assertThat(e.getMessage()).startsWith("append refused: incompatible-schema (table ");
                    })
                    .verify(Duration.ofSeconds(30));
        }
        assertThat(count(t)).isZero();
    }

    @Test
    void aMissingTableFailsWithInvalidData() {
        TableRef missing = TableRef.of("memory", "main", "no_such_table");
        for (boolean sync : new boolean[] {false, true}) {
            StepVerifier.create(client.append(AppendOptions.of(missing, sync), Map.of("id", 1)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AppendRejectedException.class);
                        AppendRejectedException rejected = (AppendRejectedException) e;
                        assertThat(rejected.errorCode()).isEqualTo(AppendErrorCode.INVALID_DATA);
                        assertThat(rejected.errorMessage()).startsWith("Catalog Error: Table with name no_such_table");
                    })
                    .verify(Duration.ofSeconds(30));
        }
    }

    @Test
    void anAcceptedAppendCompletesWithTheAnswer() {
        TableRef t = table();
        StepVerifier.create(client.append(AppendOptions.of(t, true), List.of(Map.of("id", 1, "kind", "a"))))
                .assertNext(r -> {
                    assertThat(r.ok()).isTrue();
                    assertThat(r.errorCode()).isNull();
                    assertThat(r.taskId()).isNotNull();
                })
                .verifyComplete();
        assertThat(count(t)).isEqualTo(1);
        String taskId = client.append(AppendOptions.of(t), Map.of("id", 2, "kind", "b"))
                .map(r -> {
                    assertThat(r.ok()).isTrue();
                    return r.taskId();
                })
                .block(Duration.ofSeconds(30));
        StepVerifier.create(client.awaitTask(taskId, Duration.ofSeconds(30)))
                .assertNext(status -> assertThat(status.status()).isEqualTo(TaskState.COMPLETED))
                .verifyComplete();
        assertThat(count(t)).isEqualTo(2);
    }
}
