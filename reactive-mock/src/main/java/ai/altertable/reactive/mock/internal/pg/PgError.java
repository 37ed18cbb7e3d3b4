package ai.altertable.reactive.mock.internal.pg;

/**
 * One ErrorResponse: {@code ERROR} ends the statement, {@code FATAL} the connection.
 *
 * @param severity {@code ERROR} or {@code FATAL}
 * @param sqlState the five-character SQLSTATE
 * @param message  the primary message (never a password)
 */
record PgError(String severity, String sqlState, String message) {

    static PgError error(String sqlState, String message) {
        return new PgError("ERROR", sqlState, message);
    }

    static PgError fatal(String sqlState, String message) {
        return new PgError("FATAL", sqlState, message);
    }

    boolean isFatal() {
        return "FATAL".equals(severity);
    }
}
