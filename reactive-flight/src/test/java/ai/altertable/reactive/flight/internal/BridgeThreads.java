package ai.altertable.reactive.flight.internal;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two schedulers of a {@link BatchStream} under test, shaped like the client's ({@link FlightThreads}): ordinary
 * io threads that may block, and delivery threads that are non-blocking in Reactor's sense (so BlockHound, installed in
 * the tests, fails any blocking call there). Counts the io tasks that have finished, so that a test can wait until the
 * io side has reacted to something.
 */
final class BridgeThreads implements AutoCloseable {

    private final Scheduler ioThreads;
    private final AtomicInteger ioTasksScheduled = new AtomicInteger();
    private final AtomicInteger ioTasksDone = new AtomicInteger();
    final Scheduler delivery = Schedulers.newParallel("bridge-test-delivery", 2);
    final Scheduler io = new Scheduler() {
        @Override
        public Disposable schedule(Runnable task) {
            return ioThreads.schedule(counted(task));
        }

        @Override
        public Worker createWorker() {
            Worker worker = ioThreads.createWorker();
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    Disposable scheduled = worker.schedule(counted(task)); // throws when refused: never counted
                    ioTasksScheduled.incrementAndGet();
                    return scheduled;
                }

                @Override
                public void dispose() {
                    worker.dispose();
                }

                @Override
                public boolean isDisposed() {
                    return worker.isDisposed();
                }
            };
        }
    };

    BridgeThreads() {
        this(2);
    }

    BridgeThreads(int ioThreadCount) {
        ioThreads = Schedulers.newBoundedElastic(ioThreadCount, 100, "bridge-test-io");
    }

    private Runnable counted(Runnable task) {
        return () -> {
            try {
                task.run();
            } finally {
                ioTasksDone.incrementAndGet();
            }
        };
    }

    /** Io tasks that have run to their end so far. */
    int ioTasksDone() {
        return ioTasksDone.get();
    }

    /** Io tasks scheduled on workers so far. */
    int ioTasksScheduled() {
        return ioTasksScheduled.get();
    }

    /**
     * Busy-waits (never a blocking wait: callers may be on a non-blocking thread) until every io task scheduled so far
     * has run, which, for a single stream, means that its io side has reacted to what happened before this call.
     */
    void awaitIoQuiet() {
        int target = ioTasksScheduled.get();
        long deadline = System.nanoTime() + BatchStreamTest.TIMEOUT.toNanos();
        while (ioTasksDone.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the io side did not run within " + BatchStreamTest.TIMEOUT);
            }
            BatchStreamTest.spin(100); // not Thread.onSpinWait(), which BlockHound reports
        }
    }

    @Override
    public void close() {
        ioThreads.dispose();
        delivery.dispose();
    }
}
