package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's in-process Connect cluster (one KRaft broker, one worker) and the embedded mock start side by side in the
 * test JVM, under the project's test rules (BlockHound, paranoid Netty leak detection, random order), and stop clean.
 * Prints how long the cluster took to start: the CI budget allows one cluster per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedConnectSmokeTest {

    private AltertableMock mock;
    private EmbeddedConnectCluster connect;

    @BeforeAll
    void start() throws InterruptedException {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().withoutPostgres().start();
        long t0 = System.nanoTime();
        connect = new EmbeddedConnectCluster.Builder().name("smoke").numBrokers(1).numWorkers(1)
                // ServiceLoader manifests only: no reflective scan of the whole test class path (DuckDB, Arrow...)
                .workerProps(new java.util.HashMap<>(java.util.Map.of("plugin.discovery", "service_load"))).build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "the Connect worker did not start");
        System.out.printf("EmbeddedConnectCluster started in %d ms%n", Duration.ofNanos(System.nanoTime() - t0)
                .toMillis());
    }

    @AfterAll
    void stop() {
        long t0 = System.nanoTime();
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            if (mock != null) {
                mock.close();
            }
        }
        System.out.printf("EmbeddedConnectCluster and mock stopped in %d ms%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @Test
    void brokerCarriesRecordsAndWorkerAnswers() throws Exception {
        connect.kafka().createTopic("smoke", 4);
        for (int i = 0; i < 8; i++) {
            connect.kafka().produce("smoke", i % 4, null, "v" + i);
        }
        ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(8, Duration.ofMinutes(1).toMillis(), "smoke");
        assertThat(records.count()).isEqualTo(8);
        assertThat(new String(records.iterator().next().value(), StandardCharsets.UTF_8)).startsWith("v");
        assertThat(connect.connectors()).isEmpty();
    }

    @Test
    void mockAnswersBesideTheCluster() {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            assertThat(client.query("SELECT 41 + 1 AS answer").map(r -> r.get(0, Long.class)).blockLast())
                    .isEqualTo(42L);
        }
    }
}
