package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
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
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector with {@code altertable.write.path=flight} on Kafka's in-process Connect cluster (one KRaft broker, one
 * worker) against the embedded mock's Flight SQL endpoint: JSON records with schemas (Decimal, Date) on 4 partitions
 * land with equal counts and exact content, and the committed offsets reach the end of every partition. The same
 * records are then written by a REST connector into another table, and both times are printed (one run, not a
 * benchmark).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkFlightEndToEndTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS = 20_000;

    private AltertableMock mock;
    private LakehouseClient client;
    private EmbeddedConnectCluster connect;

    @BeforeAll
    void start() throws InterruptedException {
        mock = AltertableMock.builder().user("alice", "secret").withoutPostgres().start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "500");
        connect = new EmbeddedConnectCluster.Builder().name("sink-flight-e2e").numBrokers(1).numWorkers(1)
                .workerProps(worker).build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "the Connect worker did not start");
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
    void recordsOnFourPartitionsLandOverFlightWithEqualCountsContentAndOffsets() throws Exception {
        connect.kafka().createTopic("orders", PARTITIONS);
        produce("orders");
        long restMs = run("rest", "orders_rest");
        long flightMs = run("flight", "orders_flight");
        System.out.printf("%d records on %d partitions, 2 tasks: flight %d ms, rest %d ms (connector start "
                + "included)%n", RECORDS, PARTITIONS, flightMs, restMs);
    }

    /** Runs a connector of {@code path} into {@code table} until every record landed and is committed. */
    private long run(String path, String table) throws Exception {
        client.query("CREATE TABLE memory.main." + table + " (id BIGINT, part INTEGER, amount DECIMAL(12,2), "
                + "day DATE, note VARCHAR)").blockLast();
        String name = "altertable-" + path;
        long t0 = System.nanoTime();
        connect.configureConnector(name, connectorConfig(path, table));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM memory.main." + table) >= RECORDS);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        // every record landed (a rebalance at the connector's start may deliver some again: at-least-once)
        assertThat(count("SELECT count(DISTINCT id) FROM memory.main." + table)).isEqualTo(RECORDS);
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(count("SELECT count(DISTINCT id) FROM memory.main." + table + " WHERE part = " + p))
                    .as("partition %d", p).isEqualTo(RECORDS / PARTITIONS);
        }
        assertThat(count("SELECT count(*) FROM memory.main." + table + " WHERE amount = CAST(id AS DECIMAL(12,2)) "
                + "/ 100 AND day = DATE '2020-01-01' + CAST(id % 1000 AS INTEGER) AND note = 'order ' || id AND part "
                + "= id % " + PARTITIONS)).isEqualTo(count("SELECT count(*) FROM memory.main." + table));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();
            assertThat(offsets).hasSize(PARTITIONS);
            assertThat(offsets).allSatisfy(o -> assertThat(((Number) o.offset().get("kafka_offset")).longValue())
                    .isEqualTo(RECORDS / PARTITIONS));
        });
        connect.deleteConnector(name);
        return ms;
    }

    private Map<String, String> connectorConfig(String path, String table) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", AltertableSinkConnector.class.getName());
        c.put("tasks.max", "2");
        c.put("topics", "orders");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "true");
        c.put("value.converter.decimal.format", "NUMERIC");
        c.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        c.put(AltertableSinkConfig.WRITE_PATH, path);
        c.put(AltertableSinkConfig.FLIGHT_ENDPOINT, mock.flightUri().toString());
        c.put(AltertableSinkConfig.USERNAME, "alice");
        c.put(AltertableSinkConfig.PASSWORD, "secret");
        c.put(AltertableSinkConfig.CATALOG, "memory");
        c.put(AltertableSinkConfig.TABLE, table);
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

    /** Sends the records and checks each partition then holds its share, before any connector reads. */
    private void produce(String topic) throws Exception {
        long epochDay = LocalDate.of(2020, 1, 1).toEpochDay();
        Map<String, Object> props = Map.of("enable.idempotence", false, "acks", "all",
                "max.in.flight.requests.per.connection", 1, "linger.ms", 10);
        List<Future<RecordMetadata>> sent = new ArrayList<>(RECORDS);
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(props)) {
            for (long id = 0; id < RECORDS; id++) {
                String payload = "{\"id\":" + id + ",\"part\":" + id % PARTITIONS + ",\"amount\":"
                        + BigDecimal.valueOf(id, 2).toPlainString() + ",\"day\":" + (epochDay + id % 1000)
                        + ",\"note\":\"order " + id + "\"}";
                byte[] value = ("{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}")
                        .getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, (int) (id % PARTITIONS), null, value)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            admin.listOffsets(latest).all().get().forEach((tp, info) -> assertThat(info.offset()).as("%s", tp)
                    .isEqualTo(RECORDS / PARTITIONS));
        }
    }

    private long count(String sql) {
        return client.query(sql).map(r -> r.get(0, Long.class)).blockLast();
    }
}
