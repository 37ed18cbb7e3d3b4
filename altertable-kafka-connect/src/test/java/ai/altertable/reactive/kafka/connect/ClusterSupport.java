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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the {@code EmbeddedConnectCluster} tests share: sending a known input, waiting for a stable assignment and for
 * committed offsets, the connector's base configuration, counting rows.
 */
final class ClusterSupport {

    private ClusterSupport() {
    }

    /** The connector on {@code topic}: schemaless JSON values, table named after the topic in {@code memory.main}. */
    static Map<String, String> schemalessConnector(AltertableMock mock, String topic, int tasks) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", AltertableSinkConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasks));
        c.put("topics", topic);
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
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
}
