package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.replay.ReplayProcess;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import reactor.core.publisher.Flux;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 4: many concurrent streaming queries on one client ({@code Flux.merge} of {@code client.query(...)} streams,
 * all subscribed at once), each reading every cell of its rows: wall time, rows, connections, the JVM's live thread
 * count (the exact peak, from {@link ThreadMXBean#getPeakThreadCount()} reset before each run) against the count
 * before, and the heap the client holds while the streams are open (used heap after a full GC, sampled during a
 * separate run, against the heap before the client was built). The client runs once with a pool as large as the
 * number of queries and once with the default pool of {@value LakehouseClientOptions#DEFAULT_MAX_CONNECTIONS}
 * connections, where the other queries wait for a connection.
 *
 * <p>The replay server runs in a child JVM ({@link ReplayProcess}): a loopback connection is a file descriptor at both
 * ends, and 10,000 connections with both ends in one process would pass the per-process limit. So this JVM holds the
 * client and the harness only, and its threads and heap are the client's.
 */
public final class ConcurrencyBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Threads that may appear during the run (timers, a scheduler's workers) without meaning a thread per query. */
    private static final int MAX_EXTRA_THREADS = 16;
    /** Runs per pool size are long (every query's rows): fewer than the other sections'. */
    private static final int MAX_WARMUPS = 1;
    private static final int MAX_ITERATIONS = 3;
    /** The goal for the heap the client holds with all streams open. */
    static final long HEAP_GOAL_BYTES = 64L << 20;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /**
     * The server holds every response until all queries have arrived, and opening thousands of connections on a loaded
     * machine can take longer than the default 60 s to a response's first bytes: the client waits longer here.
     */
    private static final Duration GATED_RESPONSE_TIMEOUT = Duration.ofMinutes(10);

    private ConcurrencyBenchmark() {
    }

    /** One configuration's timed runs. */
    private static final class Runs {
        final Samples wallSeconds = new Samples();
        final Samples peakThreads = new Samples();
        int maxOpen;
        int maxStreaming;
    }

    /** Used heap after GC, sampled while the queries of one run streamed. */
    record HeapSample(double seconds, int streamsOpen, long heapUsed, long nettyDirect, long openFiles) {
    }

    public static SectionResult run(BenchConfig c) {
        int queries = c.queries();
        int rows = c.rowsPerQuery();
        long expected = NdjsonRows.expectedChecksum(rows);
        int threadsAtStart = THREADS.getThreadCount();
        Map<String, Integer> namesAtStart = threadGroups();
        int warmups = Math.min(c.warmups(), MAX_WARMUPS);
        int iterations = Math.min(c.iterations(), MAX_ITERATIONS);
        try (ReplayProcess server = ReplayProcess.start("small", rows)) {
            int threadsBefore = THREADS.getThreadCount(); // the server is up, no client built yet
            long heapBefore = heapAfterGc();
            Runs wide = new Runs();
            Runs narrow = new Runs();
            List<HeapSample> heap = List.of();
            // one pool size after the other, each client closed after its runs, so that the server's count of open
            // connections is that client's alone
            for (Runs runs : List.of(wide, narrow)) {
                int pool = runs == wide ? queries : LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS;
                try (LakehouseClient client = Clients.lakehouse(server.baseUrl(), pool, GATED_RESPONSE_TIMEOUT)) {
                    if (runs == wide) { // a fresh client: everything it holds for the streams counts
                        heap = heapRun(client, server, queries, rows, expected, heapEvery(c), pool);
                    }
                    for (int it = 0; it < warmups + iterations; it++) {
                        double seconds = once(client, runs, server, queries, rows, expected, it >= warmups, null,
                                pool);
                        System.out.printf(Locale.ROOT, "[4] pool %d, run %d%s: %d queries in %.2f s%n", pool, it,
                                it < warmups ? " (warm-up)" : "", queries, seconds);
                    }
                }
            }
            Map<String, Integer> namesAfter = threadGroups();
            return report(queries, rows, warmups, iterations, threadsAtStart, threadsBefore, wide, narrow,
                    namesAtStart, namesAfter, heapBefore, heap, heapEvery(c));
        }
    }

    /**
     * One run of all queries during which used heap is sampled after a full GC every {@code every}, with the number
     * of streams open at that moment (subscribed and not yet ended). Not timed: the collections stop the streams.
     */
    private static List<HeapSample> heapRun(LakehouseClient client, ReplayProcess server, int queries, int rows,
                                            long expected, Duration every, int pool) {
        List<HeapSample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger open = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        long t0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(every.toMillis()); // the harness's own thread, not a client thread
                } catch (InterruptedException e) {
                    return;
                }
                if (running.get()) {
                    int streams = open.get();
                    long used = heapAfterGc();
                    samples.add(new HeapSample((System.nanoTime() - t0) / 1e9, streams, used,
                            SlowSubscriberBenchmark.nettyDirect(), openFiles()));
                    System.out.printf(Locale.ROOT, "[4] heap run: %d streams open, heap %.1f MB%n", streams,
                            used / 1e6);
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            once(client, new Runs(), server, queries, rows, expected, false, open, pool);
        } finally {
            running.set(false);
            sampler.interrupt();
        }
        return List.copyOf(samples);
    }

    /** Every second (the runs take tens of seconds), or the configuration's sampling interval if shorter. */
    private static Duration heapEvery(BenchConfig c) {
        return c.sampleEvery().compareTo(Duration.ofSeconds(1)) < 0 ? c.sampleEvery() : Duration.ofSeconds(1);
    }

    /** File descriptors this JVM has open, or -1 if the JVM does not say. */
    private static long openFiles() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
                ? u.getOpenFileDescriptorCount() : -1;
    }

    /** This JVM's limit of file descriptors ({@code ulimit -n}), or -1 if the JVM does not say. */
    private static long maxFiles() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : -1;
    }

    private static long heapAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * One run of all queries; returns its wall time in seconds. {@code open} (if given) counts open streams. The server
     * holds every answer until as many queries as the pool has connections have arrived (all of them with the large
     * pool), so that those streams are open at the same time, whatever the order of their connections.
     */
    private static double once(LakehouseClient client, Runs runs, ReplayProcess server, int queries, int rows,
                               long expected, boolean timed, AtomicInteger open, int pool) {
        String statement = "replay small after " + Math.min(queries, pool);
        server.resetCounters();
        THREADS.resetPeakThreadCount();
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger maxReading = new AtomicInteger();
        long t0 = System.nanoTime();
        Long total = Flux.range(0, queries)
                .flatMap(i -> opened(counted(client.query(statement), reading, maxReading), open)
                        .reduceWith(CellChecksum::new, Clients::touch), queries)
                .map(sum -> {
                    if (sum.value() != expected || sum.rows() != rows) {
                        throw new IllegalStateException("a query read " + sum.rows() + " rows, checksum "
                                + sum.value() + ", expected " + rows + " rows, " + expected);
                    }
                    return sum.rows();
                })
                .reduce(0L, Long::sum)
                .block();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (total == null || total != (long) queries * rows || server.queries() != queries) {
            throw new IllegalStateException("expected " + queries + " queries of " + rows + " rows, read " + total
                    + " rows in " + server.queries() + " queries");
        }
        if (timed) {
            runs.wallSeconds.add(seconds);
            runs.peakThreads.add(THREADS.getPeakThreadCount());
            runs.maxStreaming = Math.max(runs.maxStreaming, maxReading.get());
            runs.maxOpen = Math.max(runs.maxOpen, server.maxConnectionsOpen());
        }
        return seconds;
    }

    /** Counts the stream as open from its subscription to its end, in {@code open} if given. */
    private static <T> Flux<T> opened(Flux<T> rows, AtomicInteger open) {
        return open == null ? rows
                : rows.doOnSubscribe(s -> open.incrementAndGet()).doFinally(signal -> open.decrementAndGet());
    }

    /** Counts the stream as being read from its first row to its end. */
    private static <T> Flux<T> counted(Flux<T> rows, AtomicInteger reading, AtomicInteger maxReading) {
        return Flux.defer(() -> {
            boolean[] started = new boolean[1];
            return rows.doOnNext(r -> {
                if (!started[0]) {
                    started[0] = true;
                    maxReading.accumulateAndGet(reading.incrementAndGet(), Math::max);
                }
            }).doFinally(signal -> {
                if (started[0]) {
                    reading.decrementAndGet();
                }
            });
        });
    }

    /** Live threads by name with trailing numbers dropped ({@code reactor-http-epoll-3} → {@code reactor-http-epoll}). */
    static Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            groups.merge(t.getName().replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
        }
        return groups;
    }

    private static SectionResult report(int queries, int rows, int warmups, int iterations, int atStart,
                                        int before, Runs wide, Runs narrow, Map<String, Integer> namesAtStart,
                                        Map<String, Integer> namesAfter, long heapBefore, List<HeapSample> heap,
                                        Duration every) {
        int peak = (int) Math.max(wide.peakThreads.max(), narrow.peakThreads.max());
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d queries subscribed at once (`Flux.range(0, n).flatMap(i -> "
                + "client.query(...), n)`) against the replay server, each streaming %,d rows (%,d in all) and "
                + "reading every cell; %d warm-up + %d timed runs per pool size (one client per pool size, closed "
                + "after its runs); median [min–max]. The replay server runs in a child JVM: a loopback connection "
                + "is a file descriptor at both ends, and %,d connections with both ends in one process would pass "
                + "this machine's limit of file descriptors per process; so this JVM holds the client and the "
                + "harness only.%n%n", queries, rows, (long) queries * rows, warmups, iterations, queries));
        d.append("| client pool | wall time (s) | rows/s (median) | connections open at once (server) | streams "
                + "delivering rows at the same moment (most) | peak live threads |\n|---|---|---|---|---|---|\n");
        row(d, "maxConnections(" + queries + ")", wide, queries, rows);
        row(d, "default (" + LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS + "): the rest wait for a connection",
                narrow, queries, rows);
        d.append(String.format(Locale.ROOT, "%n- live threads in the JVM (client and harness): %d when "
                + "the section started, **%d with the replay server up, before the client was built, and at "
                + "most %d while %,d queries streamed** (exact peak from the ThreadMXBean, reset before each run). "
                + "No thread per query.%n", atStart, before, peak, queries));
        d.append("- thread names at the start of the section → after it: ").append(diff(namesAtStart, namesAfter))
                .append('\n');
        d.append("- the pool size matters: with the default pool of ")
                .append(LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS).append(" connections, the other queries wait "
                        + "in the pool's pending-acquire queue (unbounded in this client) until a connection is "
                        + "released; set `maxConnections` to the concurrency you want on the wire.\n");
        HeapSample top = heap.stream().max(java.util.Comparator.comparingLong(HeapSample::heapUsed)).orElse(null);
        int mostOpen = heap.stream().mapToInt(HeapSample::streamsOpen).max().orElse(0);
        long growth = top == null ? 0 : top.heapUsed() - heapBefore;
        boolean heapMet = top != null && growth < HEAP_GOAL_BYTES && mostOpen == queries;
        d.append(String.format(Locale.ROOT, "- **heap: %.1f MB used after GC before the client was built, at most "
                        + "%.1f MB while the streams were open (%,d of them at that sample): growth %.1f MB, %.1f KB "
                        + "per stream** — goal: under 64 MB with all %,d streams open: %s. Sampled after `System.gc()` "
                        + "every %d ms during a separate run of the large pool's client (fresh, before its timed "
                        + "runs: its pool's connections count too), not timed; JVM heap max %d MiB.%n", mb(heapBefore),
                top == null ? 0 : mb(top.heapUsed()), top == null ? 0 : top.streamsOpen(), mb(growth),
                top == null || top.streamsOpen() == 0 ? 0 : growth / 1024.0 / top.streamsOpen(), queries,
                heapMet ? "met" : "**missed**", every.toMillis(), Runtime.getRuntime().maxMemory() >> 20));
        long mostFiles = heap.stream().mapToLong(HeapSample::openFiles).max().orElse(-1);
        d.append(String.format(Locale.ROOT, "- file descriptors: this JVM may open %,d (`ulimit -n`) and had at most "
                + "%,d open during the heap run (a socket per connection, plus the JVM's own files); the replay "
                + "server's child JVM holds the other end of each connection. In one process both ends would need "
                + "%,d descriptors for the connections alone, so %,d concurrent streams need a limit above that when "
                + "client and server share a JVM, and above %,d for the client alone.%n", maxFiles(), mostFiles,
                2L * queries, queries, queries + 1_000));
        if (!heap.isEmpty()) {
            d.append("\n| s | streams open | heap used after GC (MB) | Netty direct memory (MB) | open files |\n"
                    + "|---|---|---|---|---|\n");
            int step = Math.max(1, (heap.size() + 15) / 16); // at most about 16 rows, the highest heap among them
            for (int i = 0; i < heap.size(); i++) {
                HeapSample h = heap.get(i);
                if (i % step == 0 || h == top || i == heap.size() - 1) {
                    d.append(String.format(Locale.ROOT, "| %.0f | %,d | %.1f | %.1f | %,d |%n", h.seconds(),
                            h.streamsOpen(), mb(h.heapUsed()), mb(h.nettyDirect()), h.openFiles()));
                }
            }
        }
        Figure fig = new Figure("4", String.format(Locale.ROOT, "%,d concurrent streaming queries (%,d rows each): "
                        + "%.2f s", queries, rows, wide.wallSeconds.median()),
                String.format(Locale.ROOT, "%d live threads before the first query; heap before the client", before),
                String.format(Locale.ROOT, "peak %d live threads; up to %,d streams read at once; heap +%.1f MB with "
                        + "%,d streams open", peak, wide.maxStreaming, mb(growth), top == null ? 0 : top.streamsOpen()),
                "no thread per query; heap growth < 64 MB",
                peak - before <= MAX_EXTRA_THREADS && heapMet ? "met" : "**missed**");
        return new SectionResult(String.format(Locale.ROOT, "4. %,d concurrent streaming queries", queries),
                List.of(fig), d.toString());
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private static void row(StringBuilder d, String pool, Runs r, int queries, int rows) {
        d.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %d | %d | %s |%n", pool, r.wallSeconds.format("%.2f"),
                (double) queries * rows / r.wallSeconds.median(), r.maxOpen, r.maxStreaming,
                r.peakThreads.format("%.0f")));
    }

    private static String diff(Map<String, Integer> before, Map<String, Integer> after) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            int was = before.getOrDefault(e.getKey(), 0);
            if (was != e.getValue()) {
                sb.append(sb.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ").append(was)
                        .append(" → ").append(e.getValue());
            }
        }
        for (Map.Entry<String, Integer> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                sb.append(sb.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ")
                        .append(e.getValue()).append(" → 0");
            }
        }
        return sb.length() == 0 ? "unchanged" : sb.toString();
    }
}
