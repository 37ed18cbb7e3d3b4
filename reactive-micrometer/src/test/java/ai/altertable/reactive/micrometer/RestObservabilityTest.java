package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ObservedTraceparent;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters, observations and traceparent of the REST client, against the mock. */
class RestObservabilityTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static AltertableMock mock;

    SimpleMeterRegistry meters;
    TestObservationRegistry observations;
    LakehouseClient client;

    @BeforeAll
    static void startMock() {
        mock = AltertableMock.start();
    }

    @AfterAll
    static void stopMock() {
        mock.close();
    }

    @BeforeEach
    void startClient() {
        meters = new SimpleMeterRegistry();
        observations = TestObservationRegistry.create();
        client = client(MicrometerObservability.builder().meterRegistry(meters).observationRegistry(observations)
                .build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    static LakehouseClient client(ClientObservability observability) {
        return LakehouseClient.create(LakehouseClientOptions.builder().baseUrl(mock.baseUrl())
                .credentials(mock.credentials()).observability(observability)
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20))
                        .build())
                .build());
    }

    double timerCount(String operation, String outcome, String statusClass) {
        var timer = meters.find("altertable.client.operation.duration").tags("operation", operation,
                "transport", "rest", "outcome", outcome, "status.class", statusClass).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aQueryIsOneObservationWithItsRowsAndTimers() {
        StepVerifier.create(client.query("SELECT * FROM range(10)")).expectNextCount(10).expectComplete()
                .verify(TIMEOUT);

        assertThat(timerCount("query", "success", "none")).isEqualTo(1);
        assertThat(meters.get("altertable.client.first.row").tags("operation", "query", "transport", "rest").timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("altertable.client.rows.received").tags("operation", "query").counter().count())
                .isEqualTo(10);
        assertThat(meters.get("altertable.client.bytes.received").tags("operation", "query").counter().count())
                .isPositive();
        assertThat(meters.get("altertable.client.streams.open").tags("transport", "rest").gauge().value()).isZero();
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(1)
                .hasSingleObservationThat().hasNameEqualTo("altertable.client.request")
                .hasContextualNameEqualTo("rest query").hasBeenStarted().hasBeenStopped()
                .hasLowCardinalityKeyValue("operation", "query").hasLowCardinalityKeyValue("transport", "rest")
                .hasLowCardinalityKeyValue("outcome", "success").hasLowCardinalityKeyValue("status.class", "none")
                .hasHighCardinalityKeyValue("rows.received", "10")
                .hasHighCardinalityKeyValueWithKey("query.id")
                .doesNotHaveHighCardinalityKeyValueWithKey("db.statement")
                .doesNotHaveError();
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void nothingStartsForAPublisherNeverSubscribedAndEachSubscriptionIsOneObservation() {
        var query = client.query("SELECT 1");
        var append = client.appendAll(AppendOptions.of(TableRef.of("memory", "main", "never"), true),
                Flux.just(new Event(1)), BatchingOptions.defaults());
        TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
        assertThat(meters.find("altertable.client.operation.duration").timers()).isEmpty();

        StepVerifier.create(query).expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(query).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(timerCount("query", "success", "none")).isEqualTo(2);
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(2);
        assertThat(append).isNotNull();
    }

    @Test
    void aCancelledQueryIsCancelledNotAnError() {
        StepVerifier.create(client.query("SELECT * FROM range(100000000)"), 1).expectNextCount(1).thenCancel()
                .verify(TIMEOUT);

        assertThat(timerCount("query", "cancelled", "none")).isEqualTo(1);
        assertThat(timerCount("query", "error", "none")).isZero();
        assertThat(meters.get("altertable.client.cancels.sent").tags("operation", "query").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("altertable.client.streams.open").tags("transport", "rest").gauge().value()).isZero();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "cancelled").doesNotHaveError();
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void aFailedQueryIsAnErrorWithItsStatusClass() {
        mock.faults().failNext(1, "/query", 400); // a status answer (not retried)
        StepVerifier.create(client.query("SELECT 1")).expectError().verify(TIMEOUT);

        assertThat(timerCount("query", "error", "4xx")).as(meters.getMetersAsString()).isEqualTo(1);
        assertThat(meters.find("altertable.client.first.row").timer()).isNull();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "error").hasLowCardinalityKeyValue("status.class", "4xx")
                .hasError();
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void anErrorInsideTheStreamHasNoStatusClass() {
        StepVerifier.create(client.query("SELECT * FROM no_such_table")).expectError().verify(TIMEOUT);

        assertThat(timerCount("query", "error", "none")).isEqualTo(1);
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue("outcome", "error").hasError();
    }

    @Test
    void aBatchedAppendCountsWrittenFailedAndResentBatches() {
        client.query("CREATE OR REPLACE TABLE obs_events (id BIGINT)").blockLast(TIMEOUT);
        observations.clear();
        meters.clear();
        BatchingOptions batching = BatchingOptions.builder().maxRows(100).maxInFlight(1)
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build();
        // the first batch: a 503 (re-sent), then a 400 (failed for good); the four others are written
        mock.faults().failNext(1, "/append", 503).failNext(1, "/append", 400);
        List<BatchResult<?>> results = client.appendAll(AppendOptions.of(TableRef.of("memory", "main", "obs_events"),
                        true), Flux.range(0, 500).map(i -> new Event(i)), batching)
                .collectList().<List<BatchResult<?>>>map(List::copyOf).block(TIMEOUT);
        assertThat(results).hasSize(5);
        assertThat(results.get(0).error()).isNotNull();

        assertThat(meters.get("altertable.client.batches.written").tags("operation", "append").counter().count())
                .isEqualTo(4);
        assertThat(meters.get("altertable.client.batch.rows").tags("operation", "append").summary().totalAmount())
                .isEqualTo(400);
        assertThat(meters.get("altertable.client.batches.failed").tags("operation", "append", "status.class", "4xx")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("altertable.client.batches.resent").tags("operation", "append").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("altertable.client.rows.sent").tags("operation", "append").counter().count())
                .isEqualTo(400);
        // each attempt is one observation: 5 batches, one of them sent twice
        assertThat(timerCount("append", "success", "none")).isEqualTo(4);
        assertThat(timerCount("append", "error", "5xx")).isEqualTo(1);
        assertThat(timerCount("append", "error", "4xx")).isEqualTo(1);
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(6)
                .forAllObservationsWithNameEqualTo("altertable.client.request",
                        o -> o.hasLowCardinalityKeyValue("operation", "append"));
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void theTableTagIsOnlyThereWhenOptedIn() {
        client.query("CREATE OR REPLACE TABLE obs_tagged (id BIGINT)").blockLast(TIMEOUT);
        SimpleMeterRegistry tagged = new SimpleMeterRegistry();
        try (LakehouseClient withTable = client(MicrometerObservability.builder().meterRegistry(tagged)
                .tableTag(true).build())) {
            withTable.appendAll(AppendOptions.of(TableRef.of("memory", "main", "obs_tagged"), true),
                    Flux.range(0, 10).map(i -> new Event(i)), BatchingOptions.defaults()).blockLast(TIMEOUT);
        }
        assertThat(tagged.get("altertable.client.batches.written").counter().getId().getTag("table")).isNotNull();
        assertThat(meters.find("altertable.client.batches.written").counters()).allSatisfy(c ->
                assertThat(c.getId().getTag("table")).isNull());
    }

    @Test
    void theSharedAppenderReportsItsQueueDepthAndWaitingCallers() throws Exception {
        client.query("CREATE OR REPLACE TABLE obs_shared (id BIGINT)").blockLast(TIMEOUT);
        var appender = client.<Event>appender(AppendOptions.of(TableRef.of("memory", "main", "obs_shared"), true),
                BatchingOptions.builder().maxRows(10).linger(Duration.ofMinutes(10)).build(), 10,
                ai.altertable.reactive.core.batch.CoalescingAppender.Overflow.WAIT);
        var depth = meters.get("altertable.client.appender.queue.depth").tags("operation", "append").gauge();
        var waiting = meters.get("altertable.client.appender.waiting").tags("operation", "append").gauge();
        assertThat(depth.value()).isZero();
        for (int i = 0; i < 5; i++) { // fewer than a batch, and a linger longer than the test: they stay queued
            appender.append(new Event(i)).subscribe(r -> { }, e -> { });
        }
        assertThat(depth.value()).isEqualTo(5);
        assertThat(waiting.value()).isZero();
        appender.close();
        assertThat(depth.value()).isZero();
    }

    @Test
    void theSharedAppenderCountsWrittenAndFailedBatchesOncePerBatch() {
        client.query("CREATE OR REPLACE TABLE obs_shared_batches (id BIGINT)").blockLast(TIMEOUT);
        meters.clear();
        var appender = client.<Event>appender(AppendOptions.of(TableRef.of("memory", "main", "obs_shared_batches"),
                        true), BatchingOptions.builder().maxRows(10).linger(Duration.ofHours(1)).build(), 10,
                ai.altertable.reactive.core.batch.CoalescingAppender.Overflow.WAIT);
        // batches are cut by rows only (the linger never ends within the test): each group of 10 callers is exactly one
        // batch however slowly the callers arrive on a loaded machine (a 20 ms linger cut one group in two there)
        try {
            mock.faults().failNext(1, "/append", 400);
            // the first batch of 10 callers is refused (400, failed for good: at most once), the second is written
            List<Boolean> first = Flux.range(0, 10).flatMap(i -> appender.append(new Event(i))
                    .map(r -> true).onErrorResume(e -> reactor.core.publisher.Mono.just(false))).collectList()
                    .block(TIMEOUT);
            List<Boolean> second = Flux.range(10, 10).flatMap(i -> appender.append(new Event(i))
                    .map(r -> true)).collectList().block(TIMEOUT);
            assertThat(first).hasSize(10).containsOnly(false);
            assertThat(second).hasSize(10).containsOnly(true);
        } finally {
            appender.close();
        }
        assertThat(meters.get("altertable.client.batches.written").tags("operation", "append").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("altertable.client.batch.rows").tags("operation", "append").summary().count())
                .isEqualTo(1);
        assertThat(meters.get("altertable.client.batch.rows").tags("operation", "append").summary().totalAmount())
                .isEqualTo(10);
        assertThat(meters.get("altertable.client.batches.failed").tags("operation", "append", "status.class", "4xx")
                .counter().count()).isEqualTo(1);
        assertThat(meters.find("altertable.client.batches.resent").counters()).allSatisfy(c ->
                assertThat(c.count()).isZero());
        assertThat(meters.get("altertable.client.rows.sent").tags("operation", "append").counter().count())
                .isEqualTo(10);
        assertThat(timerCount("append", "success", "none")).isEqualTo(1);
        assertThat(timerCount("append", "error", "4xx")).isEqualTo(1);
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void traceparentReachesTheServerWhenATracingHandlerWritesOne() {
        observations.observationConfig().observationHandler(new FixedTraceparent());
        int before = mock.traceparents().size();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);

        assertThat(mock.traceparents().subList(before, mock.traceparents().size()))
                .containsExactly(new ObservedTraceparent("rest", "/query", FixedTraceparent.VALUE));
    }

    @Test
    void withoutATracingHandlerNoTraceparentIsSent() {
        int before = mock.traceparents().size();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(mock.traceparents()).hasSize(before);
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsEqualTo(1);
    }

    @Test
    void theNoOpDefaultIsNeverCalledAndSendsNoHeader() {
        AtomicInteger calls = new AtomicInteger();
        ClientObservability disabled = new ClientObservability() {
            @Override
            public boolean isEnabled() {
                return false;
            }

            @Override
            public OperationObservation start(OperationStart start) {
                calls.incrementAndGet();
                start.headers().accept("traceparent", FixedTraceparent.VALUE);
                return OperationObservation.NONE;
            }

            @Override
            public void batchCompleted(String operation, String transport, String table, int rows, int attempts,
                                       Throwable error) {
                calls.incrementAndGet();
            }

            @Override
            public AutoCloseable appenderGauges(String operation, String transport, IntSupplier queueDepth,
                                                IntSupplier waitingCallers) {
                calls.incrementAndGet();
                return () -> { };
            }
        };
        int before = mock.traceparents().size();
        client.query("CREATE OR REPLACE TABLE obs_noop (id BIGINT)").blockLast(TIMEOUT);
        try (LakehouseClient plain = client(disabled); LakehouseClient byDefault = LakehouseClient.create(
                LakehouseClientOptions.builder().baseUrl(mock.baseUrl()).credentials(mock.credentials()).build())) {
            assertThat(byDefault.options().observability()).isSameAs(ClientObservability.none());
            for (LakehouseClient c : List.of(plain, byDefault)) {
                StepVerifier.create(c.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);
                c.appendAll(AppendOptions.of(TableRef.of("memory", "main", "obs_noop"), true),
                        Flux.range(0, 10).map(i -> new Event(i)), BatchingOptions.defaults()).blockLast(TIMEOUT);
            }
        }
        assertThat(calls).hasValue(0);
        assertThat(mock.traceparents()).hasSize(before);
    }

    record Event(long id) {
    }
}
