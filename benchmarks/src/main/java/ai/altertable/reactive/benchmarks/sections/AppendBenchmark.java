package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.RawJson;
import ai.altertable.reactive.rest.internal.RowEncoding;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
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
import java.util.function.LongSupplier;

/**
 * Section 3: batched appends ({@code appendAll} over a {@code Flux} of rows) versus a raw Reactor Netty loop posting
 * the same pre-built batch bodies with the same concurrency, and versus one {@code append} (one POST) per row. The
 * server is the replay server's {@code /append}, which drains the body and answers ok, so the client is what is
 * measured. Both batched paths must put the same bytes in the same number of requests on the wire; that is checked.
 */
public final class AppendBenchmark {

    static final double GOAL = 0.9;
    static final int PER_ROW_CONCURRENCY = 16;
    private static final TableRef TABLE = TableRef.of("bench", "main", "events");
    private static final String RAW_LOOP = "raw loop: HttpClient POSTs the pre-built batch bodies";
    private static final String CLIENT_RAW_JSON = "**appendAll(Flux<RawJson>)**: the client batches pre-encoded rows";
    private static final String CLIENT_RECORDS = "appendAll(Flux<record>): the client also encodes each row with Jackson";
    private static final String PER_ROW = "append(row) per row, " + PER_ROW_CONCURRENCY + " at a time";
    private static final String BATCHING_ONLY = "batching alone, no I/O: appendAll's pipeline (Batcher.write) with a "
            + "writer that builds each body and sends nothing";

    /** One appended row; Jackson encodes it as {@code {"id":..,"service":..,"ms":..,"ok":..,"note":..}}. */
    public record Event(long id, String service, double ms, boolean ok, String note) {
    }

    private AppendBenchmark() {
    }

