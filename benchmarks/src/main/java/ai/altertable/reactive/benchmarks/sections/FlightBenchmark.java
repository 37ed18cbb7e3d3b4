package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.flight.ArrowRowBatches;
import ai.altertable.reactive.benchmarks.flight.ReplayFlightServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.HashSet;
import java.util.concurrent.Callable;

/**
 * Section 2: the Flight client's {@code Flux} of Arrow record batches versus a raw {@code FlightStream} loop, on the
 * same in-process Flight SQL server ({@link ReplayFlightServer}, which streams pre-built batches and costs the client
 * side little). Three paths, each one full query per iteration, in rotating order:
 * <ul>
 *   <li>the baseline: Arrow's {@link FlightSqlClient}, {@code execute} then {@code getStream}, and
 *       {@code while (stream.next())} over the stream's root;</li>
 *   <li>{@link LakehouseFlightClient#queryBatches(String)}: owned batches, each closed after reading;</li>
 *   <li>{@link LakehouseFlightClient#queryBatches(String, java.util.function.Function)}: callback-scoped batches.</li>
 * </ul>
 * Every path touches every value of the {@code id} column and checks the sum and the row count, and the server's count
 * of batches sent is checked too. Besides wall time, CPU time is split between the server's threads
 * ({@code flight-replay-*}) and the rest (the client side: the reading thread, gRPC's event loop and executor).
 */
public final class FlightBenchmark {

    static final double GOAL = 0.95;
    private static final String RAW = "raw loop: `FlightSqlClient.execute` + `getStream`, `while (stream.next())` over "
            + "the stream's root";
    private static final String OWNED = "**`queryBatches(sql)` → `Flux<ArrowBatch>`**: owned batches, each closed "
            + "after reading";
    private static final String SCOPED = "**`queryBatches(sql, root -> …)`**: callback-scoped, the stream's own root";
    private static final String HANDED = "owned batches handed to another thread one at a time: `queryBatches(sql)"
            + ".publishOn(single, 1)` (not a goal: a blocking loop has no such hand-over)";

    private FlightBenchmark() {
    }

    /** Rows and the sum of {@code id} seen by one reader. Not thread-safe. */
    static final class Touch {
        long rows;
        long sum;

        /** Reads every value of {@code id} in {@code root}'s current batch. */
        Touch add(VectorSchemaRoot root) {
            BigIntVector id = (BigIntVector) root.getVector(0);
            int n = root.getRowCount();
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += id.get(i);
            }
            sum += s;
            rows += n;
            return this;
        }

