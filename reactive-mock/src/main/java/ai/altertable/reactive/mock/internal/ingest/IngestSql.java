package ai.altertable.reactive.mock.internal.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs ingestion SQL: single statements in autocommit, and blocks of work inside one explicit DuckDB transaction
 * ({@code BEGIN TRANSACTION} … {@code COMMIT}, {@code ROLLBACK} on failure), which makes every ingestion
 * all-or-nothing. The transaction is opened with SQL rather than JDBC auto-commit so that a connection already inside
 * a transaction fails the way DuckDB words it ("cannot start a transaction within a transaction"), as the official
 * mock does. That failed {@code BEGIN} is itself a failed statement, so DuckDB aborts the caller's open transaction:
 * its later {@code COMMIT} rolls back. The mock gives every request a fresh connection, so this only matters to a
 * caller that hands in a connection with a transaction open.
 */
final class IngestSql {

    /** Work that runs inside the transaction. */
    @FunctionalInterface
    interface Work {
        /** Runs statements on the connection; any exception rolls the transaction back. */
        void run() throws SQLException;
    }

    private IngestSql() {
    }

    /** Runs one statement. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code CREATE SCHEMA IF NOT EXISTS "catalog"."schema"}: fails with DuckDB's message when the catalog is missing. */
    static void createSchema(Connection connection, TableName table) throws SQLException {
        execute(connection, "CREATE SCHEMA IF NOT EXISTS " + table.schemaSql());
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    static void inTransaction(Connection connection, Work work) throws SQLException {
        begin(connection);
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
        commit(connection);
    }

    /** {@code BEGIN TRANSACTION}; the caller ends it with {@link #commit} or {@link #rollback}. */
    static void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN TRANSACTION");
    }

    /**
     * {@code COMMIT}. DuckDB checks conflicts with concurrent transactions here (a table dropped or altered meanwhile, a
     * duplicate key committed meanwhile); when it fails, whatever is left of the transaction is rolled back.
     */
    static void commit(Connection connection) throws SQLException {
        try {
            execute(connection, "COMMIT");
        } catch (SQLException e) {
            rollback(connection, e);
            throw e;
        }
    }

    /** DuckDB's message for a failure; never null. */
    static String message(SQLException e) {
        return ai.altertable.reactive.mock.internal.sql.SqlMessages.of(e);
    }

    /** {@code ROLLBACK}; a failure to roll back is added to {@code cause} as suppressed. */
    static void rollback(Connection connection, Exception cause) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
