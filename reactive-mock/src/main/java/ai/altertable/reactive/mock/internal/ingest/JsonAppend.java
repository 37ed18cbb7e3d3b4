package ai.altertable.reactive.mock.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The database side of {@code POST /append}: writes JSON objects into an existing table. Blocking JDBC work: call it on
 * a worker thread. {@link AppendTasks} calls {@link #writeUncommitted} before answering, and {@link #commit} before
 * answering ({@code sync=true}) or in the append's task.
 *
 * <p>Follows the client spec rather than the official mock where they differ:
 * <ul>
 *   <li>the whole array is <b>one transaction</b>: either every object is written or none is (the official mock
 *       autocommits each object, so a failure part-way leaves the earlier ones written);</li>
 *   <li>keys that are not table columns, and values whose JSON shape cannot be of their column's type
 *       ({@link TypeConflicts}), answer {@code incompatible-schema} naming them (the official mock:
 *       {@code invalid-data}); a missing catalog or table, a value that does not convert and a constraint violation
 *       answer {@code invalid-data};</li>
 *   <li>every failure carries {@code error_message}, DuckDB's text where DuckDB failed.</li>
 * </ul>
 * As in the official mock: the table is never created (a missing table is {@code invalid-data}), a missing schema is
 * created (and stays), a missing catalog is {@code invalid-data}, and an empty array succeeds without touching the
 * database.
 *
 * <p>Performance: objects are not turned into SQL literals one by one; each {@link InsertGroup} is one prepared
 * {@code INSERT} with the group's JSON array bound as a single parameter; a homogeneous array is one statement.
 * 10,000 objects (1.6 MB, seven columns including a LIST and a STRUCT) take about 0.1 to 0.2 s on a 2-core machine.
 */
public final class JsonAppend {

    private JsonAppend() {
    }

    /**
     * Appends {@code body} (one object or an array of objects) to {@code catalog.schema.table}.
     *
     * @param connection the user's connection, not inside a transaction; not closed here
     * @return the outcome, with no task id
     */
    public static AppendOutcome append(Connection connection, String catalog, String schema, String table,
                                       JsonNode body) {
        Optional<List<ObjectNode>> rows = AppendRows.of(body);
        if (rows.isEmpty()) {
            return AppendOutcome.invalidBody();
        }
        return append(connection, new TableName(catalog, schema, table), rows.get());
    }

    /** Appends objects already checked by {@link AppendRows}, and commits. */
    static AppendOutcome append(Connection connection, TableName target, List<ObjectNode> rows) {
        Objects.requireNonNull(connection, "connection");
        if (rows.isEmpty()) {
            return AppendOutcome.success();
        }
        Optional<AppendOutcome> refusal = writeUncommitted(connection, target, rows);
        return refusal.orElseGet(() -> commit(connection));
    }

    /**
     * Writes objects already checked by {@link AppendRows} (at least one) inside a transaction it opens and leaves
     * open, so that everything that can refuse them has been tried: the table and its columns, every value's type and
     * conversion, every constraint. What remains is {@link #commit}, which can only fail on a conflict with a
     * concurrent transaction.
     *
     * @return empty when the rows are written and the transaction is open (the caller commits or rolls back); else the
     *         refusal, with nothing written and no transaction open
     */
    static Optional<AppendOutcome> writeUncommitted(Connection connection, TableName target, List<ObjectNode> rows) {
        AppendPlan plan;
        try {
            IngestSql.createSchema(connection, target);
            plan = AppendPlan.of(target, TableColumns.describe(connection, target), rows);
        } catch (SQLException e) {
            return Optional.of(AppendOutcome.invalidData(IngestSql.message(e)));
        }
        if (plan.failure().isPresent()) {
            return plan.failure();
        }
        try {
            IngestSql.begin(connection);
        } catch (SQLException e) {
            return Optional.of(AppendOutcome.invalidData(IngestSql.message(e)));
        }
        try {
            for (InsertGroup group : plan.groups()) {
                insert(connection, target, group);
            }
            return Optional.empty();
        } catch (SQLException e) {
            IngestSql.rollback(connection, e);
            return Optional.of(AppendOutcome.invalidData(IngestSql.message(e)));
        } catch (RuntimeException e) {
            IngestSql.rollback(connection, e);
            throw e;
        }
    }

    /**
     * Commits what {@link #writeUncommitted} wrote: success, or {@code invalid-data} with DuckDB's message when a
     * concurrent transaction conflicts (then nothing is written).
     */
    static AppendOutcome commit(Connection connection) {
        try {
            IngestSql.commit(connection);
            return AppendOutcome.success();
        } catch (SQLException e) {
            return AppendOutcome.invalidData(IngestSql.message(e));
        }
    }

    private static void insert(Connection connection, TableName target, InsertGroup group) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(group.sql(target))) {
            statement.setString(1, group.json());
            statement.executeUpdate();
        }
    }
}
