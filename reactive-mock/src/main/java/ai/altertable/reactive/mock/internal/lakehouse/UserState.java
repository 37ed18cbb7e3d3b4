package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.db.UserDatabase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One user's REST-side state: their database, query log and the queries currently streaming. */
final class UserState {

    private final UserDatabase database;
    private final QueryLog log = new QueryLog();
    private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();

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
}
