package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.internal.RandomIds;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user's append tasks, for {@code GET /tasks/{task_id}}. Thread-safe.
 *
 * <p>A task is registered as {@code pending} with a random UUID, runs on the executor it is given, and then turns
 * {@code completed} or {@code failed}; a task that finished before it was registered (a {@code sync=true} append) is
 * {@link #completed()} at once. Its status is updated <em>before</em> its future completes, so whoever waits on the
 * future and then polls sees the final state. Finished tasks are kept so they can be polled after the fact, up to
 * {@link #maxFinished()} of them: beyond that the oldest finished ones are forgotten (and poll as unknown). Pending tasks
 * are never evicted; their number is bounded by the executor.
 *
 * <p>{@link #close()} gives up every task that has not started: its {@link Work#release()} runs instead of its work
 * (an append's open transaction is rolled back) and it turns {@code failed}. Nothing is registered after that.
 *
 * <p>Each user gets their own registry (the HTTP layer keeps one next to the user's database), so a task id of one
 * user is unknown to every other.
 */
public final class TaskRegistry implements AutoCloseable {

    /** How many finished tasks a registry keeps by default. */
    public static final int DEFAULT_MAX_FINISHED = 10_000;

    /** Why a task given up by {@link #close()} failed. */
    static final String ABANDONED = "the server stopped before the append was committed; nothing was written";

    /** The work of a task. */
    @FunctionalInterface
    public interface Work {

        /** Does the work, once, on the executor; its outcome decides {@code completed} or {@code failed}. */
        AppendOutcome run();

        /** Called instead of {@link #run()} when the registry closes before the work started: release what it holds. */
        default void release() {
        }
    }

    /** A task that was registered and handed to its executor. */
    public record Submitted(UUID taskId, CompletableFuture<AppendOutcome> completion) {
    }

    private final int maxFinished;
    private final Map<UUID, TaskStatus> statuses = new HashMap<>();
    private final ArrayDeque<UUID> finishedOldestFirst = new ArrayDeque<>();
    private final Map<UUID, Pending> pending = new HashMap<>();
    private boolean closed;

    /** A registry keeping {@link #DEFAULT_MAX_FINISHED} finished tasks. */
    public TaskRegistry() {
        this(DEFAULT_MAX_FINISHED);
    }

    /** A registry keeping the {@code maxFinished} most recent finished tasks. */
    public TaskRegistry(int maxFinished) {
        if (maxFinished < 1) {
            throw new IllegalArgumentException("maxFinished must be at least 1: " + maxFinished);
        }
        this.maxFinished = maxFinished;
    }

    /** How many finished tasks this registry keeps. */
    public int maxFinished() {
        return maxFinished;
    }

    /**
     * Registers a pending task and runs {@code work} on {@code executor}. The returned future completes with the
     * work's outcome (carrying the task id) or, if the work throws, exceptionally; the task is then {@code failed}.
     *
     * @throws RejectedExecutionException if the executor refuses the task, which is then forgotten, or if this registry
     *                                    is closed
     */
    public Submitted run(Executor executor, Work work) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(work, "work");
        UUID id = RandomIds.uuid(); // UUID.randomUUID() may block on /dev/urandom; this runs on event loops
        Pending task = new Pending(work);
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("the task registry is closed");
            }
            statuses.put(id, TaskStatus.of(id.toString(), TaskState.PENDING));
            pending.put(id, task);
        }
        try {
            executor.execute(() -> runTask(id, task));
        } catch (RuntimeException rejected) {
            synchronized (this) {
                statuses.remove(id);
                pending.remove(id);
            }
            throw rejected;
        }
        return new Submitted(id, task.completion);
    }

    /** Registers a task that has already completed (a synchronous append that was written); returns its id. */
    public UUID completed() {
        UUID id = RandomIds.uuid();
        finish(id, TaskStatus.of(id.toString(), TaskState.COMPLETED));
        return id;
    }

    /** The status of task {@code id}; empty if it never existed here or was evicted. */
    public synchronized Optional<TaskStatus> status(UUID id) {
        return Optional.ofNullable(statuses.get(id));
    }

    /** How many tasks (pending and finished) are currently known. */
    public synchronized int size() {
        return statuses.size();
    }

    /** Gives up the tasks that have not started (they turn {@code failed}) and refuses new ones. */
    @Override
    public void close() {
        List<Map.Entry<UUID, Pending>> waiting;
        synchronized (this) {
            closed = true;
            waiting = new ArrayList<>(pending.entrySet());
        }
        for (Map.Entry<UUID, Pending> entry : waiting) {
            Pending task = entry.getValue();
            if (task.started.compareAndSet(false, true)) {
                UUID id = entry.getKey();
                try {
                    task.work.release();
                } finally {
                    AppendOutcome outcome = AppendOutcome.invalidData(ABANDONED).withTaskId(id);
                    finish(id, failed(id, outcome));
                    task.completion.complete(outcome);
                }
            }
        }
    }

    private void runTask(UUID id, Pending task) {
        if (!task.started.compareAndSet(false, true)) {
            return; // given up by close()
        }
        AppendOutcome outcome;
        try {
            outcome = task.work.run().withTaskId(id);
        } catch (RuntimeException | Error e) {
            finish(id, new TaskStatus(id.toString(), TaskState.FAILED, String.valueOf(e)));
            task.completion.completeExceptionally(e);
            if (e instanceof Error) {
                throw (Error) e;
            }
            return;
        }
        finish(id, outcome.ok() ? TaskStatus.of(id.toString(), TaskState.COMPLETED) : failed(id, outcome));
        task.completion.complete(outcome);
    }

    /** {@code failed}, with {@code error_message} {@code "<error_code>: <error_message>"}. */
    private static TaskStatus failed(UUID id, AppendOutcome outcome) {
        return new TaskStatus(id.toString(), TaskState.FAILED, outcome.errorCode() + ": " + outcome.errorMessage());
    }

    private synchronized void finish(UUID id, TaskStatus status) {
        pending.remove(id);
        statuses.put(id, status);
        finishedOldestFirst.addLast(id);
        while (finishedOldestFirst.size() > maxFinished) {
            statuses.remove(finishedOldestFirst.removeFirst());
        }
    }

    /** A registered task: its work, its future, and whether it started (or was given up). */
    private static final class Pending {
        private final Work work;
        private final CompletableFuture<AppendOutcome> completion = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();

        Pending(Work work) {
            this.work = work;
        }
    }
}
