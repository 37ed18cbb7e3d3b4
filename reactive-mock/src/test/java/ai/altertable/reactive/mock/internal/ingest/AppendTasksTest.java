package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /append} as tasks: the rows are written (or refused) before the answer whatever {@code sync} says; an
 * accepted asynchronous append is committed by its task, a synchronous one before answering; only a concurrent change
 * can still fail a task. The {@link ManualExecutor} holds each step so that "pending" is observed without sleeping.
 */
class AppendTasksTest extends DuckDbTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRegistry tasks = new TaskRegistry();
    private final ManualExecutor executor = new ManualExecutor();

    @BeforeEach
    void createTable() throws SQLException {
        sql("CREATE TABLE t(id INT PRIMARY KEY, name VARCHAR)");
    }

    private CompletableFuture<AppendOutcome> submit(String body, boolean sync) throws Exception {
        return AppendTasks.submit(tasks, executor, database::connect, "memory", "main", "t", JSON.readTree(body), sync);
    }

    /** Submits and runs the writing step only (the task just queued, not earlier commits): the answer. */
    private AppendOutcome answer(String body, boolean sync) throws Exception {
        CompletableFuture<AppendOutcome> response = submit(body, sync);
        assertThat(response).isNotDone(); // the writing runs on the executor, never on the caller's thread
        assertThat(executor.runLatest()).isTrue();
        assertThat(response).isDone();
        return response.join();
    }

    private TaskState state(UUID taskId) {
        return tasks.status(taskId).map(TaskStatus::status).orElseThrow();
    }

    @Test
    void byDefaultTheRowsAreWrittenBeforeTheAnswerAndCommittedByThePendingTask() throws Exception {
        AppendOutcome accepted = answer("[{\"id\":1,\"name\":\"a\"},{\"id\":2}]", false);

        assertThat(accepted.ok()).isTrue();
        assertThat(accepted.httpStatus()).isEqualTo(200);
        assertThat(state(accepted.taskId())).isEqualTo(TaskState.PENDING);
        assertThat(executor.queued()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0"); // written, not committed

        assertThat(executor.runAll()).isEqualTo(1);

        assertThat(state(accepted.taskId())).isEqualTo(TaskState.COMPLETED);
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|a", "2|null");
    }

    @Test
    void whatCanBeCheckedIsRefusedBeforeAnsweringWithoutATask() throws Exception {
        String[][] cases = {
                {"{\"id\":1,\"unknown\":2}", "incompatible-schema"},
                {"{\"id\":{\"nested\":1}}", "incompatible-schema"},
                {"[{\"id\":1},{\"id\":\"not a number\"}]", "invalid-data"},
                {"[{\"id\":1},{\"id\":1}]", "invalid-data"},
        };
        for (boolean sync : new boolean[] {false, true}) {
            for (String[] c : cases) {
                AppendOutcome outcome = answer(c[0], sync);

                assertThat(outcome.ok()).as(c[0]).isFalse();
                assertThat(outcome.errorCode()).as(c[0]).isEqualTo(c[1]);
                assertThat(outcome.errorMessage()).as(c[0]).isNotBlank();
                assertThat(outcome.taskId()).as(c[0]).isNull();
                assertThat(outcome.httpStatus()).isEqualTo(200);
            }
        }
        assertThat(tasks.size()).isZero();
        assertThat(executor.queued()).isZero();
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void aCommitThatConflictsWithAConcurrentChangeFailsTheTask() throws Exception {
        AppendOutcome first = answer("{\"id\":1,\"name\":\"first\"}", false);
        AppendOutcome sameKey = answer("{\"id\":1,\"name\":\"same key\"}", false);
        assertThat(first.ok()).isTrue();
        assertThat(sameKey.ok()).isTrue(); // neither saw the other: both uncommitted

        executor.runAll();

        assertThat(state(first.taskId())).isEqualTo(TaskState.COMPLETED);
        assertThat(tasks.status(sameKey.taskId())).hasValueSatisfying(status -> {
            assertThat(status.status()).isEqualTo(TaskState.FAILED);
            assertThat(status.errorMessage()).startsWith("invalid-data: TransactionContext Error: Failed to commit: ")
                    .contains("duplicate key");
        });
        assertThat(rows("SELECT * FROM t")).containsExactly("1|first");

        AppendOutcome dropped = answer("{\"id\":2}", false);
        sql("DROP TABLE t");
        executor.runAll();

        assertThat(tasks.status(dropped.taskId())).hasValueSatisfying(status -> {
            assertThat(status.status()).isEqualTo(TaskState.FAILED);
            assertThat(status.errorMessage()).contains("has been dropped by a different transaction");
        });
    }

    @Test
    void syncCommitsBeforeAnsweringWithATaskAlreadyCompleted() throws Exception {
        AppendOutcome outcome = answer("{\"id\":1,\"name\":\"a\"}", true);

        assertThat(outcome.ok()).isTrue();
        assertThat(state(outcome.taskId())).isEqualTo(TaskState.COMPLETED);
        assertThat(executor.queued()).isZero();
        assertThat(rows("SELECT * FROM t")).containsExactly("1|a");
    }

    @Test
    void syncOnARealPoolWritesBeforeAnswering() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<AppendOutcome> response = AppendTasks.submit(tasks, pool, database::connect, "memory",
                    "main", "t", JSON.readTree("[{\"id\":7,\"name\":\"seven\"}]"), true);

            AppendOutcome outcome = response.get(30, TimeUnit.SECONDS);

            assertThat(outcome.ok()).isTrue();
            assertThat(state(outcome.taskId())).isEqualTo(TaskState.COMPLETED);
            assertThat(rows("SELECT * FROM t")).containsExactly("7|seven");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheRegistryRollsBackWhatIsNotCommittedAndFailsItsTask() throws Exception {
        List<Connection> opened = new ArrayList<>();
        CompletableFuture<AppendOutcome> response = AppendTasks.submit(tasks, executor, () -> {
            Connection c = database.connect();
            opened.add(c);
            return c;
        }, "memory", "main", "t", JSON.readTree("{\"id\":1}"), false);
        executor.runLatest();
        AppendOutcome accepted = response.join();
        assertThat(opened).singleElement().satisfies(c -> assertThat(c.isClosed()).isFalse());

        tasks.close();

        assertThat(opened.get(0).isClosed()).isTrue(); // closing a DuckDB connection rolls its transaction back
        executor.runAll(); // the commit, given up: does nothing
        assertThat(tasks.status(accepted.taskId())).contains(new TaskStatus(accepted.taskId().toString(),
                TaskState.FAILED, "invalid-data: " + TaskRegistry.ABANDONED));
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void whenNoTaskCanBeRegisteredTheAppendCommitsBeforeAnswering() throws Exception {
        tasks.close();

        AppendOutcome outcome = answer("{\"id\":1,\"name\":\"a\"}", false);

        assertThat(outcome.ok()).isTrue();
        assertThat(state(outcome.taskId())).isEqualTo(TaskState.COMPLETED);
        assertThat(rows("SELECT * FROM t")).containsExactly("1|a");
    }

    @Test
    void aBodyOfTheWrongShapeIsRefusedWithoutATaskOrTheDatabase() throws Exception {
        for (boolean sync : new boolean[] {false, true}) {
            AppendOutcome outcome = submit("[{\"id\":1}, 2]", sync).join();

            assertThat(outcome).isEqualTo(AppendOutcome.invalidBody());
            assertThat(outcome.httpStatus()).isEqualTo(400);
        }
        assertThat(tasks.size()).isZero();
        assertThat(executor.queued()).isZero();
    }

    @Test
    void anEmptyArrayIsOkWithoutATask() throws Exception {
        assertThat(submit("[]", true).join()).isEqualTo(AppendOutcome.success());
        assertThat(tasks.size()).isZero();
        assertThat(executor.queued()).isZero();
    }

    @Test
    void aConnectionThatCannotBeOpenedIsARefusal() throws Exception {
        JsonNode body = JSON.readTree("{\"id\":1}");
        CompletableFuture<AppendOutcome> response = AppendTasks.submit(tasks, executor, () -> {
            throw new SQLException("database closed");
        }, "memory", "main", "t", body, false);
        executor.runAll();

        assertThat(response.join()).isEqualTo(AppendOutcome.invalidData("database closed"));
        assertThat(tasks.size()).isZero();
    }
}
