package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.model.TaskState;
import ai.altertable.reactive.core.model.TaskStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.function.Function;

/**
 * Waits for an asynchronous append's task: polls {@code GET /tasks/{id}} with a growing pause (100 ms doubling to
 * 2 s) until the task is no longer pending, within a time cap. A server without tasks answers 404, reported as
 * {@code NotSupportedException} by the poll itself.
 */
public final class TaskWaits {

    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private TaskWaits() {
    }

    /** Polls {@code poll} until the task has finished; fails with a timeout after {@code maxWait}. */
    public static Mono<TaskStatus> await(String taskId, Duration maxWait, Function<String, Mono<TaskStatus>> poll) {
        return Mono.defer(() -> attempt(taskId, poll, FIRST_PAUSE))
                .timeout(maxWait, Schedulers.parallel())
                .onErrorMap(java.util.concurrent.TimeoutException.class, e -> new OperationTimeoutException(
                        OperationTimeoutException.Phase.TOTAL, maxWait,
                        ErrorContext.builder().operation("getTask").path("/tasks/" + taskId).build(), e));
    }

    private static Mono<TaskStatus> attempt(String taskId, Function<String, Mono<TaskStatus>> poll, Duration pause) {
        return poll.apply(taskId).flatMap(status -> status.status() == TaskState.PENDING
                || status.status() == TaskState.UNKNOWN
                ? Mono.delay(pause, Schedulers.parallel()).then(Mono.defer(() -> attempt(taskId, poll,
                min(pause.multipliedBy(2), MAX_PAUSE))))
                : Mono.just(status));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
