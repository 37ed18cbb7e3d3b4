package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.batch.BatchResult;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of an ingestion, updated from the pipeline's threads and read by a progress ticker: rows read from the
 * source, rows, batches and bytes acknowledged, and how far reading ever ran ahead of the acknowledgements (bounded by
 * backpressure, whatever the file's size).
 */
final class IngestionProgress {

    private final long startNanos = System.nanoTime();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong maxReadAhead = new AtomicLong();

    /** One row read from the source. */
    void read() {
        long ahead = read.incrementAndGet() - rows.get();
        maxReadAhead.accumulateAndGet(ahead, Math::max);
    }

    /** One batch acknowledged by the lakehouse. */
    void acknowledged(BatchResult<?> batch) {
        rows.addAndGet(batch.rows());
        batches.incrementAndGet();
        bytes.addAndGet(batch.bytes());
    }

    long rows() {
        return rows.get();
    }

    long batches() {
        return batches.get();
    }

    long maxReadAhead() {
        return maxReadAhead.get();
    }

    /** "120,000 rows in 24 batches, 9.1 MB; 61,234 rows/s, 4.6 MB/s". */
    String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long r = rows.get();
        long b = bytes.get();
        return String.format("%,d rows in %,d batches, %.1f MB; %,.0f rows/s, %.1f MB/s", r, batches.get(), b / 1e6,
                r / seconds, b / 1e6 / seconds);
    }
}
