package ai.altertable.reactive.mock.internal.sql;

import ai.altertable.reactive.core.model.ValidateResponse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code POST /validate} (protocol §9.1): a statement is valid when DuckDB can {@code EXPLAIN} it. As in the official
 * mock, {@code EXPLAIN a; b} runs {@code a} for real, so multi-statement text can change data. Blocking: call on the
 * database scheduler.
 */
public final class Validation {

    private Validation() {
    }

    public static ValidateResponse validate(Connection c, String statement) {
        try (Statement s = c.createStatement()) {
            if (s.execute("EXPLAIN " + statement)) {
                s.getResultSet().close(); // DuckDB hands the result set out once: a second getResultSet() is null
            }
            return ValidateResponse.valid(statement);
        } catch (SQLException e) {
            return ValidateResponse.invalid(statement, SqlMessages.of(e));
        }
    }
}
