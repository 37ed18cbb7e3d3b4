package ai.altertable.reactive.kafka.connect;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The part of a worker's {@link SinkTaskContext} a task talks to, recording what the task asks for: which partitions
 * are paused, and the records it reports as errant (accepted, as with {@code errors.tolerance=all}, or refused, as
 * with {@code none}). For unit tests of the task; the connector's integration tests run on EmbeddedConnectCluster.
 */
final class RecordingTaskContext implements SinkTaskContext {

    final Set<TopicPartition> assignment;
    final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
    final List<SinkRecord> errant = new CopyOnWriteArrayList<>();
    final List<String> pauseEvents = new CopyOnWriteArrayList<>();
    final List<Thread> errantThreads = new CopyOnWriteArrayList<>();
    final List<Long> timeouts = new CopyOnWriteArrayList<>();
    private final boolean tolerateErrors;

    RecordingTaskContext(Set<TopicPartition> assignment, boolean tolerateErrors) {
        this.assignment = Set.copyOf(assignment);
        this.tolerateErrors = tolerateErrors;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        throw new UnsupportedOperationException("the task never rewinds");
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        throw new UnsupportedOperationException("the task never rewinds");
    }

    @Override
    public void timeout(long timeoutMs) {
        timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        paused.addAll(List.of(partitions));
        pauseEvents.add("pause " + partitions.length);
    }

    @Override
    public void resume(TopicPartition... partitions) {
        paused.removeAll(List.of(partitions));
        pauseEvents.add("resume " + partitions.length);
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return (record, error) -> {
            if (!tolerateErrors) {
                throw new org.apache.kafka.connect.errors.ConnectException("Tolerance exceeded in error handler",
                        error);
            }
            errant.add(record);
            errantThreads.add(Thread.currentThread());
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("no metrics yet");
    }
}
