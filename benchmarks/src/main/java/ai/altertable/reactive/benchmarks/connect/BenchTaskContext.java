package ai.altertable.reactive.benchmarks.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a worker gives a sink task, reduced to what the benchmark's driver needs: a fixed assignment, the partitions
 * the task has paused (the driver delivers no records while any is paused, as a consumer returns none for them), and
 * how many times the task paused. Every benchmark record is valid, so a record the task reports as errant fails the
 * run (as {@code errors.tolerance=none} would). Called by the driver's thread only, apart from {@link #paused()}.
 */
public final class BenchTaskContext implements SinkTaskContext {

    private final Set<TopicPartition> assignment;
    private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
    private int pauses;

    public BenchTaskContext(Set<TopicPartition> assignment) {
        this.assignment = Set.copyOf(assignment);
    }

    /** The partitions paused now. */
    public Set<TopicPartition> paused() {
        return paused;
    }

    /** How many times the task asked to pause partitions. */
    public int pauses() {
        return pauses;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException("the benchmark never rewinds a partition");
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        throw new UnsupportedOperationException("the benchmark never rewinds a partition");
    }

    @Override
    public void timeout(long timeoutMs) {
        // the task asks for a short poll while paused; the driver calls put again at once anyway
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        paused.addAll(Arrays.asList(partitions));
        pauses++;
    }

    @Override
    public void resume(TopicPartition... partitions) {
        Arrays.asList(partitions).forEach(paused::remove);
    }

    @Override
    public void requestCommit() {
        // the driver asks for offsets (preCommit) itself
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return (record, error) -> {
            throw new IllegalStateException("the task reported a benchmark record as errant: " + record.topic() + "-"
                    + record.kafkaPartition() + "@" + record.kafkaOffset(), error);
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("no plugin metrics in the benchmark");
    }
}
