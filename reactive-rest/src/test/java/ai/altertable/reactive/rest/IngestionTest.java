package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Batched appends, the shared appender, tasks and streamed uploads against the mock. */
class IngestionTest {

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    record Event(long id, String user, String kind) {
    }

    private static TableRef table(String name) {
        client.query("CREATE OR REPLACE TABLE " + name + " (id BIGINT, user VARCHAR, kind VARCHAR)").blockLast();
        return TableRef.of("memory", "main", name);
    }

    private static long count(String table) {
        return client.query("SELECT count(*) FROM " + table).map(r -> r.getLong(0)).blockLast(Duration.ofSeconds(60));
    }

    private static long distinct(String table) {
        return client.query("SELECT count(DISTINCT id) FROM " + table).map(r -> r.getLong(0)).blockLast(Duration.ofSeconds(60));
    }

    @Test
    void aFluxOfRecordsBecomesFewBatchedWritesInOrder() {
        TableRef t = table("events_batched");
        // a linger longer than the test: batches are cut by rows only, however slowly the machine encodes them
        BatchingOptions opts = BatchingOptions.builder().maxRows(1000).maxInFlight(3)
                .linger(Duration.ofMinutes(1)).build();
        StepVerifier.create(client.appendAll(AppendOptions.of(t, true),
                                Flux.range(0, 10_500).map(i -> new Event(i, "u" + (i % 7), "view")), opts)
                        .collectList())
                .assertNext(results -> {
                    assertThat(results).extracting(BatchResult::rows)
                            .containsExactly(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 500);
                    assertThat(results).extracting(BatchResult::index).isSorted();
                    assertThat(results).allMatch(BatchResult::isSuccess);
                    assertThat(results.stream().mapToLong(BatchResult::rows).sum()).isEqualTo(10_500);
                    assertThat(results.get(0).ack().ok()).isTrue();
                })
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(count("events_batched")).isEqualTo(10_500);
    }

    @Test
    void aMillionRowsStreamThroughBoundedMemory() {
        TableRef t = table("events_million");
        AtomicLong requested = new AtomicLong();
        AtomicLong produced = new AtomicLong();
        long rows = 1_000_000;
        BatchingOptions opts = BatchingOptions.builder().maxRows(20_000).maxInFlight(2).build();
        Flux<Map<String, Object>> source = Flux.range(0, (int) rows)
                .doOnRequest(n -> requested.set(Math.min(Long.MAX_VALUE / 2, requested.get() + n)))
                .map(i -> {
                    produced.incrementAndGet();
                    return Map.<String, Object>of("id", i, "user", "u", "kind", "k");
                });
        StepVerifier.create(Batcher.summarize(client.appendAll(AppendOptions.of(t, true), source, opts)))
                .assertNext(s -> {
                    assertThat(s.rows()).isEqualTo(rows);
                    assertThat(s.isComplete()).isTrue();
                })
                .expectComplete().verify(Duration.ofMinutes(3));
        assertThat(count("events_million")).isEqualTo(rows);
        // demand never ran ahead of the batches in flight: bounded by (maxInFlight + buffer) * maxRows, far below rows
        assertThat(requested.get() - produced.get()).isLessThanOrEqualTo(3L * 20_000);
    }

    @Test
    void injectedFaultsLoseABatchUnderAtMostOnceButNeverDuplicate() {
        TableRef t = table("events_faulty");
        BatchingOptions opts = BatchingOptions.builder().maxRows(100).maxInFlight(1)
                .errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build();
        mock.faults().add(FaultPlan.builder().status(503).path("/append").times(2).build());
        StepVerifier.create(Batcher.summarize(client.appendAll(AppendOptions.of(t, true),
                        Flux.range(0, 1000).map(i -> new Event(i, "u", "k")), opts)))
                .assertNext(s -> {
                    assertThat(s.failedBatches()).isEqualTo(2);
                    assertThat(s.rows()).isEqualTo(800);
                    assertThat(s.failures()).allMatch(f -> f.error() instanceof ai.altertable.reactive.core.ApiException);
                })
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(count("events_faulty")).isEqualTo(800);
        assertThat(distinct("events_faulty")).isEqualTo(800);
    }

