package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the {@code EmbeddedConnectCluster} tests share: the mock, a client of it and the Connect cluster of a test class
 * ({@link Cluster}), the connector's base configuration, sending a known input, waiting for a stable assignment and
 * for committed offsets, counting rows.
 */
final class ClusterSupport {

    /**
     * The JSON schema of the {@code orders} records of {@link #ordersWithSchema}: Decimal and Date logical types.
     */
    private static final String ORDERS_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\"},"
            + "{\"field\":\"part\",\"type\":\"int32\"},"
            + "{\"field\":\"amount\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"parameters\":{\"scale\":\"2\"}},"
            + "{\"field\":\"day\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\"},"
            + "{\"field\":\"note\",\"type\":\"string\"}]}";

    private ClusterSupport() {
    }

    /**
     * The cluster of a test class, to register as a static {@code @RegisterExtension} field: before the class's tests
     * it starts the embedded mock (user alice, without its Postgres endpoint; with its Flight SQL endpoint when
     * {@code flight}), a client of it, and Kafka's in-process Connect cluster (one KRaft broker, {@code workers}
     * workers) in the test JVM, and after them stops it all. Every worker discovers plugins by their ServiceLoader
     * manifests only (no reflective scan of the whole test class path: DuckDB, Arrow...) and commits offsets every
     * 500 ms; {@code extraWorkerProps} adds to or overrides that.
     */
    static Cluster cluster(String name, int workers, boolean flight, Map<String, String> extraWorkerProps) {
        return new Cluster(name, workers, flight, extraWorkerProps);
    }

    /**
     * The mock, a client of it and the Connect cluster of one test class (see {@link #cluster}). Its tests start once
     * {@code workers} workers are up; it prints how long the cluster took to start (the CI budget allows one cluster
     * per test class) and to stop. What is already started is closed if a later part fails to start; stopping closes
     * the cluster, then the client and the mock, each even if an earlier one fails.
     */
    static final class Cluster implements BeforeAllCallback, AfterAllCallback {

        private final String name;
        private final int workers;
        private final boolean flight;
        private final Map<String, String> extraWorkerProps;
        private AltertableMock mock;
        private LakehouseClient client;
        private EmbeddedConnectCluster connect;

        private Cluster(String name, int workers, boolean flight, Map<String, String> extraWorkerProps) {
            this.name = name;
            this.workers = workers;
            this.flight = flight;
            this.extraWorkerProps = Map.copyOf(extraWorkerProps);
        }

        AltertableMock mock() {
            return mock;
        }

        LakehouseClient client() {
            return client;
        }

