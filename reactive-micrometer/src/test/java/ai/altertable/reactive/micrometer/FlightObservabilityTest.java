package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.TableDefinition;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ObservedTraceparent;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Meters, observations and traceparent of the Flight client, against the mock's Flight SQL server. */
class FlightObservabilityTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final AtomicInteger TABLES = new AtomicInteger();

    static AltertableMock mock;

    SimpleMeterRegistry meters;
    TestObservationRegistry observations;
    LakehouseFlightClient client;

    record Event(long id) {
    }

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

    static LakehouseFlightClient client(ClientObservability observability) {
        return LakehouseFlightClient.create(FlightClientOptions.builder().endpoint(mock.flightUri())
                .credentials(mock.credentials()).observability(observability).build());
    }

    double timerCount(String operation, String outcome) {
        var timer = meters.find("altertable.client.operation.duration").tags("operation", operation,
                "transport", "flight", "outcome", outcome, "status.class", "none").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aFlightQueryIsOneObservationWithItsRows() {
        StepVerifier.create(client.query("SELECT * FROM range(10)")).expectNextCount(10).expectComplete()
                .verify(TIMEOUT);

        assertThat(timerCount("flightQuery", "success")).as(meters.getMetersAsString()).isEqualTo(1);
        assertThat(meters.get("altertable.client.first.row").tags("operation", "flightQuery", "transport", "flight")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("altertable.client.rows.received").tags("operation", "flightQuery").counter().count())
                .isEqualTo(10);
        assertThat(meters.get("altertable.client.streams.open").tags("transport", "flight").gauge().value()).isZero();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasContextualNameEqualTo("flight flightQuery").hasBeenStarted().hasBeenStopped()
                        .hasLowCardinalityKeyValue("transport", "flight")
                        .hasLowCardinalityKeyValue("outcome", "success")
                        .hasHighCardinalityKeyValue("rows.received", "10");
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void aCancelledFlightQueryIsCancelled() {
        StepVerifier.create(client.query("SELECT * FROM range(100000000)"), 1).expectNextCount(1).thenCancel()
                .verify(TIMEOUT);

        assertThat(timerCount("flightQuery", "cancelled")).as(meters.getMetersAsString()).isEqualTo(1);
        assertThat(meters.find("altertable.client.operation.duration").tag("outcome", "error").timer()).isNull();
        assertThat(meters.get("altertable.client.cancels.sent").tags("operation", "flightQuery").counter().count())
                .isEqualTo(1);
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void aFlightIngestObservesEachBatch() {
        String table = "obs_ingest_" + TABLES.incrementAndGet();
        IngestOptions options = IngestOptions.builder(table).definition(TableDefinition.CREATE)
                .batching(BatchingOptions.builder().maxRows(100).maxInFlight(1).build()).build();
        List<BatchResult<Long>> results = client.ingestRows(options, Flux.range(0, 500).map(i -> new Event(i)),
                ArrowRowEncoder.forRecord(Event.class)).collectList().block(TIMEOUT);
        assertThat(results).hasSize(5).allMatch(BatchResult::isSuccess);

        assertThat(meters.get("altertable.client.batches.written").tags("operation", "flightIngest",
                "transport", "flight").counter().count()).isEqualTo(5);
        assertThat(meters.get("altertable.client.batch.rows").tags("operation", "flightIngest").summary()
                .totalAmount()).isEqualTo(500);
        assertThat(meters.get("altertable.client.rows.sent").tags("operation", "flightIngest").counter().count())
                .isEqualTo(500);
        assertThat(timerCount("flightIngest", "success")).isEqualTo(5);
        assertThat(meters.find("altertable.client.batches.failed").counter()).isNull();
        assertThat(meters.find("altertable.client.batches.resent").counter()).isNull();
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(
                "altertable.client.request", 5);
        MeterAssertions.assertTagKeys(meters, Set.of());
    }

    @Test
    void traceparentReachesTheFlightServerAsMetadata() {
        observations.observationConfig().observationHandler(new FixedTraceparent());
        int before = mock.traceparents().size();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);
        String table = "obs_traced_" + TABLES.incrementAndGet();
        client.ingestRows(IngestOptions.builder(table).definition(TableDefinition.CREATE).build(),
                Flux.range(0, 3).map(i -> new Event(i)), ArrowRowEncoder.forRecord(Event.class)).blockLast(TIMEOUT);

        List<ObservedTraceparent> seen = mock.traceparents().subList(before, mock.traceparents().size());
        assertThat(seen).contains(new ObservedTraceparent("flight", "GetFlightInfo", FixedTraceparent.VALUE),
                new ObservedTraceparent("flight", "DoGet", FixedTraceparent.VALUE),
                new ObservedTraceparent("flight", "DoPut", FixedTraceparent.VALUE));
        assertThat(seen).allMatch(t -> t.transport().equals("flight") && t.traceparent().equals(FixedTraceparent.VALUE));
    }

    @Test
    void withoutObservabilityNoTraceparentIsSent() {
        int before = mock.traceparents().size();
        try (LakehouseFlightClient plain = client(ClientObservability.none())) {
            StepVerifier.create(plain.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);
        }
        // the observing client, without a tracing handler, sends none either
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).expectComplete().verify(TIMEOUT);
        assertThat(mock.traceparents()).hasSize(before);
    }
}