    public static SectionResult run(BenchConfig c) {
        // The rows are all in memory, so batches are cut by size and at the end only: a linger longer than any run
        // keeps a slow first encoding (class loading, a loaded machine) from cutting an extra, smaller batch.
        BatchingOptions batching = BatchingOptions.defaults().mutate().linger(Duration.ofMinutes(10)).build();
        AppendOptions options = AppendOptions.of(TABLE);
        List<Event> events = events(c.appendRows());
        List<RawJson> rawRows = new ArrayList<>(events.size());
        events.forEach(e -> rawRows.add(new RawJson(json(e))));
        List<byte[]> bodies = batchBodies(rawRows, batching);
        long bodyBytes = bodies.stream().mapToLong(b -> b.length).sum();
        int inFlight = batching.maxInFlight();
        ConnectionProvider rawPool = ConnectionProvider.create("bench-raw-append", inFlight);
        try (ReplayServer server = ReplayServer.start();
             LakehouseClient client = Clients.lakehouse(server, 16)) {
            HttpClient raw = Clients.raw(server, rawPool);
            String uri = "/append?catalog=bench&schema=main&table=events";
            Map<String, LongSupplier> paths = new LinkedHashMap<>();
            paths.put(RAW_LOOP, () -> Flux.fromIterable(bodies)
                    .flatMap(b -> post(raw, uri, b), inFlight)
                    .count().block());
            paths.put(CLIENT_RAW_JSON, () -> client.appendAll(options, Flux.fromIterable(rawRows), batching)
                    .count().block());
            paths.put(CLIENT_RECORDS, () -> client.appendAll(options, Flux.fromIterable(events), batching)
                    .count().block());
            paths.put(BATCHING_ONLY, () -> Batcher.write(Flux.fromIterable(rawRows).map(RowEncoding::json),
                            b -> b.length + 1, batching, RetryPolicy.defaults(), Operation.APPEND,
                            batch -> Mono.fromSupplier(() -> RowEncoding.jsonArray(batch.items()).length))
                    .count().block());
            List<Event> few = events.subList(0, Math.min(c.perRowRows(), events.size()));
            paths.put(PER_ROW, () -> Flux.fromIterable(few)
                    .flatMap(e -> client.append(options, e), PER_ROW_CONCURRENCY)
                    .count().block());
            List<String> names = new ArrayList<>(paths.keySet());
            Map<String, PathStats> stats = new LinkedHashMap<>();
            names.forEach(n -> stats.put(n, new PathStats()));
            Samples ratio = new Samples();
            Samples cpuRatio = new Samples();
            Samples recordsRatio = new Samples();
            Samples perRowRatio = new Samples();
            for (int it = 0; it < c.warmups() + c.iterations(); it++) {
                boolean timed = it >= c.warmups();
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((k + it) % names.size());
                    long rows = name.equals(PER_ROW) ? few.size() : events.size();
                    server.resetCounters();
                    ProcessCpu.Snapshot before = ProcessCpu.snapshot();
                    long t0 = System.nanoTime();
                    long requests = paths.get(name).getAsLong();
                    long wall = System.nanoTime() - t0;
                    stats.get(name).record(rows, wall, before, ProcessCpu.snapshot(), timed);
                    check(name, requests, server, bodies.size(), bodyBytes, rows);
                }
                PathStats rawLoop = stats.get(RAW_LOOP);
                PathStats cl = stats.get(CLIENT_RAW_JSON);
                if (timed) {
                    ratio.add(cl.lastRate / rawLoop.lastRate);
                    cpuRatio.add(rawLoop.lastJavaCpu / cl.lastJavaCpu);
                    recordsRatio.add(stats.get(CLIENT_RECORDS).lastRate / rawLoop.lastRate);
                    perRowRatio.add(stats.get(PER_ROW).lastRate / cl.lastRate);
                }
                System.out.printf(Locale.ROOT, "[3] iteration %d%s: appendAll %.2f, raw loop %.2f, per row %.3f "
                        + "Mrows/s%n", it, timed ? "" : " (warm-up)", cl.lastRate, rawLoop.lastRate,
                        stats.get(PER_ROW).lastRate);
            }
            return report(c, batching, events.size(), few.size(), bodies, bodyBytes, stats, ratio, cpuRatio,
                    recordsRatio, perRowRatio);
        } finally {
            rawPool.disposeLater().block();
        }
    }

    private static Mono<Boolean> post(HttpClient raw, String uri, byte[] body) {
        return raw.post().uri(uri).send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((res, content) -> content.asString().defaultIfEmpty("").flatMap(s ->
                        res.status().code() == 200 && s.contains("\"ok\":true") ? Mono.just(true)
                                : Mono.error(new IllegalStateException("append failed: " + res.status() + " " + s))));
    }

    /** Each batched path must have sent every byte of the pre-built bodies, in as many requests. */
    private static void check(String name, long results, ReplayServer server, int batches, long bodyBytes, long rows) {
        if (name.equals(BATCHING_ONLY)) {
            if (results != batches || server.appends() != 0) {
                throw new IllegalStateException(name + ": " + results + " batches, expected " + batches);
            }
            return;
        }
        if (name.equals(PER_ROW)) {
            if (results != rows || server.appends() != rows) {
                throw new IllegalStateException(name + ": " + results + " results, " + server.appends()
                        + " requests, for " + rows + " rows");
            }
            return;
        }
        if (results != batches || server.appends() != batches) {
            throw new IllegalStateException(name + ": " + results + " results, " + server.appends() + " requests, "
                    + "expected " + batches + " batches");
        }
        if (!name.equals(CLIENT_RECORDS) && server.appendBytes() != bodyBytes) {
            throw new IllegalStateException(name + ": " + server.appendBytes() + " bytes, expected " + bodyBytes);
        }
    }

    static List<Event> events(int rows) {
        String[] services = {"checkout-service", "payments-api", "search", "inventory-sync"};
        List<Event> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(new Event(42_431_130L + i, services[i % services.length], (i * 7) % 1000 + 0.5, i % 3 == 0,
                    i % 16 == 0 ? "retry" : null));
        }
        return out;
    }

    private static byte[] json(Event e) {
        return ("{\"id\":" + e.id() + ",\"service\":\"" + e.service() + "\",\"ms\":" + e.ms() + ",\"ok\":" + e.ok()
                + ",\"note\":" + (e.note() == null ? "null" : "\"" + e.note() + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bodies the client sends for these rows and options: runs of {@code maxRows} rows, split where the encoded
     * size (each row plus its separator) would pass {@code maxBytes}, each sent as {@code [row,row,...]}.
     */
    static List<byte[]> batchBodies(List<RawJson> rows, BatchingOptions o) {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += o.maxRows()) {
            List<RawJson> run = rows.subList(from, Math.min(rows.size(), from + o.maxRows()));
            List<RawJson> part = new ArrayList<>();
            long bytes = 0;
            for (RawJson r : run) {
                if (!part.isEmpty() && bytes + r.bytes().length + 1 > o.maxBytes()) {
                    bodies.add(array(part));
                    part.clear();
                    bytes = 0;
                }
                part.add(r);
                bytes += r.bytes().length + 1;
            }
            bodies.add(array(part));
        }
        return bodies;
    }

    private static byte[] array(List<RawJson> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(new String(rows.get(i).bytes(), StandardCharsets.UTF_8));
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static SectionResult report(BenchConfig c, BatchingOptions batching, int rows, int perRowRows,
                                        List<byte[]> bodies, long bodyBytes, Map<String, PathStats> stats,
                                        Samples ratio, Samples cpuRatio, Samples recordsRatio, Samples perRowRatio) {
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d rows like `{\"id\":42431130,\"service\":\"checkout-service\","
                + "\"ms\":312.5,\"ok\":false,\"note\":null}` (%.0f B/row), appended to the **replay server's "
                + "`/append`** (drains the body, answers `{\"ok\":true,\"error_code\":null}`), with the default "
                + "`BatchingOptions` but a linger longer than any run (%,d rows or %,d bytes per batch, linger %d ms, %d batches in flight): %d "
                + "batches, %.1f MB. The raw loop posts the same %d pre-built bodies with a bare Reactor Netty "
                + "`HttpClient`, %d at a time, and reads each answer. One POST per row: %,d rows, %d at a time, "
                + "rate extrapolated. %d warm-up + %d timed iterations, paths in rotating order; median "
                + "[min–max].%n%n", rows, (double) bodyBytes / rows, batching.maxRows(), batching.maxBytes(),
                batching.linger().toMillis(), batching.maxInFlight(), bodies.size(), bodyBytes / 1e6, bodies.size(),
                batching.maxInFlight(), perRowRows, PER_ROW_CONCURRENCY, c.warmups(), c.iterations()));
        d.append("| path | rows/s (wall) | busiest thread CPU ns/row | Java threads CPU ns/row |\n|---|---|---|---|\n");
        stats.forEach((name, s) -> d.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name,
                scaled(s.rate), s.busiest.format("%.0f"), s.javaCpu.format("%.0f"))));
        boolean met = ratio.median() >= GOAL;
        d.append(String.format(Locale.ROOT, "%n- **appendAll / raw loop, wall-clock: %s** (goal ≥ %.2f: %s)%n",
                ratio.format("%.2f"), GOAL, met ? "met" : "**missed**"));
        d.append(String.format(Locale.ROOT, "- the same in CPU of all Java threads per row: %s%n",
                cpuRatio.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- appendAll of records (Jackson encoding included) / raw loop: %s%n",
                recordsRatio.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- one POST per row / appendAll: %s, i.e. batching is %.0f× faster%n",
                perRowRatio.format("%.4f"), 1 / perRowRatio.median()));
        PathStats cl = stats.get(CLIENT_RAW_JSON);
        PathStats rawLoop = stats.get(RAW_LOOP);
        List<Figure> figures = List.of(
                new Figure("3", String.format(Locale.ROOT, "batched `Flux` append: %s rows/s",
                        scaledMedian(cl.rate)), String.format(Locale.ROOT, "raw loop posting the same bodies: %s "
                        + "rows/s", scaledMedian(rawLoop.rate)), ratio.format("%.2f"), "≥ 0.90",
                        met ? "met" : "**missed**"),
                new Figure("3", String.format(Locale.ROOT, "one POST per row (%d at a time): %s rows/s",
                        PER_ROW_CONCURRENCY, scaledMedian(stats.get(PER_ROW).rate)), "batched `Flux` append",
                        String.format(Locale.ROOT, "batching %.0f× faster", 1 / perRowRatio.median()), "", ""));
        return new SectionResult("3. Batched `Flux` append versus a raw loop and one POST per row", figures,
                d.toString());
    }

    /** Rates are kept in millions per second; shown as rows/s. */
    private static String scaled(Samples millions) {
        return String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", millions.median() * 1e6, millions.min() * 1e6,
                millions.max() * 1e6);
    }

    private static String scaledMedian(Samples millions) {
        return String.format(Locale.ROOT, "%,.0f", millions.median() * 1e6);
    }
}