        EmbeddedConnectCluster connect() {
            return connect;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws InterruptedException {
            try {
                start();
            } catch (RuntimeException | InterruptedException | Error e) {
                stop();
                throw e;
            }
        }

        private void start() throws InterruptedException {
            AltertableMock.Builder builder = AltertableMock.builder().user("alice", "secret").withoutPostgres();
            mock = (flight ? builder : builder.withoutFlight()).start();
            client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
            Map<String, String> worker = new HashMap<>();
            worker.put("plugin.discovery", "service_load");
            worker.put("offset.flush.interval.ms", "500");
            // a stopping task drains its writes in flight (up to 30 s): the worker waits for it, as the README says
            worker.put("task.shutdown.graceful.timeout.ms", "35000");
            worker.putAll(extraWorkerProps);
            long t0 = System.nanoTime();
            connect = new EmbeddedConnectCluster.Builder().name(name).numBrokers(1).numWorkers(workers)
                    .workerProps(worker).build();
            connect.start();
            connect.assertions().assertAtLeastNumWorkersAreUp(workers, "the Connect workers did not start");
            System.out.printf("%s: EmbeddedConnectCluster started in %d ms%n", name,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            long t0 = System.nanoTime();
            stop();
            System.out.printf("%s: EmbeddedConnectCluster and mock stopped in %d ms%n", name,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
        }

        private void stop() {
            try {
                if (connect != null) {
                    connect.stop();
                }
            } finally {
                try {
                    if (client != null) {
                        client.close();
                    }
                } finally {
                    if (mock != null) {
                        mock.close();
                    }
                }
            }
        }
    }

    /** The connector on {@code topic}: schemaless JSON values, table named after the topic in {@code memory.main}. */
    static Map<String, String> schemalessConnector(AltertableMock mock, String topic, int tasks) {
        Map<String, String> c = connector(mock, topic, tasks);
        c.put("value.converter.schemas.enable", "false");
        return c;
    }

    /**
     * The connector on {@code topic}: JSON values with schemas, Decimals as JSON numbers, table named after the topic
     * in {@code memory.main}.
     */
    static Map<String, String> schemaConnector(AltertableMock mock, String topic, int tasks) {
        Map<String, String> c = connector(mock, topic, tasks);
        c.put("value.converter.schemas.enable", "true");
        c.put("value.converter.decimal.format", "NUMERIC");
        return c;
    }

    private static Map<String, String> connector(AltertableMock mock, String topic, int tasks) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", AltertableSinkConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        c.put(AltertableSinkConfig.USERNAME, "alice");
        c.put(AltertableSinkConfig.PASSWORD, "secret");
        c.put(AltertableSinkConfig.CATALOG, "memory");
        c.put(AltertableSinkConfig.TABLE, "${topic}");
        c.put(AltertableSinkConfig.BATCH_MAX_ROWS, "1000");
        c.put(AltertableSinkConfig.BATCH_LINGER_MS, "20");
        return c;
    }

    /** Waits until the sink's consumer group has {@code members} members that share {@code partitions} partitions. */
    static void awaitStableAssignment(EmbeddedConnectCluster connect, String group, int members, int partitions) {
        try (Admin admin = connect.kafka().createAdminClient()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d.members().size() == members && d.members().stream()
                        .mapToInt(m -> m.assignment().topicPartitions().size()).sum() == partitions
                        && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    /** Waits until Connect committed, for each of the connector's partitions, the offset {@code end}. */
    static void awaitCommittedOffsets(EmbeddedConnectCluster connect, String connector, int partitions, long end) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ConnectorOffset> offsets = connect.connectorOffsets(connector).offsets();
            assertThat(offsets).hasSize(partitions);
            assertThat(offsets).allSatisfy(o -> assertThat(((Number) o.offset().get("kafka_offset")).longValue())
                    .isEqualTo(end));
        });
    }

    /**
     * Sends {@code values} (value i to partition {@code partitionOf(i)}) and checks that each partition then holds
     * exactly its share: the test's input is known before the connector reads it. Without idempotence and with one
     * request in flight, since a just-created partition answers NOT_LEADER_OR_FOLLOWER for a moment, which an
     * idempotent producer can turn into OutOfOrderSequenceException.
     */
    static void send(EmbeddedConnectCluster connect, String topic, List<byte[]> values, IntUnaryOperator partitionOf)
            throws Exception {
        Map<String, Object> props = Map.of("enable.idempotence", false, "acks", "all",
                "max.in.flight.requests.per.connection", 1, "linger.ms", 10);
        Map<TopicPartition, Long> expected = new HashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>(values.size());
        try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(props)) {
            for (int i = 0; i < values.size(); i++) {
                int partition = partitionOf.applyAsInt(i);
                expected.merge(new TopicPartition(topic, partition), 1L, Long::sum);
                sent.add(producer.send(new ProducerRecord<>(topic, partition, null, values.get(i))));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            expected.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> actual = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> actual.put(tp, info.offset()));
            assertThat(actual).as("records in the topic").isEqualTo(expected);
        }
    }

    /** The single BIGINT that {@code sql} answers. */
    static long count(LakehouseClient client, String sql) {
        return client.query(sql).map(r -> r.get(0, Long.class)).blockLast();
    }

    /**
     * {@code records} JSON values with their schema: order {@code id} in {@code part = id % partitions}, with
     * {@code amount = id / 100} (Decimal, scale 2), {@code day = 2020-01-01 + id % 1000} (Date) and
     * {@code note = "order " + id}.
     */
    static List<byte[]> ordersWithSchema(int records, int partitions) {
        long epochDay = LocalDate.of(2020, 1, 1).toEpochDay();
        List<byte[]> values = new ArrayList<>(records);
        for (long id = 0; id < records; id++) {
            String payload = "{\"id\":" + id + ",\"part\":" + id % partitions + ",\"amount\":"
                    + BigDecimal.valueOf(id, 2).toPlainString() + ",\"day\":" + (epochDay + id % 1000)
                    + ",\"note\":\"order " + id + "\"}";
            values.add(("{\"schema\":" + ORDERS_SCHEMA + ",\"payload\":" + payload + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return values;
    }
}
