package ai.altertable.reactive.mock.internal.pg;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * SQLSTATE codes for DuckDB's errors. DuckDB names the class of an error at the start of its message ({@code Catalog
 * Error: Table with name x does not exist!}); the first row whose class and message fragment match gives the code.
 */
final class SqlStates {

    /** class prefix, a fragment of the message (lower case, "" for any), SQLSTATE: first match wins. */
    private static final List<String[]> TABLE = List.of(
            new String[] {"catalog error", "table with name", "does not exist", "42P01"},
            new String[] {"catalog error", "view with name", "does not exist", "42P01"},
            new String[] {"catalog error", "already exists", "", "42P07"},
            new String[] {"catalog error", "function with name", "", "42883"},
            new String[] {"catalog error", "schema with name", "", "3F000"},
            new String[] {"catalog error", "", "", "42704"},
            new String[] {"parser error", "", "", "42601"},
            new String[] {"syntax error", "", "", "42601"},
            new String[] {"binder error", "referenced column", "", "42703"},
            new String[] {"binder error", "no function matches", "", "42883"},
            new String[] {"binder error", "", "", "42P18"},
            new String[] {"conversion error", "", "", "22P02"},
            new String[] {"invalid input error", "", "", "22P02"},
            new String[] {"out of range error", "", "", "22003"},
            new String[] {"constraint error", "duplicate key", "", "23505"},
            new String[] {"constraint error", "not null", "", "23502"},
            new String[] {"constraint error", "foreign key", "", "23503"},
            new String[] {"constraint error", "", "", "23514"},
            new String[] {"transaction", "aborted", "", "25P02"},
            new String[] {"transactioncontext error", "", "", "25000"},
            new String[] {"interrupt error", "", "", "57014"},
            new String[] {"not implemented error", "", "", "0A000"},
            new String[] {"permission error", "", "", "42501"},
            new String[] {"out of memory error", "", "", "53200"},
            new String[] {"io error", "", "", "58030"});

    private SqlStates() {
    }

    /** The SQLSTATE of a DuckDB error; {@code XX000} (internal error) when nothing matches. */
    static String of(SQLException e) {
        String m = message(e).toLowerCase(Locale.ROOT);
        for (String[] row : TABLE) {
            if (m.startsWith(row[0]) && m.contains(row[1]) && m.contains(row[2])) {
                return row[3];
            }
        }
        return "XX000";
    }

    /** What a statement stopped by a CancelRequest (or its client leaving) reports, as PostgreSQL words it. */
    static PgError canceled() {
        return PgError.error("57014", "canceling statement due to user request");
    }

    static String message(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip();
    }
}
