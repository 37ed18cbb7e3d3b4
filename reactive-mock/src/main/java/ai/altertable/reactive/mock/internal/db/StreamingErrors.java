package ai.altertable.reactive.mock.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Recovers DuckDB's message for a statement that fails inside its first result chunk. With
 * {@code jdbc_stream_results} on (see {@link UserDatabase}), DuckDB JDBC reports such a failure as
 * {@value #LOST_MESSAGE} and closes the statement; without streaming the same statement fails with the real text
 * (for example {@code Conversion Error: Could not convert string 'x' to INT32 ...}), which is what the official mock
 * reports. So the statement is run once more, unstreamed, inside a transaction that is always rolled back, to read
 * that text.
 *
 * <p>Only single-statement text is run again: in multi-statement text the earlier statements run at prepare time, and
 * some (a {@code COMMIT}, an {@code ATTACH}) would escape the rollback. When the text has a {@code ;} before its end,
 * or the second run does not fail, the generic message stays. Blocking: call on the database scheduler.
 */
public final class StreamingErrors {

    /** What DuckDB JDBC says when a streamed statement fails before its first chunk. */
    public static final String LOST_MESSAGE = "Invalid Input Error: Invalid result set";

    private StreamingErrors() {
    }

    /** The message to report for {@code failure} of {@code sql} on {@code connection}. */
    public static String message(Connection connection, String sql, SQLException failure) {
        String m = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!m.equals(LOST_MESSAGE) || !isSingleStatement(sql)) {
            return m;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET jdbc_stream_results = false");
            s.execute("BEGIN TRANSACTION");
            try (PreparedStatement again = connection.prepareStatement(sql)) {
                again.execute();
            } catch (SQLException real) {
                return real.getMessage() == null ? m : real.getMessage();
            } finally {
                s.execute("ROLLBACK");
            }
        } catch (SQLException retryFailed) {
            return m; // the connection is in no state to try: keep what DuckDB said first
        }
        return m;
    }

    private static boolean isSingleStatement(String sql) {
        String t = sql.strip();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t.indexOf(';') < 0;
    }
}
