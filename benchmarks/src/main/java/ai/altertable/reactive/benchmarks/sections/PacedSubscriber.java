package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.core.row.Row;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow subscriber: requests {@code batch} rows every {@code periodMillis} (1,000 every 100 ms is 10k rows/s), reads
 * every cell, and never holds a row. Demand that is not used within a period carries over, so the rate is a ceiling,
 * not a target the subscriber catches up to in bursts beyond the stream's own speed.
 *
 * <p>Its signals arrive on an event loop, so they only record and count down a latch; the ticker thread is stopped by
 * the thread that {@link #await awaits} the end (stopping an executor takes a lock, which must not happen on an event
 * loop).
 */
final class PacedSubscriber extends BaseSubscriber<Row> {

    private final int batch;
    private final long periodMillis;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-pace");
        t.setDaemon(true);
        return t;
    });
    private final CellChecksum checksum = new CellChecksum();
    private final AtomicLong rows = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable error;

    PacedSubscriber(int batch, long periodMillis) {
        this.batch = batch;
        this.periodMillis = periodMillis;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        request(batch);
        ticker.scheduleAtFixedRate(() -> request(batch), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void hookOnNext(Row row) {
        Clients.touch(checksum, row);
        rows.lazySet(rows.get() + 1);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        error = throwable;
    }

    @Override
    protected void hookFinally(reactor.core.publisher.SignalType type) {
        done.countDown();
    }

    long rows() {
        return rows.get();
    }

    /** Waits up to {@code millis} for the end; true if it ended (the ticker is then stopped). */
    boolean await(long millis) throws InterruptedException {
        boolean ended = done.await(millis, TimeUnit.MILLISECONDS);
        if (ended) {
            ticker.shutdownNow();
        }
        return ended;
    }

    /** Gives up: cancels the stream and stops the ticker. */
    void stop() {
        cancel();
        ticker.shutdownNow();
    }

    Throwable error() {
        return error;
    }

    /** Valid after the end. */
    long checksum() {
        return checksum.value();
    }
}
