package ai.altertable.reactive.mock.internal.pg;

import java.sql.SQLException;

/** An ERROR for the client, thrown on the worker and answered with one ErrorResponse. */
final class PgException extends Exception {

    private static final long serialVersionUID = 1L;

    final transient PgError error;

    PgException(String sqlState, String message) {
        super(message, null, false, false);
        this.error = PgError.error(sqlState, message);
    }

    PgException(PgError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** A DuckDB error with the SQLSTATE its class maps to. */
    static PgException of(SQLException e) {
        return new PgException(SqlStates.of(e), SqlStates.message(e));
    }
}
