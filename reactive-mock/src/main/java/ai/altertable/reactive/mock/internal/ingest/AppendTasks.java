package ai.altertable.reactive.mock.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /append} as the client spec describes it, without losing a row a client was told was accepted.
 *
 * <p><b>Refused before answering, whatever {@code sync} says.</b> The rows are written inside a transaction before the
 * answer: the table is looked up once, every key must be a column and every value's JSON shape must fit its column's
 * type ({@code incompatible-schema} otherwise), and DuckDB then converts every value and checks every constraint while
 * inserting ({@code invalid-data} otherwise, as for a missing catalog or table). A refusal is
 * {@code 200 {"ok":false,"error_code":…,"error_message":…}} with nothing written and no task. What is left after that
 * is the commit, which only a concurrent transaction can make fail (the table dropped or altered meanwhile, a duplicate
 * key committed meanwhile).
 *
 * <p><b>Accepted: the commit is the task.</b> Without {@code sync} (or with {@code sync=false}) the answer is
 * {@code 200 {"ok":true,"error_code":null,"task_id":…}} as soon as the rows are written, and the commit runs as the
 * task, {@code pending} until it ran; the rows become visible when it is {@code completed}. A commit that fails makes
 * the task {@code failed} (an extension of this mock; the spec has only {@code pending} and {@code completed}) with
 * {@code error_message} {@code "invalid-data: <DuckDB's message>"}, visible only through {@code GET /tasks/{id}}. With
 * {@code sync=true} the commit runs before answering: the answer is the outcome, with the id of a task that is already
 * {@code completed} when the rows are committed, and a refusal without task otherwise. The official mock ignores
 * {@code sync} and always answers after writing, without a task id.
 *
 * <p>Decided without any database work: a body that is not one object or an array of objects is
 * {@code 400 invalid-data}; an empty array is {@code 200 ok} with no task.
 *
 * <p>{@link #submit} does no blocking work itself: the writing runs on the executor (the database scheduler, never an
 * event loop), and the returned future completes on the executor's thread.
 */
public final class AppendTasks {

    private AppendTasks() {
    }

    /**
     * Writes (or refuses) an append on {@code executor}, and commits it there: before the answer when {@code sync},
     * else as a task of {@code tasks}.
     *
     * @param tasks    the user's task registry
     * @param executor where the database work runs (a bounded pool or a Reactor scheduler's executor, never an event
     *                 loop)
     * @param database opens the user's connection for the append
     * @param body     the parsed request body
     * @param sync     the {@code sync} query parameter: commit before answering
     * @return the response to send
     * @throws RejectedExecutionException if the executor refuses the work
     */
    public static CompletableFuture<AppendOutcome> submit(TaskRegistry tasks, Executor executor,
                                                          ConnectionSource database, String catalog, String schema,
                                                          String table, JsonNode body, boolean sync) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(database, "database");
        TableName target = new TableName(catalog, schema, table);
        Optional<List<ObjectNode>> rows = AppendRows.of(body);
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(AppendOutcome.invalidBody());
        }
        if (rows.get().isEmpty()) {
            return CompletableFuture.completedFuture(AppendOutcome.success());
        }
        return CompletableFuture.supplyAsync(() -> write(tasks, executor, database, target, rows.get(), sync),
                executor);
    }

    private static AppendOutcome write(TaskRegistry tasks, Executor executor, ConnectionSource database,
                                       TableName target, List<ObjectNode> rows, boolean sync) {
        Connection connection;
        try {
            connection = database.open();
        } catch (SQLException e) {
            return AppendOutcome.invalidData(IngestSql.message(e));
        }
        Optional<AppendOutcome> refusal;
        try {
            refusal = JsonAppend.writeUncommitted(connection, target, rows);
        } catch (RuntimeException | Error e) {
            closeQuietly(connection);
            throw e;
        }
        if (refusal.isPresent()) {
            closeQuietly(connection);
            return refusal.get();
        }
        Commit commit = new Commit(connection);
        if (!sync) {
            try {
                return AppendOutcome.accepted(tasks.run(executor, commit).taskId());
            } catch (RejectedExecutionException shuttingDown) {
                // no thread left to commit later (the server is stopping): commit now, as sync=true would
            }
        }
        AppendOutcome committed = commit.run();
        return committed.ok() ? AppendOutcome.accepted(tasks.completed()) : committed;
    }

    /** The commit of written rows; it owns their connection, closed once committed or released. */
    private static final class Commit implements TaskRegistry.Work {

        private final Connection connection;

        Commit(Connection connection) {
            this.connection = connection;
        }

        @Override
        public AppendOutcome run() {
            try {
                return JsonAppend.commit(connection);
            } finally {
                closeQuietly(connection);
            }
        }

        /** Closing a DuckDB connection rolls its open transaction back. */
        @Override
        public void release() {
            closeQuietly(connection);
        }
    }

    /** The outcome is already decided (committed or rolled back); a failing close must not turn it into a failure. */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to undo: the transaction has been committed or rolled back
        }
    }
}
