package ai.altertable.reactive.mock.internal.ingest;

import java.util.UUID;

/**
 * The answer to {@code POST /append}: always {@code application/json}, serialized in this field order as
 * {@code {"ok":…,"error_code":…,"error_message":…,"task_id":…}} with nulls written out.
 *
 * <p>This mock follows the client spec: {@code error_message} and {@code task_id} are filled in and
 * {@code incompatible-schema} is used, where the official mock only ever sends {@code ok} and
 * {@code error_code:"invalid-data"}. A {@code null} {@code error_message} or {@code task_id} is left out of the JSON
 * ({@link ai.altertable.reactive.core.model.AppendResponse}), so a refusal reads
 * {@code {"ok":false,"error_code":"invalid-data","error_message":"…"}}.
 *
 * @param ok           the rows are written (synchronous) or written and waiting for their task's commit (asynchronous);
 *                     {@code false}: refused, nothing written
 * @param errorCode    {@link #INVALID_DATA}, {@link #INCOMPATIBLE_SCHEMA}, or null on success
 * @param errorMessage a human-readable reason (usually DuckDB's message), or null on success
 * @param taskId       the task of an accepted append, to poll through {@code GET /tasks/{id}}; null when no task was
 *                     created (refused, empty array)
 * @param httpStatus   {@code 400} for a body that is not an object or an array of objects, else {@code 200}
 */
public record AppendOutcome(boolean ok, String errorCode, String errorMessage, UUID taskId, int httpStatus) {

    /**
     * The data cannot be written: a bad body, an empty object, a missing catalog or table, a value that does not
     * convert to its column type, a constraint violation, a commit that conflicts with a concurrent change.
     */
    public static final String INVALID_DATA = "invalid-data";
    /**
     * The objects do not fit the table's schema: they name columns the table does not have (there is no schema
     * evolution), or a value's JSON shape can never be of its column's type ({@link TypeConflicts}).
     */
    public static final String INCOMPATIBLE_SCHEMA = "incompatible-schema";
    /** The message of {@link #invalidBody()}. */
    public static final String INVALID_BODY_MESSAGE = "body must be a JSON object or an array of JSON objects";

    /** Written, or (empty array) nothing to write. */
    public static AppendOutcome success() {
        return new AppendOutcome(true, null, null, null, 200);
    }

    /** Written, and committed or to be committed by task {@code taskId}. */
    public static AppendOutcome accepted(UUID taskId) {
        return new AppendOutcome(true, null, null, taskId, 200);
    }

    /**
     * {@code 400 invalid-data}: the body is not JSON, or not one object or an array of objects. The HTTP layer uses
     * this too when the body does not parse.
     */
    public static AppendOutcome invalidBody() {
        return new AppendOutcome(false, INVALID_DATA, INVALID_BODY_MESSAGE, null, 400);
    }

    /** {@code 200 invalid-data} with the reason. */
    public static AppendOutcome invalidData(String message) {
        return new AppendOutcome(false, INVALID_DATA, message, null, 200);
    }

    /** {@code 200 incompatible-schema} with the reason. */
    public static AppendOutcome incompatibleSchema(String message) {
        return new AppendOutcome(false, INCOMPATIBLE_SCHEMA, message, null, 200);
    }

    /** This outcome, attributed to task {@code id}. */
    public AppendOutcome withTaskId(UUID id) {
        return new AppendOutcome(ok, errorCode, errorMessage, id, httpStatus);
    }
}
