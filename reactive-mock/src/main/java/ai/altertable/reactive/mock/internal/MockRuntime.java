package ai.altertable.reactive.mock.internal;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.db.UserDatabases;
import ai.altertable.reactive.mock.internal.fault.FaultQueue;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/**
 * What the REST and Flight sides of one mock share: the configured users, their databases, the bounded scheduler all
 * DuckDB work runs on (and a separate one for interrupts), the fault queue and the settings. Closed with the mock.
 */
public final class MockRuntime implements AutoCloseable {

    /** DuckDB's interrupt may wait for a lock, so a few threads keep one stuck interrupt from holding up others. */
    private static final int INTERRUPT_THREADS = 4;

    private final Map<String, String> users;
    private final UserDatabases databases = new UserDatabases();
    private final Scheduler dbScheduler;
    private final Scheduler interruptScheduler;
    private final FaultQueue faults = new FaultQueue();
    private final ColumnShape columnShape;

    public MockRuntime(Map<String, String> users, int dbThreads, ColumnShape columnShape) {
        this.users = Map.copyOf(users);
        this.columnShape = columnShape;
        this.dbScheduler = Schedulers.newBoundedElastic(dbThreads, 100_000, "altertable-mock-db", 60, true);
        this.interruptScheduler = Schedulers.newBoundedElastic(INTERRUPT_THREADS, 100_000, "altertable-mock-interrupt",
                60, true);
    }

    /** Username to password. */
    public Map<String, String> users() {
        return users;
    }

    public UserDatabases databases() {
        return databases;
    }

    /** Bounded scheduler for blocking JDBC work; never run DuckDB on an event loop. */
    public Scheduler dbScheduler() {
        return dbScheduler;
    }

    /**
     * Threads that interrupt running DuckDB statements (cancel). Kept apart from {@link #dbScheduler()}: when every
     * database thread is busy with a long query, a cancel queued behind them would never run, so nothing could stop
     * those queries.
     */
    public Scheduler interruptScheduler() {
        return interruptScheduler;
    }

    public FaultQueue faults() {
        return faults;
    }

    public ColumnShape columnShape() {
        return columnShape;
    }

    @Override
    public void close() {
        interruptScheduler.dispose();
        dbScheduler.dispose();
        databases.close();
    }
}