        Touch merge(Touch other) {
            rows += other.rows;
            sum += other.sum;
            return this;
        }
    }

    /** What one stream (one server, one batch size) measured. */
    private static final class Run {
        final long rows;
        final int batchRows;
        final int batches;
        final long bodyBytes;
        final double buildSeconds;
        final Map<String, PathStats> stats = new LinkedHashMap<>();
        final Map<String, Samples> clientCpu = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> busiestNames = new LinkedHashMap<>();
        final Samples serverCpu = new Samples();
        final Samples ownedWall = new Samples();
        final Samples ownedBusiest = new Samples();
        final Samples ownedClient = new Samples();
        final Samples scopedWall = new Samples();
        final Samples scopedBusiest = new Samples();
        final Samples scopedClient = new Samples();
        final Samples handedWall = new Samples();
        final Samples handedClient = new Samples();
        /** Per path, the client-side CPU ns per row of each thread pool, summed per timed iteration. */
        final Map<String, Map<String, Samples>> poolCpu = new LinkedHashMap<>();
        long heldAfter;

        Run(ArrowRowBatches data, double buildSeconds) {
            this.rows = data.rows();
            this.batchRows = data.batchRows();
            this.batches = data.batches().size();
            this.bodyBytes = data.bodyBytes();
            this.buildSeconds = buildSeconds;
            for (String n : List.of(RAW, OWNED, SCOPED, HANDED)) {
                stats.put(n, new PathStats());
                clientCpu.put(n, new Samples());
                busiestNames.put(n, new HashMap<>());
                poolCpu.put(n, new TreeMap<>());
            }
        }

        /** The client's extra CPU on the client-side threads per batch over the raw loop's, in microseconds. */
        double extraMicrosPerBatch(String path) {
            return (clientCpu.get(path).median() - clientCpu.get(RAW).median()) * batchRows / 1e3;
        }
    }

    public static SectionResult run(BenchConfig c) {
        Run large = measure(c, c.flightRows(), c.flightBatchRows(), "");
        Run small = measure(c, c.flightSmallRows(), c.flightSmallBatch(), " small");
        String details = method(c, large, small)
                + String.format(Locale.ROOT, "**Batches of %,d rows** (%,d rows, %d batches):%n%n", large.batchRows,
                        large.rows, large.batches)
                + table(large) + ratios(large) + notes(large) + pools(large)
                + String.format(Locale.ROOT, "%n**Small batches: %,d rows each** (%,d rows, %,d batches), where "
                        + "per-batch costs weigh %d times as much per row:%n%n", small.batchRows, small.rows,
                        small.batches, large.batchRows / small.batchRows)
                + table(small) + ratios(small) + notes(small)
                + perBatch(large, small) + pools(small);
        List<Figure> figures = new ArrayList<>(figures(large, ""));
        figures.addAll(figures(small, String.format(Locale.ROOT, ", batches of %,d rows", small.batchRows)));
        return new SectionResult("2. Arrow `Flux` versus a raw `FlightStream` loop", figures, details);
    }

    /** Twice the configured count: a query takes well under a second, and the ratios of single ones swing. */
    static int timedIterations(BenchConfig c) {
        return 2 * c.iterations();
    }

    private static Run measure(BenchConfig c, long rows, int batchRows, String label) {
        long buildStart = System.nanoTime();
        try (ReplayFlightServer server = ReplayFlightServer.start(rows, batchRows);
             BufferAllocator rawAllocator = new RootAllocator();
             FlightClient raw = FlightClient.builder(rawAllocator, Location.forGrpcInsecure("127.0.0.1", server.port()))
                     .build();
             LakehouseFlightClient client = LakehouseFlightClient.create(FlightClientOptions.builder()
                     .endpoint("127.0.0.1", server.port())
                     .credentials(Credentials.basic(ReplayFlightServer.USER, ReplayFlightServer.PASSWORD))
                     .build())) {
            Scheduler consumer = Schedulers.newSingle("bench-consumer", true);
            try {
                return measure(c, server, raw, client, consumer, buildStart, label);
            } finally {
                consumer.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Run measure(BenchConfig c, ReplayFlightServer server, FlightClient raw,
                               LakehouseFlightClient client, Scheduler consumer, long buildStart, String label) {
        ArrowRowBatches data = server.data();
        Run run = new Run(data, (System.nanoTime() - buildStart) / 1e9);
        CallOption auth = raw.authenticateBasicToken(ReplayFlightServer.USER, ReplayFlightServer.PASSWORD)
                .orElseThrow(() -> new IllegalStateException("the server sent no bearer token"));
        FlightSqlClient sql = new FlightSqlClient(raw);
        Map<String, Callable<Touch>> paths = new LinkedHashMap<>();
        paths.put(RAW, () -> rawLoop(sql, auth));
        paths.put(OWNED, () -> client.queryBatches(ReplayFlightServer.QUERY)
                .reduceWith(Touch::new, (t, batch) -> {
                    try (batch) {
                        return t.add(batch.root());
                    }
                })
                .block());
        paths.put(SCOPED, () -> client.queryBatches(ReplayFlightServer.QUERY, root -> new Touch().add(root))
                .reduceWith(Touch::new, Touch::merge)
                .block());
        paths.put(HANDED, () -> client.queryBatches(ReplayFlightServer.QUERY)
                .publishOn(consumer, 1)
                .reduceWith(Touch::new, (t, batch) -> {
                    try (batch) {
                        return t.add(batch.root());
                    }
                })
                .block());
        List<String> names = new ArrayList<>(paths.keySet());
        Map<String, Double> lastClientCpu = new HashMap<>();
        for (int it = 0; it < c.warmups() + timedIterations(c); it++) {
            boolean timed = it >= c.warmups();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + it) % names.size());
                long sentBefore = server.batchesSent();
                ProcessCpu.Snapshot before = ProcessCpu.snapshot();
                long t0 = System.nanoTime();
                Touch touched = call(name, paths.get(name));
                long wall = System.nanoTime() - t0;
                ProcessCpu.Snapshot after = ProcessCpu.snapshot();
                run.stats.get(name).record(data.rows(), wall, before, after, timed);
                check(name, touched, data, server.batchesSent() - sentBefore, run.batches);
                run.heldAfter = Math.max(run.heldAfter, client.allocatedMemory());
                long client0 = 0;
                long server0 = 0;
                long busiest = -1;
                long busiestId = -1;
                Map<String, Long> pools = new HashMap<>();
                for (Map.Entry<Long, Long> e : after.perThreadSince(before).entrySet()) {
                    String thread = ProcessCpu.threadName(e.getKey());
                    if (thread.startsWith(ReplayFlightServer.THREAD_PREFIX)) {
                        server0 += e.getValue();
                    } else {
                        client0 += e.getValue();
                        pools.merge(pool(thread), e.getValue(), Long::sum);
                    }
                    if (e.getValue() > busiest) {
                        busiest = e.getValue();
                        busiestId = e.getKey();
                    }
                }
                lastClientCpu.put(name, client0 / (double) data.rows());
                if (timed) {
                    run.clientCpu.get(name).add(client0 / (double) data.rows());
                    run.serverCpu.add(server0 / (double) data.rows());
                    run.busiestNames.get(name).merge(pool(ProcessCpu.threadName(busiestId)), 1, Integer::sum);
                    Map<String, Samples> byPool = run.poolCpu.get(name);
                    Set<String> seen = new HashSet<>(byPool.keySet());
                    seen.addAll(pools.keySet());
                    for (String p : seen) { // a pool absent from an iteration counts 0 in it
                        byPool.computeIfAbsent(p, absent -> zeros(run.clientCpu.get(name).count() - 1))
                                .add(pools.getOrDefault(p, 0L) / (double) data.rows());
                    }
                }
            }
            PathStats r = run.stats.get(RAW);
            PathStats o = run.stats.get(OWNED);
            PathStats s = run.stats.get(SCOPED);
            if (timed) {
                run.ownedWall.add(o.lastRate / r.lastRate);
                run.ownedBusiest.add(r.lastBusiest / o.lastBusiest);
                run.ownedClient.add(lastClientCpu.get(RAW) / lastClientCpu.get(OWNED));
                run.scopedWall.add(s.lastRate / r.lastRate);
                run.scopedBusiest.add(r.lastBusiest / s.lastBusiest);
                run.scopedClient.add(lastClientCpu.get(RAW) / lastClientCpu.get(SCOPED));
                run.handedWall.add(run.stats.get(HANDED).lastRate / r.lastRate);
                run.handedClient.add(lastClientCpu.get(RAW) / lastClientCpu.get(HANDED));
            }
            System.out.printf(Locale.ROOT, "[2%s] iteration %d%s: raw loop %.2f Mrows/s, %.1f ns/row client side; "
                            + "owned %.2f, %.1f; scoped %.2f, %.1f; handed over %.2f, %.1f%n", label, it,
                    timed ? "" : " (warm-up)", r.lastRate, lastClientCpu.get(RAW), o.lastRate,
                    lastClientCpu.get(OWNED), s.lastRate, lastClientCpu.get(SCOPED),
                    run.stats.get(HANDED).lastRate, lastClientCpu.get(HANDED));
        }
        return run;
    }

    private static Samples zeros(int n) {
        Samples s = new Samples();
        for (int i = 0; i < n; i++) {
            s.add(0);
        }
        return s;
    }

    /** The client-side CPU per row by thread pool and path: where each path spends what the table sums. */
    private static String pools(Run run) {
        Set<String> shown = new TreeSet<>();
        run.poolCpu.values().forEach(m -> m.forEach((p, v) -> {
            if (v.median() >= 0.5) {
                shown.add(p);
            }
        }));
        StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "%nClient-side CPU ns per row by thread "
                + "(median of the timed iterations; threads under 0.5 ns/row on every path are summed as "
                + "\"other\"), with %,d-row batches:%n%n| thread | raw loop | owned | callback-scoped | handed over "
                + "|%n|---|---|---|---|---|%n", run.batchRows));
        List<String> paths = List.of(RAW, OWNED, SCOPED, HANDED);
        for (String p : shown) {
            d.append("| `").append(p).append('`');
            for (String path : paths) {
                Samples v = run.poolCpu.get(path).get(p);
                d.append(String.format(Locale.ROOT, " | %.1f", v == null ? 0.0 : v.median()));
            }
            d.append(" |\n");
        }
        d.append("| other");
        for (String path : paths) {
            double other = run.poolCpu.get(path).entrySet().stream().filter(e -> !shown.contains(e.getKey()))
                    .mapToDouble(e -> e.getValue().median()).sum();
            d.append(String.format(Locale.ROOT, " | %.1f", other));
        }
        d.append(" |\n");
        return d.toString();
    }

    /** The baseline: Arrow's Flight SQL client as its documentation uses it. */
    private static Touch rawLoop(FlightSqlClient sql, CallOption auth) throws Exception {
        Touch t = new Touch();
        FlightInfo info = sql.execute(ReplayFlightServer.QUERY, auth);
        for (FlightEndpoint endpoint : info.getEndpoints()) {
            try (FlightStream stream = sql.getStream(endpoint.getTicket(), auth)) {
                VectorSchemaRoot root = stream.getRoot();
                while (stream.next()) {
                    t.add(root);
                }
            }
        }
        return t;
    }

    static Touch call(String name, Callable<Touch> path) {
        try {
            Touch t = path.call();
            if (t == null) {
                throw new IllegalStateException(name + ": no result");
            }
            return t;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e, e);
        }
    }

    static void check(String name, Touch t, ArrowRowBatches data, long sent, int batches) {
        if (t.rows != data.rows() || t.sum != data.expectedIdSum()) {
            throw new IllegalStateException(name + ": " + t.rows + " rows, id sum " + t.sum + "; expected "
                    + data.rows() + " rows, sum " + data.expectedIdSum());
        }
        if (sent != batches) {
            throw new IllegalStateException(name + ": the server sent " + sent + " batches, expected " + batches);
        }
    }

    /** A thread's pool: its name without trailing numbers ({@code grpc-default-executor-3} → {@code grpc-default-executor}). */
    static String pool(String thread) {
        return thread.replaceAll("[-_]?\\d+(-\\d+)*$", "");
    }

    private static String method(BenchConfig c, Run large, Run small) {
        return String.format(Locale.ROOT, "Rows of `id BIGINT, ms DOUBLE, service VARCHAR` (%d characters; %.1f B/row "
                        + "of Arrow buffers), built in Java before anything is timed and streamed over loopback by an "
                        + "in-process Arrow `FlightServer` with a `FlightSqlProducer` (`ReplayFlightServer`, on its own "
                        + "`flight-replay-*` threads): each `DoGet` loads the pre-built batches into its root without "
                        + "copying and `putNext`s them while gRPC is ready for more. Two streams: %,d rows in batches of "
                        + "%,d rows (the size DuckDB's Arrow export and the mock send), then %,d rows in batches of %,d "
                        + "rows, each with its own server and clients. Every path runs the same Flight SQL exchange on "
                        + "its own gRPC channel to that server (`GetFlightInfo` of a `CommandStatementQuery`, then "
                        + "`DoGet` of its one endpoint), authenticated once with Arrow's header scheme (Basic, then a "
                        + "bearer token), and reads every value of `id` with `BigIntVector.get` (summed, and checked with "
                        + "the row count; the server's count of batches sent is checked too). The client has its "
                        + "default options (prefetch 1, its own io and delivery threads, 60 s idle timeout) and is read by "
                        + "`reduceWith(...).block()`. %d warm-up + %d timed iterations per stream (twice the other "
                        + "sections' count: a query takes well under a second), every path once per iteration in "
                        + "rotating order; median [min–max]. MB/s counts Arrow buffer bytes (the IPC "
                        + "bodies). CPU columns as in section 1, plus the **client side**: every Java thread but the "
                        + "server's (the reading thread, gRPC's event loop and executor, the client's io and delivery threads). The "
                        + "busiest thread here is a transport thread (gRPC's event loop, or the server's), which runs "
                        + "the same code for every path, so the verdict by CPU uses the client side: what the reader "
                        + "pays per row, the server excluded.%n%n",
                ArrowRowBatches.SERVICE_CHARS, (double) large.bodyBytes / large.rows, large.rows, large.batchRows,
                small.rows, small.batchRows, c.warmups(), timedIterations(c));
    }

    private static String table(Run run) {
        StringBuilder d = new StringBuilder("| path | Mrows/s (wall) | MB/s | busiest thread ns/row | busiest thread "
                + "(most often) | client-side threads ns/row | Java threads ns/row | process ns/row |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        double bytesPerRow = (double) run.bodyBytes / run.rows;
        run.stats.forEach((name, s) -> d.append(String.format(Locale.ROOT,
                "| %s | %s | %.0f | %s | %s | %s | %s | %s |%n", name, s.rate.format("%.2f"),
                s.rate.median() * bytesPerRow, s.busiest.format("%.1f"), mostOften(run.busiestNames.get(name)),
                run.clientCpu.get(name).format("%.1f"), s.javaCpu.format("%.1f"), s.process.format("%.1f"))));
        return d.toString();
    }

    private static String mostOften(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> "`" + e.getKey() + "`" + (counts.size() > 1 ? String.format(Locale.ROOT, " (%d of %d)",
                        e.getValue(), counts.values().stream().mapToInt(Integer::intValue).sum()) : ""))
                .orElse("");
    }

    private static String ratios(Run run) {
        StringBuilder d = new StringBuilder("\nRatios to the raw loop, each taken within an iteration "
                + "(median [min–max]):\n\n");
        d.append(String.format(Locale.ROOT, "- **owned batches / raw loop, wall-clock rows/s: %s** (goal ≥ %.2f: %s)%n",
                run.ownedWall.format("%.2f"), GOAL, verdict(run.ownedWall.median())));
        d.append(String.format(Locale.ROOT, "- **owned batches / raw loop, CPU of the client-side threads per row: %s** "
                + "(goal ≥ %.2f: %s)%n", run.ownedClient.format("%.2f"), GOAL, verdict(run.ownedClient.median())));
        d.append(String.format(Locale.ROOT, "- owned batches / raw loop, busiest-thread CPU per row: %s%n",
                run.ownedBusiest.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- **callback-scoped / raw loop, wall-clock rows/s: %s** (goal ≥ %.2f: "
                + "%s)%n", run.scopedWall.format("%.2f"), GOAL, verdict(run.scopedWall.median())));
        d.append(String.format(Locale.ROOT, "- **callback-scoped / raw loop, CPU of the client-side threads per row: "
                + "%s** (goal ≥ %.2f: %s)%n", run.scopedClient.format("%.2f"), GOAL,
                verdict(run.scopedClient.median())));
        d.append(String.format(Locale.ROOT, "- callback-scoped / raw loop, busiest-thread CPU per row: %s%n",
                run.scopedBusiest.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- owned batches handed to another thread / raw loop: %s wall-clock, %s CPU "
                + "of the client-side threads per row%n", run.handedWall.format("%.2f"),
                run.handedClient.format("%.2f")));
        return d.toString();
    }

    private static String notes(Run run) {
        return String.format(Locale.ROOT, "- the server sent %,d batches per query (checked every time); its own "
                        + "threads used %s CPU ns per row (all paths' timed iterations)%n"
                        + "- Arrow memory the client still held after a query: at most %,d bytes (every owned batch "
                        + "was closed by the reader; the client freed the rest)%n",
                run.batches, run.serverCpu.format("%.1f"), run.heldAfter);
    }

    private static String perBatch(Run large, Run small) {
        return String.format(Locale.ROOT, "%n- the client's client-side CPU over the raw loop's, per batch (difference "
                        + "of the medians × rows per batch; negative is cheaper): owned batches %+.1f µs with %,d-row "
                        + "batches and %+.1f µs with %,d-row batches; callback-scoped %+.1f µs and %+.1f µs; owned "
                        + "batches handed to another thread %+.1f µs and %+.1f µs%n",
                large.extraMicrosPerBatch(OWNED), large.batchRows, small.extraMicrosPerBatch(OWNED), small.batchRows,
                large.extraMicrosPerBatch(SCOPED), small.extraMicrosPerBatch(SCOPED),
                large.extraMicrosPerBatch(HANDED), small.extraMicrosPerBatch(HANDED));
    }

    private static List<Figure> figures(Run run, String suffix) {
        PathStats r = run.stats.get(RAW);
        PathStats o = run.stats.get(OWNED);
        PathStats s = run.stats.get(SCOPED);
        String baseline = String.format(Locale.ROOT, "raw `FlightStream` loop%s: %.2f Mrows/s, %.1f ns/row on the "
                + "client-side threads", suffix, r.rate.median(), run.clientCpu.get(RAW).median());
        return List.of(
                new Figure("2", String.format(Locale.ROOT, "owned `Flux<ArrowBatch>`%s: %.2f Mrows/s, %.1f ns/row on "
                        + "the client-side threads", suffix, o.rate.median(), run.clientCpu.get(OWNED).median()),
                        baseline, String.format(Locale.ROOT, "%.2f wall, %.2f CPU", run.ownedWall.median(),
                        run.ownedClient.median()),
                        String.format(Locale.ROOT, "≥ %.2f", GOAL), summaryVerdict(run.ownedWall, run.ownedClient)),
                new Figure("2", String.format(Locale.ROOT, "callback-scoped batches%s: %.2f Mrows/s, %.1f ns/row on "
                        + "the client-side threads", suffix, s.rate.median(), run.clientCpu.get(SCOPED).median()),
                        "the same raw loop", String.format(Locale.ROOT, "%.2f wall, %.2f CPU", run.scopedWall.median(),
                        run.scopedClient.median()),
                        String.format(Locale.ROOT, "≥ %.2f", GOAL), summaryVerdict(run.scopedWall, run.scopedClient)));
    }

    private static String summaryVerdict(Samples wall, Samples cpu) {
        boolean wallMet = wall.median() >= GOAL;
        boolean cpuMet = cpu.median() >= GOAL;
        if (wallMet && cpuMet) {
            return "met";
        }
        if (cpuMet) {
            return String.format(Locale.ROOT, "**missed** by wall clock (%.2f), which this machine's load moves; met "
                    + "by CPU", wall.median());
        }
        return String.format(Locale.ROOT, "**missed** by CPU (%.2f)%s", cpu.median(),
                wallMet ? "; met by wall clock, which this machine's load moves" : "");
    }

    private static String verdict(double ratio) {
        return ratio >= GOAL ? "met" : "**missed**";
    }
}
