package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.baseline.JacksonCeiling;
import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.rest.LakehouseClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Section 1: {@code Flux<Row>} over loopback from the replay server versus the Jackson token-parse ceiling on the same
 * bytes in memory, plus references that locate the gap: the bare transport (bytes received, nothing parsed), a
 * hand-written end-to-end loop (the same transport, each chunk copied and fed to the ceiling parser), and the client
 * with its timeouts off.
 *
 * <p>All paths run in every iteration, in a rotating order, and each iteration's ratios are taken within the
 * iteration. Every path checks its checksum of all cells against the expected one. Besides wall time, each path's CPU
 * time is measured (see {@link ProcessCpu}); the busiest thread's CPU time per row bounds a path's throughput on an
 * idle machine, and unlike wall time it barely moves when other processes compete for the cores.
 */
public final class StreamingBenchmark {

    static final int CHUNK = 8 * 1024;
    static final double GOAL = 0.9;
    private static final String CEILING = "Jackson ceiling (in memory, 8 KiB chunks, doubles)";
    private static final String EXACT = "Jackson ceiling, exact decimals (BigDecimal, as the client reads them)";
    private static final String TRANSPORT = "transport only: raw HttpClient, bytes counted";
    private static final String HAND = "hand-written: raw HttpClient, each chunk copied to byte[] and parsed as the ceiling";
    private static final String CLIENT = "**LakehouseClient.query → Flux<Row>**, typed getters on every cell";
    private static final String CLIENT_NO_TIMEOUTS = "the same client with response and idle timeouts off";
    private static final String CLIENT_BIG_CHUNKS = "the same client with 64 KiB HTTP content chunks (`httpClient(h -> "
            + "h.httpResponseDecoder(d -> d.maxChunkSize(65536)))`)";

    private StreamingBenchmark() {
    }

