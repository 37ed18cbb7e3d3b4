package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.internal.RandomIds;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One user's asynchronous appends, for {@code GET /tasks/{task_id}}. Thread-safe.
 *
 * <p>A task is registered as {@code pending} with a random UUID, runs on the executor it is given, and then turns
 * {@code completed} or {@code failed}. Its status is updated <em>before</em> its future completes, so whoever waits on
 * the future and then polls sees the final state. Finished tasks are kept so they can be polled after the fact, up to
 * {@link #maxFinished()} of them: beyond that the oldest finished ones are forgotten (and poll as unknown). Pending tasks
 * are never evicted; their number is bounded by the executor.
 *
 * <p>Each user gets their own registry (the HTTP layer keeps one next to the user's database), so a task id of one
 * user is unknown to every other.
 */
public final class TaskRegistry {

    /** How many finished tasks a registry keeps by default. */
    public static final int DEFAULT_MAX_FINISHED = 10_000;

    /** A task that was registered and handed to its executor. */
    public record Submitted(UUID taskId, CompletableFuture<AppendOutcome> completion) {
    }

    private final int maxFinished;
    private final Map<UUID, TaskStatus> statuses = new HashMap<>();
    private final ArrayDeque<UUID> finishedOldestFirst = new ArrayDeque<>();

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
     * @throws RejectedExecutionException if the executor refuses the task, which is then forgotten
     */
    public Submitted run(Executor executor, Supplier<AppendOutcome> work) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(work, "work");
        UUID id = RandomIds.uuid(); // UUID.randomUUID() may block on /dev/urandom; this runs on event loops
        CompletableFuture<AppendOutcome> completion = new CompletableFuture<>();
        synchronized (this) {
            statuses.put(id, TaskStatus.of(id.toString(), TaskState.PENDING));
        }
        try {
            executor.execute(() -> runTask(id, work, completion));
        } catch (RuntimeException rejected) {
            synchronized (this) {
                statuses.remove(id);
            }
            throw rejected;
        }
        return new Submitted(id, completion);
    }

    /** The status of task {@code id}; empty if it never existed here or was evicted. */
    public synchronized Optional<TaskStatus> status(UUID id) {
        return Optional.ofNullable(statuses.get(id));
    }

    /** How many tasks (pending and finished) are currently known. */
    public synchronized int size() {
        return statuses.size();
    }

    private void runTask(UUID id, Supplier<AppendOutcome> work, CompletableFuture<AppendOutcome> completion) {
        AppendOutcome outcome;
        try {
            outcome = work.get().withTaskId(id);
        } catch (RuntimeException | Error e) {
            finish(id, new TaskStatus(id.toString(), TaskState.FAILED, String.valueOf(e)));
            completion.completeExceptionally(e);
            if (e instanceof Error) {
                throw (Error) e;
            }
            return;
        }
        finish(id, outcome.ok() ? TaskStatus.of(id.toString(), TaskState.COMPLETED)
                : new TaskStatus(id.toString(), TaskState.FAILED, outcome.errorCode() + ": " + outcome.errorMessage()));
        completion.complete(outcome);
    }

    private synchronized void finish(UUID id, TaskStatus status) {
        statuses.put(id, status);
        finishedOldestFirst.addLast(id);
        while (finishedOldestFirst.size() > maxFinished) {
            statuses.remove(finishedOldestFirst.removeFirst());
        }
    }
}
