package ai.altertable.reactive.core;

/**
 * What a batched write promises when a batch fails in a way that leaves its fate unknown (a reset connection, a timeout,
 * a 5xx after the server may have committed).
 */
public enum DeliveryGuarantee {
    /**
     * The default: a batch is never re-sent after it may have reached the server. A failure can lose that batch (it
     * is reported, with its rows), but never duplicates rows. Failures that prove the batch was not processed (the
     * connection could not be opened, HTTP 429) are still retried.
     */
    AT_MOST_ONCE,
    /**
     * Retryable failures re-send the batch with backoff. Nothing is lost while retries last, but a batch that reached
     * the server before its acknowledgement was lost is written twice. Choose it only for idempotent sinks (for example
     * upserts by key) or when duplicates are handled downstream.
     */
    AT_LEAST_ONCE
}
