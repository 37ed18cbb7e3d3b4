package ai.altertable.reactive.core.batch;

import java.time.Duration;

/**
 * The outcome of writing one {@link Batch}: how many rows and bytes, the server's acknowledgement (for example an
 * append response with a task id), how long it took, and the error if it failed.
 *
 * @param index    the batch's position in the stream
 * @param firstRow position of its first row in the source
 * @param rows     rows in the batch
 * @param bytes    encoded bytes in the batch
 * @param ack      what the writer returned, or {@code null} (failed, or the writer returned nothing)
 * @param elapsed  time from the first attempt to the outcome, retries included
 * @param error    why it failed, or {@code null}
 */
public record BatchResult<A>(long index, long firstRow, int rows, long bytes, A ack, Duration elapsed, Throwable error) {

    static <A> BatchResult<A> success(Batch<?> b, A ack, Duration elapsed) {
        return new BatchResult<>(b.index(), b.firstRow(), b.rows(), b.bytes(), ack, elapsed, null);
    }

    static <A> BatchResult<A> failure(Batch<?> b, Throwable error, Duration elapsed) {
        return new BatchResult<>(b.index(), b.firstRow(), b.rows(), b.bytes(), null, elapsed, error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** 0-based position of the batch's last row in the source. */
    public long lastRow() {
        return firstRow + rows - 1;
    }
}
