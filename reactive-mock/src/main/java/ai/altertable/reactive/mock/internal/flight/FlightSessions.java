package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.core.internal.RandomIds;
import ai.altertable.reactive.mock.internal.db.UserDatabases;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Every Flight session of a mock, by (user, session id) (protocol §4). Sessions are created on first use and never
 * expire; {@code CloseSession} keeps them, as the official mock does. A call whose credentials carry no session id
 * gets an {@linkplain #ephemeral ephemeral} session of its own, closed when the call ends (the official mock keeps
 * those forever, one per call; nothing can reach them again, so this mock frees them).
 */
final class FlightSessions implements AutoCloseable {

    private record Key(String username, String sessionId) {
    }

    private final Map<Key, MockFlightSession> sessions = new ConcurrentHashMap<>();
    private final UserDatabases databases;
    private final Executor db;

    FlightSessions(UserDatabases databases, Executor db) {
        this.databases = databases;
        this.db = db;
    }

    /** The session named by {@code credentials}, which must carry a session id; created on first use. */
    MockFlightSession named(CallCredentials credentials) {
        return sessions.computeIfAbsent(new Key(credentials.username(), credentials.sessionId()),
                key -> create(credentials, key.sessionId()));
    }

    /** A new session that nobody else can reach. The caller closes it ({@link MockFlightSession#closeWhenIdle()}). */
    MockFlightSession ephemeral(CallCredentials credentials) {
        return create(credentials, RandomIds.uuid().toString());
    }

    private MockFlightSession create(CallCredentials credentials, String id) {
        String username = credentials.username();
        String password = credentials.password();
        // opening a user's database blocks: MockFlightSession calls this only on the database scheduler
        return new MockFlightSession(username, id, () -> databases.of(username, password), db);
    }

    /** Closes every session's connection; at shutdown, after the server has stopped. */
    @Override
    public void close() {
        sessions.values().forEach(MockFlightSession::closeConnection);
        sessions.clear();
    }
}
