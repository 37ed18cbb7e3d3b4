package ai.altertable.reactive.mock.internal.ingest;

import java.util.Objects;
import java.util.UUID;

/**
 * What {@code GET /tasks/{task_id}} answers for a known task, as {@code 200 application/json}:
 * {@code {"task_id":"<uuid>","status":"pending"|"completed"}}, and for a failed task (an extension of the spec)
 * {@code {"task_id":…,"status":"failed","error_code":…,"error_message":…}}.
 *
 * @param taskId       the task
 * @param state        pending, completed or failed
 * @param errorCode    for a failed task, the append's {@code error_code} ({@code invalid-data} or
 *                     {@code incompatible-schema}), or null for an internal failure; null otherwise
 * @param errorMessage for a failed task, the reason; null otherwise
 */
public record TaskStatus(UUID taskId, TaskState state, String errorCode, String errorMessage) {

    /** Checks that only failed tasks carry an error. */
    public TaskStatus {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        if (state != TaskState.FAILED && (errorCode != null || errorMessage != null)) {
            throw new IllegalArgumentException("only a failed task has an error");
        }
    }

    static TaskStatus pending(UUID taskId) {
        return new TaskStatus(taskId, TaskState.PENDING, null, null);
    }

    /** The finished state an append outcome implies. */
    static TaskStatus finished(UUID taskId, AppendOutcome outcome) {
        return outcome.ok()
                ? new TaskStatus(taskId, TaskState.COMPLETED, null, null)
                : new TaskStatus(taskId, TaskState.FAILED, outcome.errorCode(), outcome.errorMessage());
    }
}
