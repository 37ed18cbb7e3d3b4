package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to {@code GET /tasks/{task_id}} (protocol §11.4), returned by the {@code getTask} operation: the state of
 * an asynchronous append.
 *
 * <p><b>Spec only.</b> The official mock has no such route and answers 404 without checking credentials; a client should
 * report that as "not supported by this server". The spec's shape is {@code {"task_id":"…","status":"pending"}}: both
 * keys are always written, in that order. {@code error_message} is an extension of this project's mock for a
 * {@link TaskState#FAILED} task and is omitted when {@code null}. On read every key is optional and an unknown status
 * decodes to {@link TaskState#UNKNOWN}.
 *
 * @param taskId       {@code task_id}
 * @param status       the task's state
 * @param errorMessage why a failed task failed, or {@code null} (extension)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"task_id", "status", "error_message"})
public record TaskStatus(
        @JsonProperty("task_id") String taskId,
        @JsonProperty("status") TaskState status,
        @JsonProperty("error_message") @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage) {

    /** A status without a message. */
    public static TaskStatus of(String taskId, TaskState status) {
        return new TaskStatus(taskId, status, null);
    }
}
