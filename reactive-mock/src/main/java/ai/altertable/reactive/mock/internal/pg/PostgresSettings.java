package ai.altertable.reactive.mock.internal.pg;

import java.util.List;
import java.util.Set;

/**
 * Postgres session parameters that clients set and DuckDB does not know: a {@code SET} of one of them is accepted
 * without effect (the values this server reports in ParameterStatus are the ones it keeps).
 */
final class PostgresSettings {

    private static final Set<String> ACCEPTED = Set.of("APPLICATION_NAME", "EXTRA_FLOAT_DIGITS", "CLIENT_ENCODING",
            "DATESTYLE", "INTERVALSTYLE", "STATEMENT_TIMEOUT", "LOCK_TIMEOUT", "IDLE_IN_TRANSACTION_SESSION_TIMEOUT",
            "CLIENT_MIN_MESSAGES", "STANDARD_CONFORMING_STRINGS", "BYTEA_OUTPUT", "SESSION", "NAMES");

    private PostgresSettings() {
    }

    /** Whether {@code SET [SESSION|LOCAL] name ...} names one of the accepted parameters. */
    static boolean handles(String sql) {
        List<String> w = Statements.keywords(sql, 3);
        if (w.size() < 2) {
            return false;
        }
        String name = w.get(1).equals("SESSION") || w.get(1).equals("LOCAL") ? (w.size() > 2 ? w.get(2) : "") : w.get(1);
        return ACCEPTED.contains(name) && !name.equals("SESSION");
    }
}
