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

/**
 * {@code POST /append} as the client spec describes it: every append that has rows to write becomes a task of the
 * user's {@link TaskRegistry}, run on a worker executor with its own connection.
 *
 * <p><b>Default is asynchronous.</b> The spec gives the response a {@code task_id} "to poll through
 * {@code GET /tasks/{task_id}}" and says that with {@code sync=true} the server finishes the task before answering;
 * so without {@code sync} (or with {@code sync=false}) the answer is {@code 200 {"ok":true,…,"task_id":…}} as soon as
 * the task is registered, meaning <em>accepted</em>, and a failure only shows in the task's status. With
 * {@code sync=true} the answer is the append's real outcome, with the task id of the (already finished) task. Clients
 * that read their writes right away must send {@code sync=true}, as the spec recommends. The official mock ignores
 * {@code sync} and always answers after writing, without a task id.
 *
 * <p>Decided before any task exists, whatever {@code sync} says: a body that is not one object or an array of objects
 * is {@code 400 invalid-data}; an empty array is {@code 200 ok} with no task and no database access.
 *
 * <p>{@link #submit} does no blocking work (the body is already parsed), so it may be called on an event loop; the
 * returned future completes on the executor's thread.
 */
public final class AppendTasks {

    private AppendTasks() {
    }

    /**
     * Starts (or refuses) an append.
     *
     * @param tasks    the user's task registry
     * @param executor where the database work runs (a bounded pool or a Reactor scheduler's executor, never an event
     *                 loop)
     * @param database opens the user's connection for the task
     * @param body     the parsed request body
     * @param sync     the {@code sync} query parameter: wait for the task to finish
     * @return the response to send: immediately complete unless {@code sync} and there is work to do
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the task
     */
    public static CompletableFuture<AppendOutcome> submit(TaskRegistry tasks, Executor executor,
                                                          ConnectionSource database, String catalog, String schema,
                                                          String table, JsonNode body, boolean sync) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(database, "database");
        TableName target = new TableName(catalog, schema, table);
        Optional<List<ObjectNode>> rows = AppendRows.of(body);
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(AppendOutcome.invalidBody());
        }
        if (rows.get().isEmpty()) {
            return CompletableFuture.completedFuture(AppendOutcome.success());
        }
        TaskRegistry.Submitted task = tasks.run(executor, () -> append(database, target, rows.get()));
        return sync ? task.completion() : CompletableFuture.completedFuture(AppendOutcome.accepted(task.taskId()));
    }

    private static AppendOutcome append(ConnectionSource database, TableName target, List<ObjectNode> rows) {
        Connection connection;
        try {
            connection = database.open();
        } catch (SQLException e) {
            return AppendOutcome.invalidData(IngestSql.message(e));
        }
        try {
            return JsonAppend.append(connection, target, rows);
        } finally {
            closeQuietly(connection);
        }
    }

    /** The outcome is already decided (and committed); a failing close must not turn it into a failure. */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to undo: the transaction has been committed or rolled back
        }
    }
}
