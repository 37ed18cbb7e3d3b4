package ai.altertable.reactive.flight.testserver;

import org.apache.arrow.flight.CallStatus;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the test server's ingest does besides recording what it received: it counts the {@code DoPut}s of ingests
 * open at once (and the most ever open), can hold each one after it has read the upload and before it answers until
 * the test lets it go (by the upload's first row, or all) or the client cancels the call, can fail the upload of
 * chosen rows, and counts the calls the client cancelled.
 */
public final class IngestControl {

    /** Fails an upload holding a row whose first column is {@code id}, {@code times} times. */
    private record Failure(CallStatus status, AtomicInteger times) {
    }

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Map<Object, Failure> failures = new ConcurrentHashMap<>();
    private final Set<Object> released = new HashSet<>(); // guarded by this
    private boolean holding; // guarded by this

    /** From now on every ingest waits, after reading its upload, until {@link #release released}. */
    public synchronized void hold() {
        holding = true;
    }

    /** Lets the ingest whose upload's first row has {@code firstId} as first column answer (now or when it comes). */
    public synchronized void release(long firstId) {
        released.add(firstId);
        notifyAll();
    }

    /** Ingests no longer wait; those waiting answer. */
    public synchronized void releaseAll() {
        holding = false;
        notifyAll();
    }

    /** The next {@code times} uploads holding a row whose first column is {@code id} fail with {@code status}. */
    public void fail(long id, CallStatus status, int times) {
        failures.put(id, new Failure(status, new AtomicInteger(times)));
    }

    /** Ingest calls the server has started, in all. */
    public int started() {
        return started.get();
    }

    /** Ingest calls open right now (held, reading or answering). */
    public int open() {
        return open.get();
    }

    /** The most ingest calls ever open at once. */
    public int maxOpen() {
        return maxOpen.get();
    }

    /** Ingest calls that ended cancelled by the client. */
    public int cancelled() {
        return cancelled.get();
    }

    // ---- the server's side

    void opened() {
        started.incrementAndGet();
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    void closed(boolean wasCancelled) {
        if (wasCancelled) {
            cancelled.incrementAndGet();
        }
        open.decrementAndGet();
    }

    /** Waits while ingests are held, until this one is released or its call cancelled (at most 30 s). */
    synchronized void awaitTurn(Object firstId, BooleanSupplier callCancelled) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (holding && !released.contains(firstId) && !callCancelled.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("an ingest was held for 30 s and never released by the test");
            }
            wait(5); // a cancel is not signalled to the handler: look at the call again soon
        }
    }

    /** The status to fail an upload of these first-column values with, or {@code null}. */
    CallStatus failureFor(List<Object> firstColumn) {
        for (Object value : firstColumn) {
            Failure f = value == null ? null : failures.get(value);
            if (f != null && f.times().getAndDecrement() > 0) {
                return f.status();
            }
        }
        return null;
    }
}
