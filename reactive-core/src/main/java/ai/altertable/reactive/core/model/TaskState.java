package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code status} of an ingestion task ({@link TaskStatus}, {@code GET /tasks/{task_id}}, protocol §11.4).
 *
 * <p>The client spec defines {@code "pending"} and {@code "completed"}. {@link #FAILED} is an extension of this project's
 * in-process mock: it refuses before answering every append it can check, so an accepted append fails later only when a
 * concurrent change conflicts with its commit (or the mock stops first); the official mock has no tasks at all (404).
 * Any other string decodes to {@link #UNKNOWN}.
 */
public enum TaskState {
    /** Still running. */
    PENDING("pending"),
    /** Finished and written. */
    COMPLETED("completed"),
    /** Finished without writing; extension of this project's mock, not in the client spec. */
    FAILED("failed"),
    /** A status this client does not know (written back as {@code "unknown"}). */
    UNKNOWN("unknown");

    private final String wire;

    TaskState(String wire) {
        this.wire = wire;
    }

    /** The string on the wire, e.g. {@code "pending"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Whether the task has finished ({@link #COMPLETED} or {@link #FAILED}). {@link #UNKNOWN} is not terminal, so a
     * poller must bound its attempts.
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    /** Lenient decoding: exact match, else {@link #UNKNOWN}; {@code null} stays {@code null}. */
    @JsonCreator
    public static TaskState fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (TaskState s : values()) {
            if (s != UNKNOWN && s.wire.equals(value)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
