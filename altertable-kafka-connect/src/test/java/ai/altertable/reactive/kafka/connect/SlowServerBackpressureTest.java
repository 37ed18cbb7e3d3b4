package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.FaultPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static ai.altertable.reactive.kafka.connect.ClusterSupport.awaitCommittedOffsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow server makes the task pause its partitions, so what it holds stays bounded: the mock delays the answer of
 * every {@code /append} (fault injection, {@code answer-delay}), the whole stream is already in the topic, and
 * Connect's own count of the records the task read ({@code sink-record-read-total} of
 * {@code kafka.connect:type=sink-task-metrics}) never runs further ahead of the rows the server holds than
 * {@code max.buffered.records}, plus one poll ({@code max.poll.records}) and one batch; once the server is fast again,
 * every record lands, once. The bound comes from the configuration, not from time.
 */
class SlowServerBackpressureTest {

    private static final int PARTITIONS = 2;
    private static final int RECORDS = 20_000;
    private static final int MAX_BUFFERED = 500;
    private static final int MAX_POLL = 100;
    private static final int BATCH_ROWS = 100;
    private static final String CONNECTOR = "altertable-slow";

    @RegisterExtension
    static final ClusterSupport.Cluster cluster = ClusterSupport.cluster("slow-server", 1, false,
            Map.of("consumer.max.poll.records", Integer.toString(MAX_POLL)));

    @Test
    void aSlowServerPausesThePartitionsAndEveryRecordLandsOnceItIsFastAgain() throws Exception {
        cluster.client().query("CREATE TABLE memory.main.slow (id BIGINT, v VARCHAR)").blockLast();
        cluster.connect().kafka().createTopic("slow", PARTITIONS);
        List<byte[]> values = new ArrayList<>(RECORDS);
        for (int id = 0; id < RECORDS; id++) {
            values.add(("{\"id\":" + id + ",\"v\":\"v" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        ClusterSupport.send(cluster.connect(), "slow", values, id -> id % PARTITIONS);
        // every append is acknowledged 100 ms after it ran, until the plan is cleared
        cluster.mock().faults().add(FaultPlan.builder().path("/append").answerDelay(Duration.ofMillis(100))
                .times(Integer.MAX_VALUE).build());
        Map<String, String> config = ClusterSupport.schemalessConnector(cluster.mock(), "slow", 1);
        config.put(AltertableSinkConfig.BATCH_MAX_ROWS, Integer.toString(BATCH_ROWS));
        config.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, Integer.toString(MAX_BUFFERED));
        cluster.connect().configureConnector(CONNECTOR, config);

        ObjectName metrics = new ObjectName("kafka.connect:type=sink-task-metrics,connector=" + CONNECTOR
                + ",task=0");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> server.isRegistered(metrics));
        // read first, then the rows: a sample can only understate how far reading ran ahead
        AtomicLong maxAhead = new AtomicLong(Long.MIN_VALUE);
        AtomicLong samples = new AtomicLong();
        long slowPhase = 10L * MAX_BUFFERED;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long read = (long) (double) (Double) server.getAttribute(metrics, "sink-record-read-total");
            long rows = count("SELECT count(*) FROM memory.main.slow");
            maxAhead.accumulateAndGet(read - rows, Math::max);
            samples.incrementAndGet();
            return rows >= slowPhase;
        });
        long readInSlowPhase = (long) (double) (Double) server.getAttribute(metrics, "sink-record-read-total");
        System.out.printf("slow server: read at most %d records ahead of the server's rows (%d samples), %d read "
                + "of %d when %d rows were written%n", maxAhead.get(), samples.get(), readInSlowPhase, RECORDS,
                slowPhase);
        assertThat(maxAhead.get()).as("records read beyond the rows written")
                .isLessThanOrEqualTo(MAX_BUFFERED + MAX_POLL + BATCH_ROWS)
                // it did fill its buffer: the bound is what held it, not a slow consumer
                .isGreaterThan(MAX_BUFFERED / 2);
        assertThat(readInSlowPhase).isLessThan(RECORDS / 2);

        cluster.mock().faults().clear();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM memory.main.slow") >= RECORDS);
        awaitCommittedOffsets(cluster.connect(), CONNECTOR, PARTITIONS, RECORDS / PARTITIONS);
        assertThat(count("SELECT count(*) FROM memory.main.slow")).isEqualTo(RECORDS);
        assertThat(count("SELECT count(DISTINCT id) FROM memory.main.slow")).isEqualTo(RECORDS);
        assertThat(count("SELECT count(*) FROM memory.main.slow WHERE v = 'v' || id")).isEqualTo(RECORDS);
        assertThat((Double) server.getAttribute(metrics, "sink-record-read-total")).isEqualTo((double) RECORDS);
        cluster.connect().deleteConnector(CONNECTOR);
    }

    private long count(String sql) {
        return ClusterSupport.count(cluster.client(), sql);
    }
}
