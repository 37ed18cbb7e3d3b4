package ai.altertable.reactive.core.batch;

import java.time.Duration;
import java.util.List;

/**
 * Totals of a batched write, from {@link Batcher#summarize}.
 *
 * @param batches       batches written or attempted
 * @param rows          rows written successfully
 * @param bytes         bytes written successfully
 * @param failedBatches batches that failed (only with {@code ErrorPolicy.CONTINUE}; otherwise the write errors)
 * @param failedRows    rows in the failed batches
 * @param elapsed       from subscription to completion
 * @param failures      the failed batches' results, in order (at most {@value #MAX_FAILURES_KEPT} kept)
 * @param resentBatches batches sent more than once ({@link BatchResult#resent()}); with
 *                      {@link ai.altertable.reactive.core.DeliveryGuarantee#AT_LEAST_ONCE} their rows may have been
 *                      written more than once
 */
public record BatchSummary(long batches, long rows, long bytes, long failedBatches, long failedRows, Duration elapsed,
                           List<BatchResult<?>> failures, long resentBatches) {

    static final int MAX_FAILURES_KEPT = 100;

    public BatchSummary {
        failures = List.copyOf(failures);
    }

    /** Totals without a count of re-sent batches (the shape of summaries before it existed): none re-sent. */
    public BatchSummary(long batches, long rows, long bytes, long failedBatches, long failedRows, Duration elapsed,
                        List<BatchResult<?>> failures) {
        this(batches, rows, bytes, failedBatches, failedRows, elapsed, failures, 0);
    }

    public boolean isComplete() {
        return failedBatches == 0;
    }
}
