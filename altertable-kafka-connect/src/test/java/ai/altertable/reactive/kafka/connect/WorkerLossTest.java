package ai.altertable.reactive.kafka.connect;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import static ai.altertable.reactive.kafka.connect.ClusterSupport.awaitCommittedOffsets;
import static ai.altertable.reactive.kafka.connect.ClusterSupport.awaitStableAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Connect worker stops in the middle of the stream (two workers, a connector with two tasks on four partitions;
 * the worker running task 0 is stopped once the server holds some of the rows and not all, while the stream is still
 * being produced) and the remaining worker takes its tasks over and finishes: no record is lost. In append mode the
 * records the stopped task had received but whose offsets were not committed are delivered again (at-least-once, so
 * duplicates are allowed and counted); with {@code upsert.primary.key} they converge to exactly one row per key, with
 * the last value the stream gave each key. One cluster for the class; a stopped worker is replaced before each test.
 */
class WorkerLossTest {

    private static final int PARTITIONS = 4;
    private static final int RECORDS = 40_000;

    /** A departed worker's tasks are reassigned after 1 s (incremental cooperative rebalancing). */
    @RegisterExtension
    static final ClusterSupport.Cluster cluster = ClusterSupport.cluster("worker-loss", 2, false,
            Map.of("scheduled.rebalance.max.delay.ms", "1000"));

    @BeforeEach
    void twoWorkers() throws InterruptedException {
        while (cluster.connect().workers().size() < 2) {
            cluster.connect().addWorker();
        }
        cluster.connect().assertions().assertAtLeastNumWorkersAreUp(2, "the Connect workers did not start");
    }

