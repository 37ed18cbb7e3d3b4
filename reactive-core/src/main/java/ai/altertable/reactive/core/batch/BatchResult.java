package ai.altertable.reactive.core.batch;

import java.time.Duration;

/**
 * The outcome of writing one {@link Batch}: how many rows and bytes, the server's acknowledgement (for example an
 * append response with a task id), how long it took, how many times it was sent, and the error if it failed.
 *
 * <p><b>Re-sent batches.</b> {@code attempts} counts the writer's calls for this batch. More than one means it was
 * re-sent after a failure: with the default at-most-once guarantee only after failures that prove the server did not
 * process it (a refused connection, HTTP 429); with
 * {@link ai.altertable.reactive.core.DeliveryGuarantee#AT_LEAST_ONCE} after any retryable failure, so a batch with
 * {@link #resent()} true may have been written more than once.
 *
 * @param index    the batch's position in the stream
 * @param firstRow position of its first row in the source
 * @param rows     rows in the batch
 * @param bytes    encoded bytes in the batch
 * @param ack      what the writer returned, or {@code null} (failed, or the writer returned nothing)
 * @param elapsed  time from the first attempt to the outcome, retries included
 * @param error    why it failed, or {@code null}
 * @param attempts how many times the batch was handed to the writer (0 if it could not be sent at all)
 */
public record BatchResult<A>(long index, long firstRow, int rows, long bytes, A ack, Duration elapsed, Throwable error,
                             int attempts) {

    /** A result of a batch sent once (the shape of results before {@code attempts} existed). */
    public BatchResult(long index, long firstRow, int rows, long bytes, A ack, Duration elapsed, Throwable error) {
        this(index, firstRow, rows, bytes, ack, elapsed, error, 1);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** Whether the batch was sent more than once (see the class description for what that may mean). */
    public boolean resent() {
        return attempts > 1;
    }

    /** 0-based position of the batch's last row in the source. */
    public long lastRow() {
        return firstRow + rows - 1;
    }
}
