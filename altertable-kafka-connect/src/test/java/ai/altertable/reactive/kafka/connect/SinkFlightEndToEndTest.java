package ai.altertable.reactive.kafka.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector with {@code altertable.write.path=flight} on Kafka's in-process Connect cluster (one KRaft broker, one
 * worker) against the embedded mock's Flight SQL endpoint: JSON records with schemas (Decimal, Date) on 4 partitions
 * land with equal counts and exact content, and the committed offsets reach the end of every partition. The same
 * records are then written by a REST connector into another table, and both times are printed (one run, not a
 * benchmark).
 */
class SinkFlightEndToEndTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS = 20_000;

    @RegisterExtension
    static final ClusterSupport.Cluster cluster = ClusterSupport.cluster("sink-flight-e2e", 1, true, Map.of());

    @Test
    void recordsOnFourPartitionsLandOverFlightWithEqualCountsContentAndOffsets() throws Exception {
        cluster.connect().kafka().createTopic("orders", PARTITIONS);
        ClusterSupport.send(cluster.connect(), "orders", ClusterSupport.ordersWithSchema(RECORDS, PARTITIONS),
                id -> id % PARTITIONS);
        long restMs = run("rest", "orders_rest");
        long flightMs = run("flight", "orders_flight");
        System.out.printf("%d records on %d partitions, 2 tasks: flight %d ms, rest %d ms (connector start "
                + "included)%n", RECORDS, PARTITIONS, flightMs, restMs);
    }

    /** Runs a connector of {@code path} into {@code table} until every record landed and is committed. */
    private long run(String path, String table) throws Exception {
        cluster.client().query("CREATE TABLE memory.main." + table + " (id BIGINT, part INTEGER, amount DECIMAL(12,2), "
                + "day DATE, note VARCHAR)").blockLast();
        String name = "altertable-" + path;
        long t0 = System.nanoTime();
        cluster.connect().configureConnector(name, connectorConfig(path, table));
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
        ClusterSupport.awaitCommittedOffsets(cluster.connect(), name, PARTITIONS, RECORDS / PARTITIONS);
        cluster.connect().deleteConnector(name);
        return ms;
    }

    private Map<String, String> connectorConfig(String path, String table) {
        Map<String, String> c = ClusterSupport.schemaConnector(cluster.mock(), "orders", 2);
        c.put(AltertableSinkConfig.WRITE_PATH, path);
        c.put(AltertableSinkConfig.FLIGHT_ENDPOINT, cluster.mock().flightUri().toString());
        c.put(AltertableSinkConfig.TABLE, table);
        c.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "4000");
        return c;
    }

    private long count(String sql) {
        return ClusterSupport.count(cluster.client(), sql);
    }
}
