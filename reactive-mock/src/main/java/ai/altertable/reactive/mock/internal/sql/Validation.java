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
                try (java.sql.ResultSet rs = s.getResultSet()) {
                    // drain nothing: the plan is not needed, only whether DuckDB could make one
                }
            }
            return ValidateResponse.valid(statement);
        } catch (SQLException e) {
            return ValidateResponse.invalid(statement, SqlMessages.of(e));
        }
    }
}
