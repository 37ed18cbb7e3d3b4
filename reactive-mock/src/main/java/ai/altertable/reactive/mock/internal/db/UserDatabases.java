package ai.altertable.reactive.mock.internal.db;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases of all users, opened lazily on first use (or at start, for a data directory: see
 * {@link ai.altertable.reactive.mock.internal.MockRuntime}). Each distinct (username, password) pair has its own
 * database, as in the official mock (with a data directory, one file per username: {@link DatabaseSettings}); the REST
 * and Flight sides of one mock share this registry, so a table appended over REST is visible over Flight.
 */
public final class UserDatabases implements AutoCloseable {

    private final Map<String, UserDatabase> databases = new ConcurrentHashMap<>();
    private final DatabaseSettings settings;

    /** In-memory databases with DuckDB's default settings. */
    public UserDatabases() {
        this(DatabaseSettings.IN_MEMORY);
    }

    public UserDatabases(DatabaseSettings settings) {
        this.settings = settings;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The database of an authenticated user. Blocking on first use (DuckDB opens the database); call off the event loop. */
    public UserDatabase of(String username, String password) {
        String key = username + '\u0000' + password;
        return databases.computeIfAbsent(key, k -> open(username));
    }

    private UserDatabase open(String username) {
        try {
            return new UserDatabase(username, settings);
        } catch (SQLException e) {
            java.nio.file.Path file = settings.fileOf(username);
            throw new IllegalStateException("cannot open the " + (file == null ? "in-memory database" : "database file "
                    + file) + " of " + username + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (UserDatabase db : databases.values()) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing at shutdown; nothing to recover (a file database replays its write-ahead log on reopening)
            }
        }
        databases.clear();
    }
}
