package ai.altertable.reactive.kafka.connect.internal;

import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Writes one batch of rows (of type {@code R}: a row the write path encodes) to one table in one request (a REST
 * {@code /append} or {@code /upsert}, or one Flight SQL {@code DoPut}), and completes once the server acknowledged it
 * as written.
 *
 * <p>Contract: the returned {@code Mono} completes empty when the batch is written, and fails with the request's error
 * otherwise. A refusal of the batch's data (the server names the data as the cause: an
 * {@code AppendRejectedException}, or a {@code BadRequestException}) must mean that nothing of the batch was written,
 * as the library documents for its write paths; {@link TableWriter} then writes the batch again in halves to find
 * the refused rows. Retrying is not this interface's business: the batching engine retries per batch, by the retry
 * policy, what may be retried. Called from any thread, never concurrently for the same rows; must not block.
 */
@FunctionalInterface
public interface BatchWrite<R> {

    /** Writes {@code rows}, in order, as one request. */
    Mono<Void> write(List<R> rows);
}
