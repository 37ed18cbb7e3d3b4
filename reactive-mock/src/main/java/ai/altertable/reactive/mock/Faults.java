package ai.altertable.reactive.mock;

import ai.altertable.reactive.mock.internal.fault.FaultQueue;

/**
 * Fault plans for the next requests of a running {@link AltertableMock}: each plan applies to the next
 * {@link FaultPlan#times()} requests to its path, in the order the plans were added. Thread-safe.
 */
public final class Faults {

    private final FaultQueue queue;

    Faults(FaultQueue queue) {
        this.queue = queue;
    }

    /** Queues a plan for the next matching requests. */
    public Faults add(FaultPlan plan) {
        queue.add(plan);
        return this;
    }

    /** The next {@code times} requests to {@code path} are answered with {@code status} and an HTML body. */
    public Faults failNext(int times, String path, int status) {
        return add(FaultPlan.builder().status(status).times(times).path(path).build());
    }

    /** Removes every queued plan. */
    public void clear() {
        queue.clear();
    }
}
