package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import reactor.core.publisher.Flux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 4: many concurrent streaming queries on one client ({@code Flux.merge} of {@code client.query(...)} streams,
 * all subscribed at once), each reading every cell of its rows: wall time, rows, connections, and the JVM's live
 * thread count (the exact peak, from {@link ThreadMXBean#getPeakThreadCount()} reset before each run) against the count
 * before. The client runs once with a pool as large as the number of queries and once with the default pool of
 * {@value LakehouseClientOptions#DEFAULT_MAX_CONNECTIONS} connections, where the other queries wait for a connection.
 */
public final class ConcurrencyBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Threads that may appear during the run (timers, a scheduler's workers) without meaning a thread per query. */
    private static final int MAX_EXTRA_THREADS = 16;
    /** Runs per pool size are long (every query's rows): fewer than the other sections'. */
    private static final int MAX_WARMUPS = 2;
    private static final int MAX_ITERATIONS = 5;

    private ConcurrencyBenchmark() {
    }

    /** One configuration's timed runs. */
    private static final class Runs {
        final Samples wallSeconds = new Samples();
        final Samples peakThreads = new Samples();
        int maxOpen;
        int maxStreaming;
    }

    public static SectionResult run(BenchConfig c) {
        int queries = c.queries();
        int rows = c.rowsPerQuery();
        long expected = NdjsonRows.expectedChecksum(rows);
        int threadsAtStart = THREADS.getThreadCount();
        Map<String, Integer> namesAtStart = threadGroups();
        int warmups = Math.min(c.warmups(), MAX_WARMUPS);
        int iterations = Math.min(c.iterations(), MAX_ITERATIONS);
        try (ReplayServer server = ReplayServer.start().addBody("small", NdjsonRows.body(rows))) {
            int threadsBefore = THREADS.getThreadCount(); // the server is up, no client built yet
            Runs wide = new Runs();
            Runs narrow = new Runs();
            // one pool size after the other, each client closed after its runs, so that the server's count of open
            // connections is that client's alone
            for (Runs runs : List.of(wide, narrow)) {
                int pool = runs == wide ? queries : LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS;
                try (LakehouseClient client = Clients.lakehouse(server, pool)) {
                    for (int it = 0; it < warmups + iterations; it++) {
                        double seconds = once(client, runs, server, queries, rows, expected, it >= warmups);
                        System.out.printf(Locale.ROOT, "[4] pool %d, run %d%s: %d queries in %.2f s%n", pool, it,
                                it < warmups ? " (warm-up)" : "", queries, seconds);
                    }
                }
            }
            Map<String, Integer> namesAfter = threadGroups();
            return report(queries, rows, warmups, iterations, threadsAtStart, threadsBefore, wide, narrow,
                    namesAtStart, namesAfter);
        }
    }

    /** One run of all queries; returns its wall time in seconds. */
    private static double once(LakehouseClient client, Runs runs, ReplayServer server, int queries, int rows,
                             long expected, boolean timed) {
        server.resetCounters();
        THREADS.resetPeakThreadCount();
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger maxReading = new AtomicInteger();
        long t0 = System.nanoTime();
        Long total = Flux.range(0, queries)
                .flatMap(i -> counted(client.query("replay small"), reading, maxReading)
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
                                        Map<String, Integer> namesAfter) {
        int peak = (int) Math.max(wide.peakThreads.max(), narrow.peakThreads.max());
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d queries subscribed at once (`Flux.range(0, n).flatMap(i -> "
                + "client.query(...), n)`) against the replay server, each streaming %,d rows (%,d in all) and "
                + "reading every cell; %d warm-up + %d timed runs per pool size (one client per pool size, closed "
                + "after its runs); median [min–max].%n%n", queries, rows, (long) queries * rows, warmups,
                iterations));
        d.append("| client pool | wall time (s) | rows/s (median) | connections open at once (server) | streams "
                + "delivering rows at the same moment (most) | peak live threads |\n|---|---|---|---|---|---|\n");
        row(d, "maxConnections(" + queries + ")", wide, queries, rows);
        row(d, "default (" + LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS + "): the rest wait for a connection",
                narrow, queries, rows);
        d.append(String.format(Locale.ROOT, "%n- live threads in the JVM (client, replay server, harness): %d when "
                + "the section started, **%d with the replay server up, before the client was built, and at "
                + "most %d while %,d queries streamed** (exact peak from the ThreadMXBean, reset before each run). "
                + "No thread per query.%n", atStart, before, peak, queries));
        d.append("- thread names at the start of the section → after it: ").append(diff(namesAtStart, namesAfter))
                .append('\n');
        d.append("- the pool size matters: with the default pool of ")
                .append(LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS).append(" connections, the other queries wait "
                        + "in the pool's pending-acquire queue (unbounded in this client) until a connection is "
                        + "released; set `maxConnections` to the concurrency you want on the wire.\n");
        Figure fig = new Figure("4", String.format(Locale.ROOT, "%,d concurrent streaming queries (%,d rows each): "
                        + "%.2f s", queries, rows, wide.wallSeconds.median()),
                String.format(Locale.ROOT, "%d live threads before the first query", before),
                String.format(Locale.ROOT, "peak %d live threads; up to %d streams read at once", peak,
                        wide.maxStreaming),
                "no thread per query", peak - before <= MAX_EXTRA_THREADS ? "met" : "**missed**");
        return new SectionResult("4. 1,000 concurrent streaming queries", List.of(fig), d.toString());
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
