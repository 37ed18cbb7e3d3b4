package ai.altertable.reactive.benchmarks.connect;

import ai.altertable.reactive.kafka.connect.AltertableSinkTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one {@link AltertableSinkTask} as a worker's thread does, without a broker: {@code initialize},
 * {@code start}, {@code open} of the partitions, then {@code put} of the records in polls of {@link #POLL_RECORDS}
 * (a consumer's default {@code max.poll.records}); while the task has paused its partitions, a poll returns no records
 * and {@code put} is called with none, every {@link #IDLE_POLL_NANOS}; then {@code preCommit} (with {@code put} of no
 * records between) until it returns every partition's end offset, so every record's batch was acknowledged; then
 * {@code close} and {@code stop}. Only {@link #deliver} is meant to be timed.
 */
public final class TaskDriver implements AutoCloseable {

    /** Records per {@code put}: Kafka's default {@code max.poll.records}. */
    public static final int POLL_RECORDS = 500;

    /** How long an empty poll waits while partitions are paused, or while offsets are not all acknowledged. */
    public static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AltertableSinkTask task = new AltertableSinkTask();
    private final BenchTaskContext context;
    private final Set<TopicPartition> partitions;
    private long idlePolls;

    /** Starts a task with {@code props} and opens {@code partitions}. */
    public TaskDriver(Map<String, String> props, Set<TopicPartition> partitions) {
        this.partitions = Set.copyOf(partitions);
        this.context = new BenchTaskContext(this.partitions);
        task.initialize(context);
        task.start(props);
        task.open(this.partitions);
    }

    /**
     * Puts {@code records} and returns once {@code preCommit} returns, for every partition, the offset after its last
     * record. Throws what the task throws (a failed batch fails the next {@code put}).
     */
    public void deliver(List<SinkRecord> records) {
        Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
        for (SinkRecord r : records) {
            end.merge(new TopicPartition(r.topic(), r.kafkaPartition()), new OffsetAndMetadata(r.kafkaOffset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (!partitions.containsAll(end.keySet())) {
            throw new IllegalArgumentException("records of partitions not opened: " + end.keySet());
        }
        int from = 0;
        while (from < records.size()) {
            if (context.paused().isEmpty()) {
                int to = Math.min(records.size(), from + POLL_RECORDS);
                task.put(records.subList(from, to));
                from = to;
            } else {
                idle();
            }
        }
        while (!acknowledged(task.preCommit(end), end)) {
            idle();
        }
    }

    private void idle() {
        LockSupport.parkNanos(IDLE_POLL_NANOS);
        idlePolls++;
        task.put(List.of());
    }

    private static boolean acknowledged(Map<TopicPartition, OffsetAndMetadata> committable,
                                        Map<TopicPartition, OffsetAndMetadata> end) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : end.entrySet()) {
            OffsetAndMetadata got = committable.get(e.getKey());
            if (got == null || got.offset() < e.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    /** How many times the task paused its partitions so far. */
    public int pauses() {
        return context.pauses();
    }

    /** Polls that delivered no records (while paused, or waiting for acknowledgements) so far. */
    public long idlePolls() {
        return idlePolls;
    }

    @Override
    public void close() {
        try {
            task.close(new HashSet<>(partitions));
        } finally {
            task.stop();
        }
    }
}
