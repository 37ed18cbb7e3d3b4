package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkEndToEndTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS = 100_000;

    private AltertableMock mock;
    private LakehouseClient client;
    private EmbeddedConnectCluster connect;

    @BeforeAll
    void start() throws InterruptedException {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().withoutPostgres().start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "500");
        long t0 = System.nanoTime();
        connect = new EmbeddedConnectCluster.Builder().name("sink-e2e").numBrokers(1).numWorkers(1)
                .workerProps(worker).build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "the Connect worker did not start");
        System.out.printf("EmbeddedConnectCluster started in %d ms%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    @AfterAll
    void stop() {
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (mock != null) {
                mock.close();
            }
        }
    }

    @Test
    void recordsOnFourPartitionsLandWithEqualCountsAndContent() throws Exception {
        client.query("CREATE TABLE memory.main.orders (id BIGINT, part INTEGER, amount DECIMAL(12,2), day DATE, "
                + "note VARCHAR)").blockLast();
        connect.kafka().createTopic("orders", PARTITIONS);
        connect.configureConnector("altertable-orders", connectorConfig("orders"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("altertable-orders", 2,
                "the connector did not start");
        // records are produced once both tasks own their partitions: a rebalance during the stream would deliver
        // again what was in flight (at-least-once), and this test checks the stream without one
        ClusterSupport.awaitStableAssignment(connect, "connect-altertable-orders", 2, PARTITIONS);
        long t0 = System.nanoTime();
        produce("orders");

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
        Row sample = client.query("SELECT amount, day FROM memory.main.orders WHERE id = 12345").blockLast();
        assertThat(sample.get(0, BigDecimal.class)).isEqualByComparingTo("123.45");
        assertThat(sample.get(1, LocalDate.class)).isEqualTo(LocalDate.of(2020, 1, 1).plusDays(345));

        // the committed offsets reach the end of each partition: preCommit returned the acknowledged ones
        ClusterSupport.awaitCommittedOffsets(connect, "altertable-orders", PARTITIONS, RECORDS / PARTITIONS);
        connect.deleteConnector("altertable-orders");
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicAndTheRestFlows() throws Exception {
        client.query("CREATE TABLE memory.main.clicks (id BIGINT, page VARCHAR)").blockLast();
        connect.kafka().createTopic("clicks", 1);
        connect.kafka().createTopic("clicks-dlq", 1);
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
        connect.configureConnector("altertable-clicks", config);

        ConsumerRecords<byte[], byte[]> dead = connect.kafka().consume(1, Duration.ofMinutes(2).toMillis(),
                "clicks-dlq");
        assertThat(dead.count()).isEqualTo(1);
        assertThat(new String(dead.iterator().next().value(), StandardCharsets.UTF_8)).isEqualTo("\"poison\"");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM memory.main.clicks") >= 99);
        assertThat(count("SELECT count(*) FROM memory.main.clicks")).isEqualTo(99);
        assertThat(count("SELECT count(*) FROM memory.main.clicks WHERE id = 50")).isZero();
        assertThat(count("SELECT count(*) FROM memory.main.clicks WHERE page = '/p' || id")).isEqualTo(99);
        // the poison record's offset is committed with the rest
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(connect.connectorOffsets("altertable-clicks").offsets())
                        .singleElement().satisfies(o -> assertThat(((Number) o.offset().get("kafka_offset"))
                                .longValue()).isEqualTo(100)));
        connect.deleteConnector("altertable-clicks");
    }

    private Map<String, String> connectorConfig(String topic) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", AltertableSinkConnector.class.getName());
        c.put("tasks.max", "2");
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "true");
        c.put("value.converter.decimal.format", "NUMERIC");
        c.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        c.put(AltertableSinkConfig.USERNAME, "alice");
        c.put(AltertableSinkConfig.PASSWORD, "secret");
        c.put(AltertableSinkConfig.CATALOG, "memory");
        c.put(AltertableSinkConfig.TABLE, "${topic}");
        c.put(AltertableSinkConfig.BATCH_MAX_ROWS, "1000");
        c.put(AltertableSinkConfig.BATCH_LINGER_MS, "20");
        c.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "4000");
        return c;
    }

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\"},"
            + "{\"field\":\"part\",\"type\":\"int32\"},"
            + "{\"field\":\"amount\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}},"
            + "{\"field\":\"day\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"},"
            + "{\"field\":\"note\",\"type\":\"string\"}]}";

    private void produce(String topic) throws Exception {
        long epochDay = LocalDate.of(2020, 1, 1).toEpochDay();
        List<byte[]> values = new ArrayList<>(RECORDS);
        for (long id = 0; id < RECORDS; id++) {
            String payload = "{\"id\":" + id + ",\"part\":" + id % PARTITIONS + ",\"amount\":"
                    + BigDecimal.valueOf(id, 2).toPlainString() + ",\"day\":" + (epochDay + id % 1000)
                    + ",\"note\":\"order " + id + "\"}";
            values.add(("{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8));
        }
        send(topic, values, id -> id % PARTITIONS);
    }

    private long count(String sql) {
        return ClusterSupport.count(client, sql);
    }

    private void send(String topic, List<byte[]> values, IntUnaryOperator partitionOf) throws Exception {
        ClusterSupport.send(connect, topic, values, partitionOf);
    }
}
