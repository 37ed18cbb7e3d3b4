package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task lifecycle, retention bound and thread safety of {@link TaskRegistry}. */
class TaskRegistryTest {

    private final ManualExecutor executor = new ManualExecutor();

    @Test
    void aTaskIsPendingUntilItRunsThenCompleted() {
        TaskRegistry registry = new TaskRegistry();

        TaskRegistry.Submitted task = registry.run(executor, AppendOutcome::success);

        assertThat(registry.status(task.taskId()))
                .contains(TaskStatus.of(task.taskId().toString(), TaskState.PENDING));
        assertThat(task.completion()).isNotDone();

        executor.runAll();

        assertThat(registry.status(task.taskId()))
                .contains(TaskStatus.of(task.taskId().toString(), TaskState.COMPLETED));
        assertThat(task.completion()).isCompletedWithValue(
                new AppendOutcome(true, null, null, task.taskId(), 200));
    }

    @Test
    void anUnsuccessfulOutcomeMakesTheTaskFailedWithItsError() {
        TaskRegistry registry = new TaskRegistry();

        TaskRegistry.Submitted task = registry.run(executor,
                () -> AppendOutcome.incompatibleSchema("table has no column named \"x\""));
        executor.runAll();

        assertThat(registry.status(task.taskId())).contains(new TaskStatus(task.taskId().toString(), TaskState.FAILED,
                "incompatible-schema: table has no column named \"x\""));
        assertThat(task.completion().join().taskId()).isEqualTo(task.taskId());
    }

    @Test
    void workThatThrowsFailsTheTaskAndItsFuture() {
        TaskRegistry registry = new TaskRegistry();

        TaskRegistry.Submitted task = registry.run(executor, () -> {
            throw new IllegalStateException("boom");
        });
        executor.runAll();

        assertThat(registry.status(task.taskId())).hasValueSatisfying(status -> {
            assertThat(status.status()).isEqualTo(TaskState.FAILED);
            assertThat(status.errorMessage()).isEqualTo("java.lang.IllegalStateException: boom");
        });
        assertThat(task.completion()).isCompletedExceptionally();
    }

    @Test
    void anUnknownIdIsNotFound() {
        TaskRegistry registry = new TaskRegistry();
        registry.run(executor, AppendOutcome::success);

        assertThat(registry.status(UUID.randomUUID())).isEmpty();
    }

    @Test
    void onlyTheMostRecentFinishedTasksAreKeptAndPendingOnesNeverEvicted() {
        TaskRegistry registry = new TaskRegistry(3);
        TaskRegistry.Submitted pending = registry.run(task -> { }, AppendOutcome::success);
        List<UUID> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            finished.add(registry.run(Runnable::run, AppendOutcome::success).taskId());
        }

        assertThat(registry.status(finished.get(0))).isEmpty();
        assertThat(registry.status(finished.get(1))).isEmpty();
        finished.subList(2, 5).forEach(id -> assertThat(registry.status(id)).isPresent());
        assertThat(registry.status(pending.taskId())).map(TaskStatus::status).contains(TaskState.PENDING);
        assertThat(registry.size()).isEqualTo(4);
    }

    @Test
    void theDefaultBoundIsTenThousand() {
        TaskRegistry registry = new TaskRegistry();
        UUID first = registry.run(Runnable::run, AppendOutcome::success).taskId();
        for (int i = 0; i < TaskRegistry.DEFAULT_MAX_FINISHED - 1; i++) {
            registry.run(Runnable::run, AppendOutcome::success);
        }
        assertThat(registry.status(first)).isPresent();

        registry.run(Runnable::run, AppendOutcome::success);

        assertThat(registry.status(first)).isEmpty();
        assertThat(registry.size()).isEqualTo(10_000);
    }

    @Test
    void aRejectedTaskIsForgottenAndTheRejectionPropagates() {
        TaskRegistry registry = new TaskRegistry();

        assertThatThrownBy(() -> registry.run(task -> {
            throw new RejectedExecutionException("full");
        }, AppendOutcome::success)).isInstanceOf(RejectedExecutionException.class);
        assertThat(registry.size()).isZero();
    }

    @Test
    void aTaskThatAlreadyFinishedIsRegisteredCompleted() {
        TaskRegistry registry = new TaskRegistry();

        UUID id = registry.completed();

        assertThat(registry.status(id)).contains(TaskStatus.of(id.toString(), TaskState.COMPLETED));
    }

    @Test
    void closeGivesUpTasksThatHaveNotStartedAndRefusesNewOnes() {
        TaskRegistry registry = new TaskRegistry();
        List<String> calls = new ArrayList<>();
        TaskRegistry.Work work = new TaskRegistry.Work() {
            @Override
            public AppendOutcome run() {
                calls.add("run");
                return AppendOutcome.success();
            }

            @Override
            public void release() {
                calls.add("release");
            }
        };
        TaskRegistry.Submitted finished = registry.run(Runnable::run, work);
        TaskRegistry.Submitted waiting = registry.run(executor, work);

        registry.close();
        executor.runAll();

        assertThat(calls).containsExactly("run", "release");
        assertThat(registry.status(finished.taskId())).map(TaskStatus::status).contains(TaskState.COMPLETED);
        assertThat(registry.status(waiting.taskId())).contains(new TaskStatus(waiting.taskId().toString(),
                TaskState.FAILED, "invalid-data: " + TaskRegistry.ABANDONED));
        assertThat(waiting.completion().join()).isEqualTo(
                AppendOutcome.invalidData(TaskRegistry.ABANDONED).withTaskId(waiting.taskId()));
        assertThatThrownBy(() -> registry.run(Runnable::run, work)).isInstanceOf(RejectedExecutionException.class);
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void theStatusIsFinalBeforeTheFutureCompletes() throws Exception {
        TaskRegistry registry = new TaskRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<TaskState>> seen = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                TaskRegistry.Submitted task = registry.run(pool, AppendOutcome::success);
                seen.add(task.completion().thenApply(outcome -> registry.status(outcome.taskId()).get().status()));
            }
            for (CompletableFuture<TaskState> state : seen) {
                assertThat(state.get(10, TimeUnit.SECONDS)).isEqualTo(TaskState.COMPLETED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsCanRegisterAndPollAtOnce() throws Exception {
        TaskRegistry registry = new TaskRegistry(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(8 * 500);
        try {
            for (int thread = 0; thread < 8; thread++) {
                pool.execute(() -> {
                    for (int i = 0; i < 500; i++) {
                        TaskRegistry.Submitted task = registry.run(Runnable::run, AppendOutcome::success);
                        registry.status(task.taskId());
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.size()).isEqualTo(1_000);
    }
}
