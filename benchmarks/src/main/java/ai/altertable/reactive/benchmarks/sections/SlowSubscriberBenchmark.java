package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.rest.LakehouseClient;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section 5: heap while a slow subscriber (10k rows/s) reads a long stream that the replay server generates on the fly
 * (only as fast as the connection is writable). Used heap is sampled after a full GC at a fixed interval, with the
 * rows read so far and the rows the server has generated (the difference is what sits in socket buffers and the
 * server's send queue, not in the client). Goal: flat, growing by less than 32 MB.
 */
public final class SlowSubscriberBenchmark {

    static final long GOAL_BYTES = 32L << 20;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private SlowSubscriberBenchmark() {
    }

    /** One sample. */
    record Sample(double seconds, long rowsRead, long rowsGenerated, long heapUsed, long nettyDirect) {
    }

    public static SectionResult run(BenchConfig c) throws InterruptedException {
        long rows = c.slowRows();
        int perTick = Math.max(1, c.slowRowsPerSecond() / 10);
        List<Sample> samples = new ArrayList<>();
        try (ReplayServer server = ReplayServer.start();
             LakehouseClient client = Clients.lakehouse(server, 4)) {
            client.query("generate 1000").blockLast(); // connection, classes and JIT warm
            server.resetCounters();
            long start = System.nanoTime();
            samples.add(sample(start, 0, 0));
            PacedSubscriber subscriber = new PacedSubscriber(perTick, 100);
            client.query("generate " + rows).subscribe(subscriber);
            long every = c.sampleEvery().toMillis();
            long deadline = start + (rows * 3_000_000_000L / c.slowRowsPerSecond()) + 60_000_000_000L;
            while (!subscriber.await(every)) {
                if (System.nanoTime() > deadline) {
                    subscriber.stop();
                    throw new IllegalStateException("the slow stream did not end in time: " + subscriber.rows()
                            + " of " + rows + " rows read");
                }
                Sample s = sample(start, subscriber.rows(), server.rowsGenerated());
                samples.add(s);
                System.out.printf(Locale.ROOT, "[5] %.0f s: %,d rows read, server %,d ahead, heap %.1f MB%n",
                        s.seconds(), s.rowsRead(), s.rowsGenerated() - s.rowsRead(), s.heapUsed() / 1e6);
            }
            if (subscriber.error() != null) {
                throw new IllegalStateException("the slow stream failed", subscriber.error());
            }
            if (subscriber.rows() != rows || subscriber.checksum() != NdjsonRows.expectedChecksum(rows)) {
                throw new IllegalStateException("the slow stream read " + subscriber.rows() + " rows, expected "
                        + rows + " (or a wrong checksum)");
            }
            samples.add(sample(start, subscriber.rows(), server.rowsGenerated()));
        }
        return report(c, rows, samples);
    }

    private static Sample sample(long startNanos, long rowsRead, long rowsGenerated) {
        System.gc();
        return new Sample((System.nanoTime() - startNanos) / 1e9, rowsRead, rowsGenerated,
                MEMORY.getHeapMemoryUsage().getUsed(), nettyDirect());
    }

    /** Direct memory held by Netty's default allocator (both sides of the loopback), or -1 if it does not say. */
    static long nettyDirect() {
        ByteBufAllocator a = ByteBufAllocator.DEFAULT;
        return a instanceof ByteBufAllocatorMetricProvider
                ? ((ByteBufAllocatorMetricProvider) a).metric().usedDirectMemory() : -1;
    }

    private static SectionResult report(BenchConfig c, long rows, List<Sample> samples) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long max = samples.stream().mapToLong(Sample::heapUsed).max().orElse(0);
        long min = samples.stream().mapToLong(Sample::heapUsed).min().orElse(0);
        long maxAhead = samples.stream().mapToLong(s -> s.rowsGenerated() - s.rowsRead()).max().orElse(0);
        long maxDirect = samples.stream().mapToLong(Sample::nettyDirect).max().orElse(-1);
        long growth = max - first.heapUsed();
        boolean met = growth < GOAL_BYTES;
        double rate = last.rowsRead() / last.seconds();
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "A %,d-row stream generated on the fly by the replay server (it writes "
                + "only while the connection is writable), read by a subscriber that requests %,d rows every 100 ms "
                + "(%,d rows/s) and reads every cell. Heap used sampled after `System.gc()` every %d ms; JVM heap "
                + "max %d MiB. This run: **%s** mode (%s).%n%n", rows, Math.max(1, c.slowRowsPerSecond() / 10),
                c.slowRowsPerSecond(), c.sampleEvery().toMillis(), Runtime.getRuntime().maxMemory() >> 20, c.mode(),
                c.mode().equals("full") ? "the full 5M rows" : "shortened; the full run reads 5,000,000 rows"));
        d.append(String.format(Locale.ROOT, "- took %.0f s, %,.0f rows/s on average%n", last.seconds(), rate));
        d.append(String.format(Locale.ROOT, "- **heap used after GC: %.1f MB at the start, %.1f MB at most, %.1f MB "
                + "at the end; growth %.1f MB** (min %.1f MB) — goal: flat, under 32 MB: %s%n", mb(first.heapUsed()),
                mb(max), mb(last.heapUsed()), mb(growth), mb(min), met ? "met" : "**missed**"));
        d.append(String.format(Locale.ROOT, "- the server was at most %,d rows (%.1f MB of NDJSON) ahead of the "
                + "subscriber: what socket buffers and the server's send queue held, so demand reached the socket%n",
                maxAhead, maxAhead * 43.2 / 1e6));
        if (maxDirect >= 0) {
            d.append(String.format(Locale.ROOT, "- Netty's allocator held at most %.1f MB of direct memory (client "
                    + "and server together)%n", mb(maxDirect)));
        }
        d.append("\n| s | rows read | server ahead (rows) | heap used (MB) |\n|---|---|---|---|\n");
        int step = Math.max(1, samples.size() / 12);
        for (int i = 0; i < samples.size(); i++) {
            if (i % step == 0 || i == samples.size() - 1) {
                Sample s = samples.get(i);
                d.append(String.format(Locale.ROOT, "| %.0f | %,d | %,d | %.1f |%n", s.seconds(), s.rowsRead(),
                        s.rowsGenerated() - s.rowsRead(), mb(s.heapUsed())));
            }
        }
        Figure fig = new Figure("5", String.format(Locale.ROOT, "heap while a %,d rows/s subscriber reads %,d rows: "
                        + "%.1f → max %.1f → %.1f MB", c.slowRowsPerSecond(), rows, mb(first.heapUsed()), mb(max),
                mb(last.heapUsed())), "heap at the start", String.format(Locale.ROOT, "growth %.1f MB", mb(growth)),
                "flat, < 32 MB", met ? "met" : "**missed**");
        return new SectionResult("5. Heap under a slow subscriber", List.of(fig), d.toString());
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
