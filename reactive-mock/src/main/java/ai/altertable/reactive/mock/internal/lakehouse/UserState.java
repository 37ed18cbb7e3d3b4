package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.db.UserDatabase;
import ai.altertable.reactive.mock.internal.ingest.TaskRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user's REST-side state: their database, query log, the queries currently streaming, and append tasks. Closed
 * with the server, before the database: {@link #close()} rolls back the appends whose commit has not run.
 */
final class UserState implements AutoCloseable {

    private final UserDatabase database;
    private final QueryLog log = new QueryLog();
    private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();
    private final TaskRegistry tasks = new TaskRegistry();

    UserState(UserDatabase database) {
        this.database = database;
    }

    UserDatabase database() {
        return database;
    }

    QueryLog log() {
        return log;
    }

    Map<String, RunningQuery> running() {
        return running;
    }

    /** Asynchronous appends and their status, for {@code GET /tasks/{id}}. */
    TaskRegistry tasks() {
        return tasks;
    }

    /** Gives up the append tasks that have not committed (their transactions are rolled back). */
    @Override
    public void close() {
        tasks.close();
    }
}
