package ai.altertable.reactive.flight.internal;

import io.grpc.Status;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link RecordBatchSource} of {@code total} one-row batches (column {@code n} = the batch number) that counts
 * {@code next()} calls and checks, inside every call, that it does not run ahead of demand plus prefetch, that it runs
 * on a thread allowed to block, and that no scoped function holds the root meanwhile.
 */
final class CountingSource implements RecordBatchSource {

    private final VectorSchemaRoot root;
    private final StreamMemory memory;
    private final int total;
    private final LongSupplier allowed;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger maxExcess = new AtomicInteger(Integer.MIN_VALUE);
    private final AtomicLong maxHeld = new AtomicLong(Long.MIN_VALUE);
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicBoolean cancelled = new AtomicBoolean();
    /** Calls of {@code next()} or {@code close()} made on a Reactor non-blocking thread (must stay 0). */
    final AtomicInteger onNonBlockingThreads = new AtomicInteger();
    /** Calls of {@code next()} or {@code close()} made on any thread but the bridge's io threads (must stay 0). */
    final AtomicInteger offIoThreads = new AtomicInteger();
    /** Set by a test's scoped function while it reads the root. */
    final AtomicBoolean lent = new AtomicBoolean();
    /** Calls of {@code next()} or {@code close()} made while {@link #lent} (must stay 0). */
    final AtomicInteger whileLent = new AtomicInteger();
    final CountDownLatch blockAt;
    final CountDownLatch released = new CountDownLatch(1);
    private final int blockAfter;
    volatile int failAt = -1;
    /** Items the subscriber has received so far, for {@link #maxHeld()}. */
    volatile LongSupplier delivered = () -> Long.MAX_VALUE;

    /**
     * @param allowed    how many successful {@code next()} calls demand plus prefetch allow right now
     * @param blockAfter calls after which {@code next()} blocks until cancelled (-1: never)
     */
    CountingSource(BufferAllocator allocator, int total, LongSupplier allowed, int blockAfter) {
        Schema schema = new Schema(List.of(new Field("n", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        this.memory = new StreamMemory(allocator.newChildAllocator("counting", 0, Long.MAX_VALUE));
        this.root = VectorSchemaRoot.create(schema, memory.allocator());
        this.total = total;
        this.allowed = allowed;
        this.blockAt = blockAfter < 0 ? null : new CountDownLatch(1);
        this.blockAfter = blockAfter;
    }

    @Override
    public boolean next() {
        checkThread();
        int n = calls.get();
        if (blockAt != null && n == blockAfter) {
            blockAt.countDown();
            try {
                released.await(30, TimeUnit.SECONDS); // a blocking wait, like Arrow's: BlockHound sees where it runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw CallStatus.CANCELLED.withDescription("cancelled").toRuntimeException();
        }
        if (n == failAt) {
            throw CallStatus.INVALID_ARGUMENT.withDescription("Failed to query arrow").toRuntimeException();
        }
        if (n >= total) {
            return false;
        }
        int now = calls.incrementAndGet();
        long excess = now - allowed.getAsLong();
        maxExcess.accumulateAndGet((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, excess)), Math::max);
        maxHeld.accumulateAndGet(now - delivered.getAsLong(), Math::max);
        IntVector v = (IntVector) root.getVector(0);
        v.allocateNew(1);
        v.set(0, n);
        root.setRowCount(1);
        return true;
    }

    private void checkThread() {
        if (Schedulers.isInNonBlockingThread()) {
            onNonBlockingThreads.incrementAndGet();
        }
        if (!Thread.currentThread().getName().startsWith("bridge-test-io")) {
            offIoThreads.incrementAndGet();
        }
        if (lent.get()) {
            whileLent.incrementAndGet();
        }
    }

    /** Successful {@code next()} calls so far. */
    int calls() {
        return calls.get();
    }

    /** The largest amount by which calls ever exceeded demand plus prefetch (≤ 0 means never). */
    int maxExcess() {
        return maxExcess.get();
    }

    /** The most batches ever fetched but not yet received by the subscriber, counting the one being fetched. */
    long maxHeld() {
        return maxHeld.get();
    }

    @Override
    public boolean hasRoot() {
        return true;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public DictionaryProvider dictionaries() {
        return new DictionaryProvider.MapDictionaryProvider();
    }

    @Override
    public void cancel() {
        cancelled.set(true);
        released.countDown();
    }

    @Override
    public void close() {
        checkThread();
        closed.set(true);
        root.close();
        memory.release();
    }

    @Override
    public Status status() {
        return null;
    }

    @Override
    public StreamMemory memory() {
        return memory;
    }
}
