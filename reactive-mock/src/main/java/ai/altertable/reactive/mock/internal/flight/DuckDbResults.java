package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a prepared DuckDB statement and exposes its result as Arrow, the way the official mock's
 * {@code query_arrow} sees it (protocol §13.2): a query streams DuckDB's own Arrow export; a statement that returns no
 * result set (DDL, DML, {@code BEGIN}, {@code SET}…) gives the single result column DuckDB reports for it, with one row
 * holding the changed-row count for DML ({@code Count}) and no row otherwise.
 */
final class DuckDbResults {

    private DuckDbResults() {
    }

    /**
     * Executes {@code statement} (interruptibly) and returns its rows; the statement and its result set are handed to
     * {@code interruptible}, which closes them.
     */
    static ArrowReader execute(PreparedStatement statement, BufferAllocator allocator, Interruptible interruptible)
            throws Exception {
        interruptible.statement(statement);
        boolean query = interruptible.run(statement::execute);
        if (query) {
            ResultSet rows = statement.getResultSet();
            interruptible.resultSet(rows);
            return (ArrowReader) rows.unwrap(DuckDBResultSet.class)
                    .arrowExportStream(allocator, DoGetStream.BATCH_ROWS);
        }
        DuckDBResultSetMetaData metadata = statement.getMetaData().unwrap(DuckDBResultSetMetaData.class);
        Schema schema = ArrowSchemas.of(metadata);
        boolean changedRows = metadata.getReturnType() == StatementReturnType.CHANGED_ROWS;
        long count = Math.max(0, statement.getLargeUpdateCount());
        return new RootReader(allocator, schema, root -> fillCount(root, changedRows, count));
    }

    private static void fillCount(VectorSchemaRoot root, boolean changedRows, long count) {
        if (changedRows && root.getFieldVectors().size() == 1 && root.getVector(0) instanceof BigIntVector) {
            BigIntVector column = (BigIntVector) root.getVector(0);
            column.allocateNew(1);
            column.set(0, count);
            root.setRowCount(1);
        } else {
            root.allocateNew();
            root.setRowCount(0);
        }
    }

    /** Runs one statement of SQL text: the changed-row count for DML, 0 for anything else (a result is discarded). */
    static long run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean query = statement.execute(sql);
            if (query) {
                statement.getResultSet().close();
                return 0;
            }
            return Math.max(0, statement.getLargeUpdateCount());
        }
    }

    /** The update count of an executed statement: changed rows for DML, 0 for anything else. */
    static long updateCount(PreparedStatement statement, boolean query) throws SQLException {
        if (query) {
            statement.getResultSet().close();
            return 0;
        }
        return Math.max(0, statement.getLargeUpdateCount());
    }
}
