package ai.altertable.reactive.mock.internal.db;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases of all users, created lazily on first use. Each distinct (username, password) pair has its own
 * database, as in the official mock; the REST and Flight sides of one mock share this registry, so a table appended
 * over REST is visible over Flight.
 */
public final class UserDatabases implements AutoCloseable {

    private final Map<String, UserDatabase> databases = new ConcurrentHashMap<>();

    /** The database of an authenticated user. Blocking on first use (DuckDB opens the database); call off the event loop. */
    public UserDatabase of(String username, String password) {
        String key = username + '\u0000' + password;
        return databases.computeIfAbsent(key, k -> open(username));
    }

    private static UserDatabase open(String username) {
        try {
            return new UserDatabase(username);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the in-memory database for " + username, e);
        }
    }

    @Override
    public void close() {
        for (UserDatabase db : databases.values()) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing in-memory databases at shutdown; nothing to recover
            }
        }
        databases.clear();
    }
}
