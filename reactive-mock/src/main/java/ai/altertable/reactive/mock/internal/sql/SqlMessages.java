package ai.altertable.reactive.mock.internal.sql;

import java.sql.SQLException;

/** DuckDB's message of a failed statement, as the server reports it. */
public final class SqlMessages {

    private SqlMessages() {
    }

    public static String of(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
