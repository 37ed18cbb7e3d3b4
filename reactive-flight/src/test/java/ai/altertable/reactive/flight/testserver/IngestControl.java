package ai.altertable.reactive.flight.testserver;

import org.apache.arrow.flight.CallStatus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test server's ingest does besides recording what it received: it counts the {@code DoPut}s of ingests
 * open at once (and the most ever open), can hold each one, before it reads anything, until the test lets it go, can
 * fail the upload of chosen rows, and counts the uploads the client cancelled.
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
    private volatile Semaphore turns;

    /** From now on every ingest waits, before it reads its upload, for a turn given by {@link #release(int)}. */
    public void hold() {
        turns = new Semaphore(0);
    }

    /** Lets {@code n} held ingests (or the next ones to arrive) go on. */
    public void release(int n) {
        turns.release(n);
    }

    /** Ingests no longer wait; those waiting go on. */
    public void releaseAll() {
        Semaphore s = turns;
        turns = null;
        if (s != null) {
            s.release(Integer.MAX_VALUE / 2);
        }
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

    /** Waits for a turn while ingests are held (at most 30 s). */
    void awaitTurn() throws InterruptedException {
        Semaphore s = turns;
        if (s != null && !s.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("an ingest was held for 30 s and never released by the test");
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
