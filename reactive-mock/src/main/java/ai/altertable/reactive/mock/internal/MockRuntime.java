package ai.altertable.reactive.mock.internal;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.db.UserDatabases;
import ai.altertable.reactive.mock.internal.fault.FaultQueue;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/**
 * What the REST and Flight sides of one mock share: the configured users, their databases, the bounded scheduler all
 * DuckDB work runs on, the fault queue and the settings. Closed with the mock.
 */
public final class MockRuntime implements AutoCloseable {

    private final Map<String, String> users;
    private final UserDatabases databases = new UserDatabases();
    private final Scheduler dbScheduler;
    private final FaultQueue faults = new FaultQueue();
    private final ColumnShape columnShape;

    public MockRuntime(Map<String, String> users, int dbThreads, ColumnShape columnShape) {
        this.users = Map.copyOf(users);
        this.columnShape = columnShape;
        this.dbScheduler = Schedulers.newBoundedElastic(dbThreads, 100_000, "altertable-mock-db", 60, true);
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

    public FaultQueue faults() {
        return faults;
    }

    public ColumnShape columnShape() {
        return columnShape;
    }

    @Override
    public void close() {
        dbScheduler.dispose();
        databases.close();
    }
}