    @Test
    void atLeastOnceResendsFailedBatchesAndSaysSo() {
        TableRef t = table("events_resent");
        BatchingOptions opts = BatchingOptions.builder().maxRows(100).maxInFlight(1)
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
        mock.faults().add(FaultPlan.builder().status(503).path("/append").times(2).build());
        StepVerifier.create(Batcher.summarize(client.appendAll(AppendOptions.of(t, true),
                        Flux.range(0, 1000).map(i -> new Event(i, "u", "k")), opts)))
                .assertNext(s -> assertThat(s.rows()).isEqualTo(1000))
                .expectComplete().verify(Duration.ofSeconds(60));
        // a 503 from the fault never reached the table, so here nothing was duplicated either
        assertThat(count("events_resent")).isEqualTo(1000);
    }

    @Test
    void aRefusedBatchNamesItsRows() {
        TableRef t = table("events_refused");
        StepVerifier.create(client.appendAll(AppendOptions.of(t, true),
                        Flux.just(Map.of("id", 1, "nope", "x")), BatchingOptions.defaults()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("rows 0-0");
                    assertThat(e.getCause()).isInstanceOf(AppendRejectedException.class);
                    assertThat(((AppendRejectedException) e.getCause()).errorCode())
                            .isEqualTo(AppendErrorCode.INCOMPATIBLE_SCHEMA);
                })
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void thousandConcurrentCallersShareFewBatchesAndAllComplete() {
        TableRef t = table("events_shared");
        TableAppender<Event> appender = client.appender(AppendOptions.of(t, true),
                // a linger longer than the test: both batches are cut by rows, whenever the callers arrive
                BatchingOptions.builder().maxRows(500).linger(Duration.ofMinutes(1)).build(), 10_000,
                CoalescingAppender.Overflow.WAIT);
        long before = mock.requestCount("/append");
        StepVerifier.create(Flux.range(0, 1000)
                        .flatMap(i -> appender.append(new Event(i, "u" + i, "click")).subscribeOn(Schedulers.parallel()), 1000)
                        .collectList())
                .assertNext(acks -> assertThat(acks).hasSize(1000).allMatch(AppendResponse::ok))
                .expectComplete().verify(Duration.ofSeconds(60));
        long requests = mock.requestCount("/append") - before;
        assertThat(requests).as("1,000 callers in batches of 500").isEqualTo(2);
        StepVerifier.create(appender.closeGracefully()).expectComplete().verify(Duration.ofSeconds(30));
        assertThat(count("events_shared")).isEqualTo(1000);
    }

    @Test
    void asyncAppendTaskIsAwaited() {
        TableRef t = table("events_async");
        String taskId = client.append(AppendOptions.of(t), java.util.List.of(Map.of("id", 1, "user", "u", "kind", "k")))
                .map(AppendResponse::taskId).block(Duration.ofSeconds(30));
        StepVerifier.create(client.awaitTask(taskId, Duration.ofSeconds(30)))
                .assertNext(s -> assertThat(s.status()).isEqualTo(TaskState.COMPLETED))
                .expectComplete().verify(Duration.ofSeconds(30));
        assertThat(count("events_async")).isEqualTo(1);
    }

    @Test
    void uploadsAndUpsertsEncodeRowsOnTheFlyWithProgress() {
        TableRef t = TableRef.of("memory", "main", "uploaded");
        AtomicLong progress = new AtomicLong();
        StepVerifier.create(client.upload(UploadOptions.of(t, UploadMode.CREATE),
                        Flux.range(0, 50_000).map(i -> new Event(i, "user-" + i, i % 2 == 0 ? "a,b" : "say \"hi\"")),
                        RowFormat.CSV, progress::set))
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(count("uploaded")).isEqualTo(50_000);
        assertThat(progress.get()).isGreaterThan(50_000L * 10);
        StepVerifier.create(client.query("SELECT kind FROM uploaded WHERE id IN (0, 1) ORDER BY id").map(r -> r.getString(0)))
                .expectNext("a,b", "say \"hi\"").expectComplete().verify(Duration.ofSeconds(30));
        StepVerifier.create(client.upsert(UpsertOptions.of(t, "id"),
                        Flux.just(new Event(1, "changed", "k"), new Event(50_000, "new", "k")), RowFormat.NDJSON, null))
                .expectComplete().verify(Duration.ofSeconds(60));
        assertThat(count("uploaded")).isEqualTo(50_001);
        StepVerifier.create(client.query("SELECT user FROM uploaded WHERE id = 1").map(r -> r.getString(0)))
                .expectNext("changed").expectComplete().verify(Duration.ofSeconds(30));
    }

}
