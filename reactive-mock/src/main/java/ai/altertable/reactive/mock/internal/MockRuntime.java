package ai.altertable.reactive.mock.internal;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.db.DatabaseSettings;
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
    /** Tasks that may wait per database thread; more are refused (an error for that request, not a stall). */
    static final int MAX_QUEUED = 100_000;

    private final Map<String, String> users;
    private final UserDatabases databases;
    private final Scheduler dbScheduler;
    private final Scheduler interruptScheduler;
    private final FaultQueue faults = new FaultQueue();
    private final TraceparentLog traceparents = new TraceparentLog();
    private final ColumnShape columnShape;

    /** In-memory databases with DuckDB's default settings. */
    public MockRuntime(Map<String, String> users, int dbThreads, ColumnShape columnShape) {
        this(users, dbThreads, columnShape, DatabaseSettings.IN_MEMORY);
    }

    /**
     * A runtime whose databases follow {@code settings}. With a data directory, the configured users' databases are
     * opened now, so that a file another process holds, or a directory that cannot be written, fails the start
     * rather than a later request.
     *
     * @throws IllegalArgumentException if the settings cannot be used ({@link DatabaseSettings#check()})
     * @throws IllegalStateException    if a user's database file cannot be opened
     */
    public MockRuntime(Map<String, String> users, int dbThreads, ColumnShape columnShape, DatabaseSettings settings) {
        this.users = Map.copyOf(users);
        this.columnShape = columnShape;
        settings.check();
        this.databases = new UserDatabases(settings);
        if (settings.dataDir() != null) {
            try {
                users.forEach(databases::of);
            } catch (RuntimeException e) {
                databases.close();
                throw e;
            }
        }
        this.dbScheduler = Schedulers.newBoundedElastic(dbThreads, MAX_QUEUED, "altertable-mock-db", 60, true);
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

    /**
     * The database threads, for blocking JDBC work (never run DuckDB on an event loop): Reactor's bounded elastic
     * scheduler, whose direct {@code schedule} puts each task on the thread with the fewest tasks queued or running
     * (each thread runs its queue in order). Long work is cut into turns by its owner (REST streams, Flight DoGet),
     * each turn scheduled anew, so that a task scheduled here waits for about one turn of the streams ahead of it, not
     * for whole slices of them.
     */
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

    /** The {@code traceparent} values both servers received. */
    public TraceparentLog traceparents() {
        return traceparents;
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
