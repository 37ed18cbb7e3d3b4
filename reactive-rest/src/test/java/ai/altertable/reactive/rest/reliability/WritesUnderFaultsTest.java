package ai.altertable.reactive.rest.reliability;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.RowFormat;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes under faults after the server committed: {@code status-after} (the write runs, then its answer is replaced by
 * a 5xx) and {@code close-after-bytes} on a write (the write runs, then the connection is reset before or during its
 * answer). A seeded third of the batches of a batched append get one of them.
 *
 * <ul>
 *   <li>Default, at-most-once: every batch is sent exactly once; the faulted ones are reported failed (typed, with
 *       their rows) although the server has them, and the table holds every row once: no duplicates.</li>
 *   <li>At-least-once (opt-in): every faulted batch is re-sent once and succeeds; its result says so
 *       ({@link BatchResult#resent()}, {@link BatchSummary#resentBatches()}), and exactly its rows are in the table
 *       twice.</li>
 *   <li>Uploads and upserts (always at-most-once): a 5xx or a reset after commit is a typed error, the request is not
 *       repeated, the rows are there once.</li>
 * </ul>
 * The batches are written one at a time, so the queue of fault plans lines up with them: a plan per request, a plan
 * that does nothing for the requests left alone.
 */
@ExtendWith(ReliabilitySeed.class)
class WritesUnderFaultsTest {

    static final int BATCHES = 60;
    static final int ROWS_PER_BATCH = 50;

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(2))
                        .maxBackoff(Duration.ofMillis(10)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    record Event(long id, String user, String kind) {
    }

    enum Fault {
        STATUS_500, STATUS_502, STATUS_503, RESET, CUT_ANSWER;

        FaultPlan plan(String path, Random random) {
            FaultPlan.Builder b = FaultPlan.builder().path(path);
            switch (this) {
                case STATUS_500: return b.statusAfter(500).build();
                case STATUS_502: return b.statusAfter(502).build();
                case STATUS_503: return b.statusAfter(503).build();
                case RESET: return b.closeAfterBytes(0).build();
                default: return b.closeAfterBytes(1 + random.nextInt(8)).build();
            }
        }
    }

    private static TableRef table(String name) {
        client.query("CREATE OR REPLACE TABLE " + name + " (id BIGINT, user VARCHAR, kind VARCHAR)")
                .blockLast(Duration.ofSeconds(30));
        return TableRef.of("memory", "main", name);
    }

    private static long scalar(String sql) {
        return client.query(sql).map(r -> r.getLong(0)).blockLast(Duration.ofSeconds(30));
    }

    /** The seeded faults, by batch index (absent: no fault). */
    private static Fault[] faults(String stream) {
        Random random = ReliabilitySeed.random(stream);
        Fault[] faults = new Fault[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            if (random.nextInt(3) == 0) {
                faults[i] = Fault.values()[random.nextInt(Fault.values().length)];
            }
        }
        return faults;
    }

    private static Flux<Event> events() {
        return Flux.range(0, BATCHES * ROWS_PER_BATCH).map(i -> new Event(i, "u" + (i % 5), "k"));
    }

    private static BatchingOptions.Builder batching() {
        return BatchingOptions.builder().maxRows(ROWS_PER_BATCH).maxInFlight(1).linger(Duration.ofSeconds(30));
    }

    @Test
    void atMostOnceNeverDuplicatesARowCommittedBeforeTheFault() {
        TableRef t = table("amo_faults");
        Fault[] faults = faults("writes-amo");
        Random random = ReliabilitySeed.random("writes-amo-bytes");
        long before = mock.requestCount("/append");
        for (Fault f : faults) { // one request per batch: never re-sent
            mock.faults().add(f == null ? FaultPlan.builder().path("/append").build() : f.plan("/append", random));
        }
        List<BatchResult<AppendResponse>> results = client.appendAll(AppendOptions.of(t, true), events(),
                        batching().errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build())
                .collectList().block(Duration.ofMinutes(1));
        mock.faults().clear();

        Set<Long> faulted = indexes(faults);
        assertThat(results).hasSize(BATCHES);
        assertThat(results).allSatisfy(r -> assertThat(r.attempts()).as("batch " + r.index()).isEqualTo(1));
        assertThat(results).filteredOn(r -> !r.isSuccess()).extracting(BatchResult::index)
                .containsExactlyElementsOf(faulted);
        assertThat(results).filteredOn(r -> !r.isSuccess()).allSatisfy(r -> assertThat(r.error())
                .isInstanceOfAny(ApiException.class, NetworkException.class));
        assertThat(mock.requestCount("/append") - before).isEqualTo(BATCHES);
        // the server committed every batch, the faulted ones included, and none twice
        assertThat(scalar("SELECT count(*) FROM amo_faults")).isEqualTo(BATCHES * ROWS_PER_BATCH);
        assertThat(scalar("SELECT count(DISTINCT id) FROM amo_faults")).isEqualTo(BATCHES * ROWS_PER_BATCH);

        System.out.printf("[reliability] writes, at-most-once (%s): %d batches, %d faults after commit %s; %d "
                        + "reported failed, 0 re-sent, 0 duplicate rows%n", ReliabilitySeed.reproduce(), BATCHES,
                faulted.size(), histogram(faults), results.stream().filter(r -> !r.isSuccess()).count());
    }

    @Test
    void atMostOnceFailFastNamesTheBatchAndItsSingleAttempt() {
        TableRef t = table("amo_fail_fast");
        mock.faults().add(FaultPlan.builder().path("/append").build());
        mock.faults().add(FaultPlan.builder().path("/append").statusAfter(503).build());
        assertThatThrownBy(() -> client.appendAll(AppendOptions.of(t, true), events().take(3L * ROWS_PER_BATCH),
                        batching().build()).blockLast(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(BatchFailedException.class, e -> {
                    assertThat(e.batchIndex()).isEqualTo(1);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("rows 50-99").doesNotContain("attempts");
                    assertThat(e.getCause()).isInstanceOf(ApiException.class);
                });
        mock.faults().clear();
        assertThat(scalar("SELECT count(*) FROM amo_fail_fast")).isEqualTo(2L * ROWS_PER_BATCH);
    }

    @Test
    void atLeastOnceResendsEveryFaultedBatchAndSaysSo() {
        TableRef t = table("alo_faults");
        Fault[] faults = faults("writes-alo");
        Random random = ReliabilitySeed.random("writes-alo-bytes");
        long before = mock.requestCount("/append");
        for (Fault f : faults) { // a faulted batch is sent twice: the fault, then the re-send, left alone
            if (f != null) {
                mock.faults().add(f.plan("/append", random));
            }
            mock.faults().add(FaultPlan.builder().path("/append").build());
        }
        List<BatchResult<AppendResponse>> results = client.appendAll(AppendOptions.of(t, true), events(),
                        batching().deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build())
                .collectList().block(Duration.ofMinutes(1));
        mock.faults().clear();

        Set<Long> faulted = indexes(faults);
        assertThat(results).hasSize(BATCHES).allMatch(BatchResult::isSuccess);
        assertThat(results).filteredOn(BatchResult::resent).extracting(BatchResult::index)
                .containsExactlyElementsOf(faulted);
        assertThat(results).filteredOn(BatchResult::resent).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(2));
        BatchSummary summary = Batcher.summarize(Flux.fromIterable(results)).block(Duration.ofSeconds(5));
        assertThat(summary.resentBatches()).isEqualTo(faulted.size());
        assertThat(mock.requestCount("/append") - before).isEqualTo(BATCHES + faulted.size());

        // exactly the rows of the re-sent batches are there twice
        long total = BATCHES * ROWS_PER_BATCH;
        assertThat(scalar("SELECT count(DISTINCT id) FROM alo_faults")).isEqualTo(total);
        assertThat(scalar("SELECT count(*) FROM alo_faults")).isEqualTo(total + faulted.size() * ROWS_PER_BATCH);
        List<Long> twice = client.query("SELECT DISTINCT id // " + ROWS_PER_BATCH + " AS b FROM alo_faults "
                        + "GROUP BY id HAVING count(*) = 2 ORDER BY b").map(r -> r.getLong(0)).collectList()
                .block(Duration.ofSeconds(30));
        assertThat(twice).containsExactlyElementsOf(faulted);
        System.out.printf("[reliability] writes, at-least-once (%s): %d batches, %d faults after commit %s; all "
                        + "re-sent once and reported (resentBatches=%d), %d duplicate rows, all theirs%n",
                ReliabilitySeed.reproduce(), BATCHES, faulted.size(), histogram(faults), summary.resentBatches(),
                faulted.size() * ROWS_PER_BATCH);
    }

    @Test
    void uploadsAndUpsertsAreNotRepeatedAfterAFaultAfterCommit() {
        Random random = ReliabilitySeed.random("writes-upload");
        int runs = 0;
        for (Fault fault : List.of(Fault.STATUS_500, Fault.STATUS_502, Fault.STATUS_503, Fault.RESET)) {
            // (their answers are empty: there is nothing to cut part way, so no CUT_ANSWER)
            String name = "up_" + fault.name().toLowerCase();
            TableRef t = table(name);
            long uploads = mock.requestCount("/upload");
            mock.faults().add(fault.plan("/upload", random));
            Throwable upload = error(client.upload(UploadOptions.of(t, UploadMode.APPEND),
                    events().take(100), RowFormat.NDJSON, null));
            assertThat(upload).as(fault + " on /upload").isInstanceOfAny(ApiException.class, NetworkException.class);
            assertThat(mock.requestCount("/upload") - uploads).as(fault + ": /upload requests").isEqualTo(1);
            assertThat(scalar("SELECT count(*) FROM " + name)).as(fault + ": rows after the upload").isEqualTo(100);

            long upserts = mock.requestCount("/upsert");
            mock.faults().add(fault.plan("/upsert", random));
            Throwable upsert = error(client.upsert(UpsertOptions.of(t, "id"),
                    events().skip(50).take(100).map(e -> new Event(e.id(), "changed", e.kind())), RowFormat.NDJSON,
                    null));
            assertThat(upsert).as(fault + " on /upsert").isInstanceOfAny(ApiException.class, NetworkException.class);
            assertThat(mock.requestCount("/upsert") - upserts).as(fault + ": /upsert requests").isEqualTo(1);
            assertThat(scalar("SELECT count(*) FROM " + name)).as(fault + ": rows after the upsert").isEqualTo(150);
            assertThat(scalar("SELECT count(*) FROM " + name + " WHERE user = 'changed'")).isEqualTo(100);
            runs += 2;
        }
        mock.faults().clear();
        System.out.printf("[reliability] writes, uploads and upserts (%s): %d faults after commit, each one typed "
                + "error, one request, rows once%n", ReliabilitySeed.reproduce(), runs);
    }

    private static Throwable error(reactor.core.publisher.Mono<Void> write) {
        try {
            write.block(Duration.ofSeconds(30));
        } catch (AltertableException e) {
            return e;
        }
        return null;
    }

    private static Set<Long> indexes(Fault[] faults) {
        Set<Long> out = new TreeSet<>();
        for (int i = 0; i < faults.length; i++) {
            if (faults[i] != null) {
                out.add((long) i);
            }
        }
        return out;
    }

    private static String histogram(Fault[] faults) {
        java.util.Map<Fault, Integer> counts = new java.util.EnumMap<>(Fault.class);
        for (Fault f : faults) {
            if (f != null) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        return counts.toString();
    }
}
