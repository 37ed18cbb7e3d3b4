package ai.altertable.reactive.mock.internal.ingest;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor that holds tasks until the test runs them, so "pending" can be observed without sleeping. */
final class ManualExecutor implements Executor {

    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

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

    /** Runs the most recently queued task on the calling thread, leaving older ones queued; false if none. */
    boolean runLatest() {
        Runnable task;
        synchronized (this) {
            task = queued.pollLast();
        }
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    synchronized int queued() {
        return queued.size();
    }

    private synchronized Runnable next() {
        return queued.poll();
    }
}