    @Test
    void appendModeLosesNoRecordWhenAWorkerStops() throws Exception {
        cluster.client().query("CREATE TABLE memory.main.lost_append (id BIGINT, v VARCHAR)").blockLast();
        List<byte[]> values = new ArrayList<>(RECORDS);
        for (int id = 0; id < RECORDS; id++) {
            values.add(("{\"id\":" + id + ",\"v\":\"v" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        long atStop = streamAndStopAWorker("lost_append",
                ClusterSupport.schemalessConnector(cluster.mock(), "lost_append", 2), values, id -> id % PARTITIONS,
                "SELECT count(*) FROM memory.main.lost_append", RECORDS);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(DISTINCT id) FROM memory.main.lost_append") == RECORDS);
        awaitCommittedOffsets(cluster.connect(), "altertable-lost_append", PARTITIONS, RECORDS / PARTITIONS);
        assertBothTasksRunning("altertable-lost_append");
        long rows = count("SELECT count(*) FROM memory.main.lost_append");
        System.out.printf("append: worker stopped at %d of %d rows; %d rows in the end, %d duplicates%n", atStop,
                RECORDS, rows, rows - RECORDS);
        assertThat(rows).isGreaterThanOrEqualTo(RECORDS);
        assertThat(count("SELECT count(DISTINCT id) FROM memory.main.lost_append")).isEqualTo(RECORDS);
        assertThat(count("SELECT min(id) FROM memory.main.lost_append")).isZero();
        assertThat(count("SELECT max(id) FROM memory.main.lost_append")).isEqualTo(RECORDS - 1);
        // every row, duplicate or not, is the record it came from
        assertThat(count("SELECT count(*) FROM memory.main.lost_append WHERE v = 'v' || id")).isEqualTo(rows);
        cluster.connect().deleteConnector("altertable-lost_append");
    }

    @Test
    void upsertModeConvergesToOneRowPerKeyWhenAWorkerStops() throws Exception {
        cluster.client().query("CREATE TABLE memory.main.lost_upsert (id BIGINT PRIMARY KEY, v VARCHAR)").blockLast();
        int keys = RECORDS / 2;
        // every key twice: first "v1-<id>", then, in the second half of the stream, "v2-<id>", in the same partition
        List<byte[]> values = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            int id = i % keys;
            values.add(("{\"id\":" + id + ",\"v\":\"v" + (i / keys + 1) + "-" + id + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> config = ClusterSupport.schemalessConnector(cluster.mock(), "lost_upsert", 2);
        config.put(AltertableSinkConfig.UPSERT_PRIMARY_KEY, "id");
        long atStop = streamAndStopAWorker("lost_upsert", config, values, i -> (i % keys) % PARTITIONS,
                "SELECT count(*) FROM memory.main.lost_upsert", keys);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM memory.main.lost_upsert WHERE v LIKE 'v2-%'") == keys);
        awaitCommittedOffsets(cluster.connect(), "altertable-lost_upsert", PARTITIONS, RECORDS / PARTITIONS);
        assertBothTasksRunning("altertable-lost_upsert");
        System.out.printf("upsert: worker stopped at %d of %d keys%n", atStop, keys);
        assertThat(count("SELECT count(*) FROM memory.main.lost_upsert")).isEqualTo(keys);
        assertThat(count("SELECT count(DISTINCT id) FROM memory.main.lost_upsert")).isEqualTo(keys);
        assertThat(count("SELECT count(*) FROM memory.main.lost_upsert WHERE v = 'v2-' || id")).isEqualTo(keys);
        cluster.connect().deleteConnector("altertable-lost_upsert");
    }

    /**
     * Starts the connector on a new topic, produces {@code values} from another thread, stops the worker running
     * task 0 once {@code progressSql} counts a tenth of {@code total} (and checks it had not reached it: the stream
     * was cut in the middle), waits until the rest of the cluster runs both tasks, and until every record is in the
     * topic. Returns the progress seen when the worker was stopped.
     */
    private long streamAndStopAWorker(String topic, Map<String, String> config, List<byte[]> values,
                                      IntUnaryOperator partitionOf, String progressSql, long total) throws Exception {
        String connector = "altertable-" + topic;
        cluster.connect().kafka().createTopic(topic, PARTITIONS);
        cluster.connect().configureConnector(connector, config);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 2,
                "the connector did not start");
        awaitStableAssignment(cluster.connect(), "connect-" + connector, 2, PARTITIONS);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try {
                ClusterSupport.send(cluster.connect(), topic, values, partitionOf);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> count(progressSql) >= total / 10);
        long atStop = count(progressSql);
        WorkerHandle victim = workerOfTask(connector, 0);
        int victimPort = victim.url().getPort(); // a stopped worker has no URL
        cluster.connect().removeWorker(victim);
        assertThat(atStop).as("rows written when the worker stopped").isLessThan(total);
        // the remaining worker takes the stopped one's tasks over
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(cluster.connect().connectorStatus(connector).tasks()).hasSize(2).allSatisfy(t -> {
                    assertThat(t.state()).isEqualTo("RUNNING");
                    assertThat(port(t.workerId())).isNotEqualTo(victimPort);
                }));
        producing.get(2, TimeUnit.MINUTES);
        return atStop;
    }

    /**
     * The rest of the cluster finished with both tasks: a task that failed would leave its partitions to the other
     * task's consumer, so complete rows alone do not show it.
     */
    private void assertBothTasksRunning(String connector) {
        assertThat(cluster.connect().connectorStatus(connector).tasks()).hasSize(2).allSatisfy(t ->
                assertThat(t.state()).as("task %d: %s", t.id(), t.trace()).isEqualTo("RUNNING"));
    }

    private WorkerHandle workerOfTask(String connector, int task) {
        ConnectorStateInfo status = cluster.connect().connectorStatus(connector);
        int port = status.tasks().stream().filter(t -> t.id() == task).map(t -> port(t.workerId())).findFirst()
                .orElseThrow();
        return cluster.connect().workers().stream().filter(w -> w.url().getPort() == port).findFirst().orElseThrow();
    }

    private static int port(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.lastIndexOf(':') + 1));
    }

    private long count(String sql) {
        return ClusterSupport.count(cluster.client(), sql);
    }
}
