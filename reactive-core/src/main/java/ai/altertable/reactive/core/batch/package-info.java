/**
 * The batching engine behind every batched write, over REST and Flight: {@link ai.altertable.reactive.core.batch.Batcher}
 * cuts a source into batches (rows, bytes, linger) and writes them with bounded concurrency, reporting one
 * {@link ai.altertable.reactive.core.batch.BatchResult} per batch and a
 * {@link ai.altertable.reactive.core.batch.BatchSummary} at the end; {@link ai.altertable.reactive.core.batch.CoalescingAppender}
 * coalesces the rows of many independent callers into the same batches.
 *
 * <p>Cancelling a batched write cancels its source and the writes in flight. An appender is closed by whoever created
 * it: {@code closeGracefully()} writes what it accepted first, {@code close()} fails every caller not yet acknowledged.
 */
package ai.altertable.reactive.core.batch;
