package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.mock.internal.fault.FaultQueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DoGet streams of a mock: the running ones (cancelled at shutdown, waited for so that every buffer is freed
 * before the allocator closes) and the last {@value #KEEP_FINISHED} finished ones, for tests; and the fault plans
 * queued for them ({@link FaultPlan#FLIGHT_DO_GET}).
 */
final class FlightStreams {

    static final int KEEP_FINISHED = 256;

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, DoGetStream> running = new LinkedHashMap<>();
    private final Deque<ObservedFlightStream> finished = new ArrayDeque<>();
    private final FaultQueue faults;

    FlightStreams(FaultQueue faults) {
        this.faults = faults;
    }

    /** Rows after which the next DoGet is aborted by an injected fault, or -1 (consumes the plan). */
    long abortAfterRows() {
        FaultPlan plan = faults.nextFor(FaultPlan.FLIGHT_DO_GET);
        return plan == null ? -1 : plan.errorAfterRows();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    synchronized void started(DoGetStream stream) {
        running.put(stream.id(), stream);
    }

    synchronized void ended(DoGetStream stream) {
        finished.addLast(stream.observe());
        if (finished.size() > KEEP_FINISHED) {
            finished.removeFirst();
        }
        running.remove(stream.id());
        notifyAll();
    }

    /** Running and recently finished streams, oldest first. */
    synchronized List<ObservedFlightStream> snapshot() {
        List<ObservedFlightStream> all = new ArrayList<>(finished);
        running.values().forEach(s -> all.add(s.observe()));
        all.sort(Comparator.comparingLong(ObservedFlightStream::id));
        return all;
    }

    /** Cancels every running stream and waits until all have released their buffers; false on timeout. */
    boolean cancelAll(Duration timeout) throws InterruptedException {
        List<DoGetStream> open;
        synchronized (this) {
            open = new ArrayList<>(running.values());
        }
        open.forEach(DoGetStream::cancel);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
