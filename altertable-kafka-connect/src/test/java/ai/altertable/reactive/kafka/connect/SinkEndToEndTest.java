package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.row.Row;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector on Kafka's in-process Connect cluster (one KRaft broker, one worker) against the embedded mock:
 * records with schemas (JSON converter, Decimal and Date logical types) on 4 partitions land in the table with
 * equal counts and content, and the offsets Connect commits reach the end of every partition; a poison record goes to
 * the dead-letter topic while the rest flows. One cluster for the class.
 */
class SinkEndToEndTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS = 100_000;

    @RegisterExtension
    static final ClusterSupport.Cluster cluster = ClusterSupport.cluster("sink-e2e", 1, false, Map.of());

    @Test
    void recordsOnFourPartitionsLandWithEqualCountsAndContent() throws Exception {
        cluster.client().query("CREATE TABLE memory.main.orders (id BIGINT, part INTEGER, amount DECIMAL(12,2), "
                + "day DATE, note VARCHAR)").blockLast();
        cluster.connect().kafka().createTopic("orders", PARTITIONS);
        cluster.connect().configureConnector("altertable-orders", connectorConfig("orders"));
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning("altertable-orders", 2,
                "the connector did not start");
        // records are produced once both tasks own their partitions: a rebalance during the stream would deliver
        // again what was in flight (at-least-once), and this test checks the stream without one
        ClusterSupport.awaitStableAssignment(cluster.connect(), "connect-altertable-orders", 2, PARTITIONS);
        long t0 = System.nanoTime();
        send("orders", ClusterSupport.ordersWithSchema(RECORDS, PARTITIONS), id -> id % PARTITIONS);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM memory.main.orders") >= RECORDS);
        System.out.printf("%d records written in %d ms (produce included)%n", RECORDS,
                Duration.ofNanos(System.nanoTime() - t0).toMillis());

        assertThat(count("SELECT count(*) FROM memory.main.orders")).isEqualTo(RECORDS);
        assertThat(count("SELECT count(DISTINCT id) FROM memory.main.orders")).isEqualTo(RECORDS);
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(count("SELECT count(*) FROM memory.main.orders WHERE part = " + p))
                    .as("partition %d", p).isEqualTo(RECORDS / PARTITIONS);
        }
        // every row is exactly the record it came from
        assertThat(count("SELECT count(*) FROM memory.main.orders WHERE amount = CAST(id AS DECIMAL(12,2)) / 100 "
                + "AND day = DATE '2020-01-01' + CAST(id % 1000 AS INTEGER) AND note = 'order ' || id "
                + "AND part = id % " + PARTITIONS)).isEqualTo(RECORDS);
        Row sample = cluster.client().query("SELECT amount, day FROM memory.main.orders WHERE id = 12345")
                .blockLast();
        assertThat(sample.get(0, BigDecimal.class)).isEqualByComparingTo("123.45");
        assertThat(sample.get(1, LocalDate.class)).isEqualTo(LocalDate.of(2020, 1, 1).plusDays(345));

        // the committed offsets reach the end of each partition: preCommit returned the acknowledged ones
        ClusterSupport.awaitCommittedOffsets(cluster.connect(), "altertable-orders", PARTITIONS, RECORDS / PARTITIONS);
        cluster.connect().deleteConnector("altertable-orders");
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndTheRestFlows() throws Exception {
        cluster.client().query("CREATE TABLE memory.main.clicks (id BIGINT, page VARCHAR)").blockLast();
        cluster.connect().kafka().createTopic("clicks", 1);
        cluster.connect().kafka().createTopic("clicks-dlq", 1);
        List<byte[]> values = new ArrayList<>();
        for (int id = 0; id < 100; id++) {
            // record 50 is a bare JSON string: no columns, so no row
            String json = id == 50 ? "\"poison\"" : "{\"id\":" + id + ",\"page\":\"/p" + id + "\"}";
            values.add(json.getBytes(StandardCharsets.UTF_8));
        }
        send("clicks", values, id -> 0);
        Map<String, String> config = connectorConfig("clicks");
        config.put("tasks.max", "1");
        config.put("value.converter.schemas.enable", "false");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "clicks-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        cluster.connect().configureConnector("altertable-clicks", config);

        ConsumerRecords<byte[], byte[]> dead = cluster.connect().kafka().consume(1, Duration.ofMinutes(2).toMillis(),
                "clicks-dlq");
        assertThat(dead.count()).isEqualTo(1);
        assertThat(new String(dead.iterator().next().value(), StandardCharsets.UTF_8)).isEqualTo("\"poison\"");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM memory.main.clicks") >= 99);
        assertThat(count("SELECT count(*) FROM memory.main.clicks")).isEqualTo(99);
        assertThat(count("SELECT count(*) FROM memory.main.clicks WHERE id = 50")).isZero();
        assertThat(count("SELECT count(*) FROM memory.main.clicks WHERE page = '/p' || id")).isEqualTo(99);
        // the poison record's offset is committed with the rest
        ClusterSupport.awaitCommittedOffsets(cluster.connect(), "altertable-clicks", 1, 100);
        cluster.connect().deleteConnector("altertable-clicks");
    }

    private Map<String, String> connectorConfig(String topic) {
        Map<String, String> c = ClusterSupport.schemaConnector(cluster.mock(), topic, 2);
        c.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "4000");
        return c;
    }

    private long count(String sql) {
        return ClusterSupport.count(cluster.client(), sql);
    }

    private void send(String topic, List<byte[]> values, IntUnaryOperator partitionOf) throws Exception {
        ClusterSupport.send(cluster.connect(), topic, values, partitionOf);
    }
}