    public static SectionResult run(BenchConfig c) {
        int rows = c.streamRows();
        byte[] body = NdjsonRows.body(rows);
        long expected = NdjsonRows.expectedChecksum(rows);
        AtomicLong chunks = new AtomicLong();
        ConnectionProvider rawPool = ConnectionProvider.create("bench-raw-query", 4);
        try (ReplayServer server = ReplayServer.start().addBody("rows", body);
             LakehouseClient client = Clients.lakehouse(server, 16)) {
            LakehouseClient noTimeouts = client.withOptions(client.options().mutate()
                    .responseTimeout(Duration.ZERO).idleTimeout(Duration.ZERO).build());
            LakehouseClient bigChunks = client.withOptions(client.options().mutate()
                    .httpClient(StreamingBenchmark::bigChunks).build());
            HttpClient raw = Clients.raw(server, rawPool);
            Map<String, LongSupplier> paths = new LinkedHashMap<>();
            paths.put(CEILING, () -> JacksonCeiling.parse(body, CHUNK, false).value());
            paths.put(EXACT, () -> JacksonCeiling.parse(body, CHUNK, true).value());
            paths.put(TRANSPORT, () -> transportOnly(raw, chunks));
            paths.put(HAND, () -> handWritten(raw));
            paths.put(CLIENT, () -> viaClient(client));
            paths.put(CLIENT_NO_TIMEOUTS, () -> viaClient(noTimeouts));
            paths.put(CLIENT_BIG_CHUNKS, () -> viaClient(bigChunks));
            List<String> names = new ArrayList<>(paths.keySet());
            Map<String, PathStats> stats = new LinkedHashMap<>();
            names.forEach(n -> stats.put(n, new PathStats()));
            Samples wallRatio = new Samples();
            Samples busiestRatio = new Samples();
            Samples javaCpuRatio = new Samples();
            Samples exactRatio = new Samples();
            Samples handRatio = new Samples();
            for (int it = 0; it < c.warmups() + c.iterations(); it++) {
                boolean timed = it >= c.warmups();
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((k + it) % names.size());
                    ProcessCpu.Snapshot before = ProcessCpu.snapshot();
                    long t0 = System.nanoTime();
                    long sum = paths.get(name).getAsLong();
                    long wall = System.nanoTime() - t0;
                    stats.get(name).record(rows, wall, before, ProcessCpu.snapshot(), timed);
                    long want = name.equals(TRANSPORT) ? body.length : expected;
                    if (sum != want) {
                        throw new IllegalStateException(name + ": checksum " + sum + ", expected " + want);
                    }
                }
                PathStats cl = stats.get(CLIENT);
                PathStats ce = stats.get(CEILING);
                if (timed) {
                    wallRatio.add(cl.lastRate / ce.lastRate);
                    busiestRatio.add(ce.lastBusiest / cl.lastBusiest);
                    javaCpuRatio.add(ce.lastJavaCpu / cl.lastJavaCpu);
                    exactRatio.add(cl.lastRate / stats.get(EXACT).lastRate);
                    handRatio.add(stats.get(HAND).lastRate / ce.lastRate);
                }
                System.out.printf(Locale.ROOT, "[1] iteration %d%s: client %.2f Mrows/s, %.0f ns/row on its busiest "
                                + "thread; ceiling %.2f Mrows/s, %.0f ns/row%n", it, timed ? "" : " (warm-up)",
                        cl.lastRate, cl.lastBusiest, ce.lastRate, ce.lastBusiest);
            }
            String details = table(c, rows, body.length, stats)
                    + ratios(wallRatio, busiestRatio, javaCpuRatio, exactRatio, handRatio,
                    (double) body.length / Math.max(1, chunks.get()))
                    + "\n" + DecodeBreakdown.run(c);
            return new SectionResult("1. Streaming `Flux<Row>` versus the Jackson ceiling",
                    figures(stats, wallRatio, busiestRatio), details);
        } finally {
            rawPool.disposeLater().block();
        }
    }

    /** Bytes received; also records how many chunks the transport delivered them in. */
    private static long transportOnly(HttpClient raw, AtomicLong chunks) {
        long[] acc = new long[2];
        raw.post().uri("/query").send(Mono.fromSupplier(() -> request("replay rows")))
                .responseContent()
                .doOnNext(b -> {
                    acc[0] += b.readableBytes();
                    acc[1]++;
                })
                .then().block();
        chunks.set(acc[1]);
        return acc[0];
    }

    private static long handWritten(HttpClient raw) {
        JacksonCeiling parser = new JacksonCeiling(false);
        raw.post().uri("/query").send(Mono.fromSupplier(() -> request("replay rows")))
                .responseContent()
                .doOnNext(b -> {
                    byte[] copy = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), copy);
                    parser.feed(copy, 0, copy.length);
                })
                .then().block();
        return parser.end().value();
    }

    private static long viaClient(LakehouseClient client) {
        CellChecksum sum = client.query("replay rows").reduceWith(CellChecksum::new, Clients::touch).block();
        return sum == null ? -1 : sum.value();
    }

    /** Reactor Netty deprecates the setting (it may go in a later version); it still applies in 1.3. */
    @SuppressWarnings("deprecation")
    private static HttpClient bigChunks(HttpClient http) {
        return http.httpResponseDecoder(d -> d.maxChunkSize(64 * 1024));
    }

    private static ByteBuf request(String statement) {
        return Unpooled.wrappedBuffer(Clients.queryBody(statement).getBytes(StandardCharsets.UTF_8));
    }

    private static String table(BenchConfig c, int rows, int bytes, Map<String, PathStats> stats) {
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d rows like `[42431130,\"checkout-service\",312.5,false,null]` "
                + "(%.1f B/row, %.1f MB body) replayed by the loopback server from off-heap slices; %d warm-up + %d "
                + "timed iterations, every path once per iteration in rotating order; median [min–max]. CPU columns: "
                + "CPU ns per row of the busiest Java thread (the critical path), of all Java threads (client, "
                + "replay server, and the kernel's share of their system calls), and of the whole process (with GC "
                + "and JIT; 10 ms granularity).%n%n", rows, (double) bytes / rows, bytes / 1e6, c.warmups(),
                c.iterations()));
        d.append("| path | Mrows/s (wall) | MB/s | busiest thread ns/row | Java threads ns/row | process ns/row |\n"
                + "|---|---|---|---|---|---|\n");
        stats.forEach((name, s) -> d.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %s |%n", name,
                s.rate.format("%.2f"), s.rate.median() * bytes / rows, s.busiest.format("%.0f"),
                s.javaCpu.format("%.0f"), s.process.format("%.0f"))));
        return d.toString();
    }

    private static String ratios(Samples wall, Samples busiest, Samples javaCpu, Samples exact, Samples hand,
                                 double meanChunk) {
        StringBuilder d = new StringBuilder("\nRatios, each taken within an iteration (median [min–max]):\n\n");
        d.append(String.format(Locale.ROOT, "- **client / ceiling, wall-clock rows/s: %s** (goal ≥ %.2f: %s)%n",
                wall.format("%.2f"), GOAL, verdict(wall.median())));
        d.append(String.format(Locale.ROOT, "- **client / ceiling, busiest-thread CPU per row: %s** (goal ≥ %.2f: "
                + "%s): what the wall-clock ratio would be on an idle machine with a core for the server%n",
                busiest.format("%.2f"), GOAL, verdict(busiest.median())));
        d.append(String.format(Locale.ROOT, "- client / ceiling, CPU of all Java threads per row (the client pays "
                + "for the transport and the server too): %s%n", javaCpu.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- client / exact-decimal ceiling, wall-clock: %s%n", exact.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- hand-written loop / ceiling, wall-clock: %s%n", hand.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- the transport delivered the body in chunks of %.0f bytes on average "
                + "(Reactor Netty's HTTP decoder splits content into pieces of at most 8 KiB)%n", meanChunk));
        return d.toString();
    }

    private static List<Figure> figures(Map<String, PathStats> stats, Samples wall, Samples busiest) {
        PathStats cl = stats.get(CLIENT);
        PathStats ce = stats.get(CEILING);
        String verdict = busiest.median() >= GOAL && wall.median() >= GOAL ? "met"
                : busiest.median() >= GOAL
                ? String.format(Locale.ROOT, "**missed** by wall clock (%.2f), which this machine's load moves; met "
                        + "by CPU (%.2f)", wall.median(), busiest.median())
                : String.format(Locale.ROOT, "**missed** by CPU (%.2f)%s", busiest.median(),
                wall.median() >= GOAL ? "; met by wall clock, which this machine's load moves" : "");
        return List.of(new Figure("1", String.format(Locale.ROOT, "`Flux<Row>` over loopback: %.2f Mrows/s, %.0f "
                        + "ns/row on its busiest thread", cl.rate.median(), cl.busiest.median()),
                String.format(Locale.ROOT, "Jackson ceiling in memory: %.2f Mrows/s, %.0f ns/row", ce.rate.median(),
                        ce.busiest.median()),
                String.format(Locale.ROOT, "%.2f wall, %.2f CPU", wall.median(), busiest.median()),
                String.format(Locale.ROOT, "≥ %.2f", GOAL), verdict));
    }

    private static String verdict(double ratio) {
        return ratio >= GOAL ? "met" : "**missed**";
    }
}
