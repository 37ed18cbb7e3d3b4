package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /append} as tasks: asynchronous by default, {@code sync=true} waits, and what never becomes a task. */
class AppendTasksTest extends DuckDbTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRegistry tasks = new TaskRegistry();
    private final ManualExecutor executor = new ManualExecutor();

    @BeforeEach
    void createTable() throws SQLException {
        sql("CREATE TABLE t(id INT, name VARCHAR)");
    }

    private CompletableFuture<AppendOutcome> submit(String body, boolean sync) throws Exception {
        return AppendTasks.submit(tasks, executor, database::connect, "memory", "main", "t", JSON.readTree(body), sync);
    }

    @Test
    void byDefaultTheAppendIsAcceptedAtOnceAndRunsAsATask() throws Exception {
        CompletableFuture<AppendOutcome> response = submit("[{\"id\":1,\"name\":\"a\"},{\"id\":2}]", false);

        assertThat(response).isDone();
        AppendOutcome accepted = response.join();
        assertThat(accepted.ok()).isTrue();
        assertThat(accepted.httpStatus()).isEqualTo(200);
        assertThat(accepted.taskId()).isNotNull();
        assertThat(tasks.status(accepted.taskId())).map(TaskStatus::status).contains(TaskState.PENDING);
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");

        assertThat(executor.runAll()).isEqualTo(1);

        assertThat(tasks.status(accepted.taskId())).map(TaskStatus::status).contains(TaskState.COMPLETED);
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|a", "2|null");
    }

    @Test
    void anAsynchronousFailureShowsInTheTask() throws Exception {
        AppendOutcome accepted = submit("{\"id\":\"not a number\"}", false).join();
        executor.runAll();

        assertThat(tasks.status(accepted.taskId())).hasValueSatisfying(status -> {
            assertThat(status.status()).isEqualTo(TaskState.FAILED);
            assertThat(status.errorMessage()).startsWith("invalid-data: ");
            assertThat(status.errorMessage()).contains("not a number");
        });
    }

    @Test
    void syncWaitsForTheTaskAndAnswersItsOutcome() throws Exception {
        CompletableFuture<AppendOutcome> response = submit("{\"id\":1,\"unknown\":2}", true);

        assertThat(response).isNotDone();
        executor.runAll();

        AppendOutcome outcome = response.join();
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.errorCode()).isEqualTo("incompatible-schema");
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(tasks.status(outcome.taskId())).map(TaskStatus::status).contains(TaskState.FAILED);
    }

    @Test
    void syncOnARealPoolWritesBeforeAnswering() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<AppendOutcome> response = AppendTasks.submit(tasks, pool, database::connect, "memory",
                    "main", "t", JSON.readTree("[{\"id\":7,\"name\":\"seven\"}]"), true);

            AppendOutcome outcome = response.get(30, TimeUnit.SECONDS);

            assertThat(outcome.ok()).isTrue();
            assertThat(tasks.status(outcome.taskId())).map(TaskStatus::status).contains(TaskState.COMPLETED);
            assertThat(rows("SELECT * FROM t")).containsExactly("7|seven");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBodyOfTheWrongShapeIsRefusedWithoutATask() throws Exception {
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
    }

    @Test
    void aConnectionThatCannotBeOpenedFailsTheTask() throws Exception {
        JsonNode body = JSON.readTree("{\"id\":1}");
        CompletableFuture<AppendOutcome> response = AppendTasks.submit(tasks, executor, () -> {
            throw new SQLException("database closed");
        }, "memory", "main", "t", body, true);
        executor.runAll();

        assertThat(response.join().errorMessage()).isEqualTo("database closed");
        assertThat(tasks.status(response.join().taskId())).map(TaskStatus::status).contains(TaskState.FAILED);
    }
}
