package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one retry rule of every upload and upsert: repeated only when the server provably did not process it, and a
 * publisher it reads is subscribed at most once (a file is read again).
 */
class UploadRetryRuleTest {

    static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20)).build();
    static final TableRef TABLE = TableRef.of("memory", "main", "retry_rule");

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        client = LakehouseClient.create(LakehouseClientOptions.builder().baseUrl(mock.baseUrl())
                .credentials(mock.credentials()).retryPolicy(FAST).build());
        client.query("CREATE TABLE retry_rule (id INTEGER PRIMARY KEY, name VARCHAR)").blockLast();
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    record Item(int id, String name) {
    }

    /** The four overloads that read a caller's publisher: bytes or rows, upload or upsert. */
    enum PublisherUpload {
        UPLOAD_BYTES("/upload") {
            @Override
            Mono<Void> run(LakehouseClient c, Flux<Integer> ids) {
                return c.upload(UploadOptions.of(TABLE, UploadMode.APPEND), ids.map(UploadRetryRuleTest::ndjson),
                        "application/json");
            }
        },
        UPLOAD_ROWS("/upload") {
            @Override
            Mono<Void> run(LakehouseClient c, Flux<Integer> ids) {
                return c.upload(UploadOptions.of(TABLE, UploadMode.APPEND), ids.map(i -> new Item(i, "n" + i)),
                        RowFormat.NDJSON, null);
            }
        },
        UPSERT_BYTES("/upsert") {
            @Override
            Mono<Void> run(LakehouseClient c, Flux<Integer> ids) {
                return c.upsert(UpsertOptions.of(TABLE, "id"), ids.map(UploadRetryRuleTest::ndjson),
                        "application/json");
            }
        },
        UPSERT_ROWS("/upsert") {
            @Override
            Mono<Void> run(LakehouseClient c, Flux<Integer> ids) {
                return c.upsert(UpsertOptions.of(TABLE, "id"), ids.map(i -> new Item(i, "n" + i)), RowFormat.CSV,
                        null);
            }
        };

        final String route;

        PublisherUpload(String route) {
            this.route = route;
        }

        abstract Mono<Void> run(LakehouseClient c, Flux<Integer> ids);
    }

    @ParameterizedTest
    @EnumSource(PublisherUpload.class)
    void aFailedFirstAttemptDeliversItsErrorAndTheSourceIsSubscribedExactlyOnce(PublisherUpload upload) {
        AtomicInteger subscriptions = new AtomicInteger();
        int base = 1000 * (upload.ordinal() + 1);
        Flux<Integer> ids = Flux.range(base, 10).doOnSubscribe(s -> subscriptions.incrementAndGet());
        long before = mock.requestCount(upload.route);
        mock.faults().failNext(1, upload.route, 429); // proves the request was not processed: retryable for a file

        StepVerifier.create(upload.run(client, ids))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                        .extracting(t -> ((ApiException) t).status()).isEqualTo(429))
                .verify(Duration.ofSeconds(30));

        assertThat(subscriptions).hasValue(1);
        assertThat(mock.requestCount(upload.route) - before).isEqualTo(1);
        assertThat(rowsBetween(base, base + 10)).isZero();
    }

    @ParameterizedTest
    @EnumSource(PublisherUpload.class)
    void aPublisherFedUploadIsRepeatedOnlyWhileItsSourceWasNeverSubscribed(PublisherUpload upload) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AtomicInteger subscriptions = new AtomicInteger();
        Flux<Integer> ids = Flux.range(0, 10).doOnSubscribe(s -> subscriptions.incrementAndGet());
        try (LakehouseClient nowhere = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl("http://127.0.0.1:" + closedPort).credentials(Credentials.basic("a", "b"))
                .retryPolicy(FAST).build())) {
            StepVerifier.create(upload.run(nowhere, ids))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(NetworkException.class);
                        assertThat(((NetworkException) e).requestSent()).isFalse();
                        assertThat(e.getSuppressed()).as("the earlier attempts").hasSize(FAST.maxAttempts() - 1);
                    })
                    .verify(Duration.ofSeconds(30));
        }
        assertThat(subscriptions).hasValue(0);
    }

    @Test
    void aFileIsReadAgainWhenTheServerProvablyDidNotProcessIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rows.ndjson"),
                "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n", StandardCharsets.UTF_8);
        long before = mock.requestCount("/upload");
        mock.faults().failNext(1, "/upload", 429);

        StepVerifier.create(client.upload(UploadOptions.of(TABLE, UploadMode.APPEND), file, null))
                .expectComplete().verify(Duration.ofSeconds(30));

        assertThat(mock.requestCount("/upload") - before).isEqualTo(2);
        assertThat(rowsBetween(1, 3)).as("rows 1 and 2, written once").isEqualTo(2);
    }

    @Test
    void aFileUploadIsNotRepeatedAfterTheServerMayHaveProcessedIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rows.ndjson"), "{\"id\":500,\"name\":\"x\"}\n",
                StandardCharsets.UTF_8);
        long before = mock.requestCount("/upload");
        mock.faults().failNext(1, "/upload", 503);

        StepVerifier.create(client.upload(UploadOptions.of(TABLE, UploadMode.APPEND), file, null))
                .expectError(ApiException.class).verify(Duration.ofSeconds(30));

        assertThat(mock.requestCount("/upload") - before).isEqualTo(1);
    }

    static ByteBuffer ndjson(int id) {
        return ByteBuffer.wrap(("{\"id\":" + id + ",\"name\":\"n" + id + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Rows with {@code from <= id < to}. */
    static long rowsBetween(int from, int to) {
        return client.query("SELECT count(*) FROM retry_rule WHERE id >= " + from + " AND id < " + to)
                .map(r -> r.getLong(0))
                .blockLast(Duration.ofSeconds(30));
    }
}
