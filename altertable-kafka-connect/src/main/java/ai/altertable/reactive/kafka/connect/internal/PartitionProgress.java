package ai.altertable.reactive.kafka.connect.internal;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The records of one partition the task received, in the order it received them, and which of them are done (their
 * batch acknowledged by the server, or the record reported as errant): the offset that may be committed is the one
 * after the last record of the longest done prefix. A record done out of order (its batch acknowledged before an
 * earlier one) waits for the records before it, so no offset is committed past a record that is not written.
 *
 * <p>Offsets are taken as they come: a partition's offsets may have gaps (compaction, transaction markers), so the
 * prefix is over received records, not over consecutive numbers.
 *
 * <p>Threads: {@link #received} and {@link #committable} are called by the task's thread (the worker's), and
 * {@link Pending#done()} by any thread (where a batch is acknowledged).
 */
public final class PartitionProgress {

    /** One received record; {@link #done()} once it needs no more work. */
    public static final class Pending {
        private final long offset;
        private volatile boolean done;

        Pending(long offset) {
            this.offset = offset;
        }

        /** Marks the record written (or reported); idempotent, any thread. */
        public void done() {
            done = true;
        }
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private long next = -1;

    /** Records the receipt of the record at {@code offset}; the task's thread only. */
    public Pending received(long offset) {
        Pending p = new Pending(offset);
        pending.add(p);
        return p;
    }

    /**
     * The offset to commit (the next record to read), once at least one record is done; advances past the done
     * prefix. The task's thread only.
     */
    public OptionalLong committable() {
        Pending head;
        while ((head = pending.peek()) != null && head.done) {
            next = head.offset + 1;
            pending.poll();
        }
        return next < 0 ? OptionalLong.empty() : OptionalLong.of(next);
    }

}
