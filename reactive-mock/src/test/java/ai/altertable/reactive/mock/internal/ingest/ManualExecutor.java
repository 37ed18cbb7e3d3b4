package ai.altertable.reactive.mock.internal.ingest;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that holds tasks until the test runs them, so "pending" can be observed without sleeping. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        queued.add(task);
    }

    /** Runs every queued task on the calling thread; returns how many ran. */
    int runAll() {
        int ran = 0;
        Runnable task;
        while ((task = next()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    synchronized int queued() {
        return queued.size();
    }

    private synchronized Runnable next() {
        return queued.poll();
    }
}
