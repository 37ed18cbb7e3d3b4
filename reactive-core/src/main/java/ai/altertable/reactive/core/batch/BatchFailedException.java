package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;

/**
 * A batch of a batched write failed for good (after any retries). Names the batch and its rows; the cause is the
 * failure of its last attempt, with its own status, request id and retryability. With the default
 * {@link ai.altertable.reactive.core.DeliveryGuarantee#AT_MOST_ONCE} the rows of this batch may or may not have been
 * written, depending on the cause: a failure that proves the request was not processed means they were not.
 */
public class BatchFailedException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final long batchIndex;
    private final long firstRow;
    private final int rows;
    private final int attempts;

    public BatchFailedException(Batch<?> batch, Throwable cause) {
        this(batch.index(), batch.firstRow(), batch.rows(), cause);
    }

    public BatchFailedException(long batchIndex, long firstRow, int rows, Throwable cause) {
        this(batchIndex, firstRow, rows, 1, cause);
    }

    /** A batch that failed after being sent {@code attempts} times. */
    public BatchFailedException(long batchIndex, long firstRow, int rows, int attempts, Throwable cause) {
        super("batch " + batchIndex + " (rows " + firstRow + "-" + (firstRow + rows - 1) + ") failed"
                + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + reason(cause),
                context(cause), false, cause);
        this.batchIndex = batchIndex;
        this.firstRow = firstRow;
        this.rows = rows;
        this.attempts = attempts;
    }

    /** The cause's message; for a core exception without its context, which this message adds once, as its own. */
    private static String reason(Throwable cause) {
        return cause instanceof AltertableException ? ((AltertableException) cause).reason() : cause.getMessage();
    }

    private static ErrorContext context(Throwable cause) {
        return cause instanceof AltertableException ? ((AltertableException) cause).context() : ErrorContext.none();
    }

    public long batchIndex() {
        return batchIndex;
    }

    /** 0-based position in the source of the batch's first row. */
    public long firstRow() {
        return firstRow;
    }

    public int rows() {
        return rows;
    }

    /** How many times the batch was sent; more than one means it was re-sent (see {@link BatchResult#attempts()}). */
    public int attempts() {
        return attempts;
    }
}
