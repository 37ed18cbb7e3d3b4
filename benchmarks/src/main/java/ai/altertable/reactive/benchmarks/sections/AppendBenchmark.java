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
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.rest.internal.AppendBodies;
import ai.altertable.reactive.rest.internal.RowEncoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Section 3: batched appends ({@code appendAll} over a {@code Flux} of rows) versus a raw Reactor Netty loop posting
 * the same pre-built batch bodies with the same concurrency; {@code appendAll} of records versus a hand-written loop
 * that Jackson-encodes the same records into the same batches and posts them with the same concurrency; and one
 * {@code append} (one POST) per row. The server is the replay server's {@code /append}, which drains the body and
 * answers ok, so the client is what is measured. Every batched path must put the same bytes in the same number of
 * requests on the wire; that is checked.
 */
public final class AppendBenchmark {

    static final double GOAL = 0.9;
    private static final ObjectMapper JSON = AltertableJson.mapper();
    static final int PER_ROW_CONCURRENCY = 16;
    private static final TableRef TABLE = TableRef.of("bench", "main", "events");
    private static final String RAW_LOOP = "raw loop: HttpClient POSTs the pre-built batch bodies";
    private static final String CLIENT_RAW_JSON = "**appendAll(Flux<RawJson>)**: the client batches pre-encoded rows";
    private static final String CLIENT_PUSHED = "appendAll(Flux<RawJson>) of a source that pushes (`.hide()`: "
            + "no synchronous pull, a signal per row)";
    private static final String RECORDS_LOOP = "hand-written loop: Jackson encodes each batch of records "
            + "(`writeValueAsBytes(List)`, in `flatMap`'s mapper) and HttpClient POSTs it";
    private static final String CLIENT_RECORDS = "**appendAll(Flux<record>)**: the client encodes each row with "
            + "Jackson and batches it";
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
        List<int[]> cuts = batchCuts(rawRows, batching);
        List<byte[]> bodies = new ArrayList<>();
        List<List<Event>> recordBatches = new ArrayList<>();
        for (int[] cut : cuts) {
            bodies.add(array(rawRows.subList(cut[0], cut[1])));
            recordBatches.add(events.subList(cut[0], cut[1]));
        }
        requireSameBytes(bodies, recordBatches);
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
            paths.put(CLIENT_PUSHED, () -> client.appendAll(options, Flux.fromIterable(rawRows).hide(), batching)
                    .count().block());
            paths.put(RECORDS_LOOP, () -> Flux.fromIterable(recordBatches)
                    .flatMap(batch -> post(raw, uri, encode(batch)), inFlight)
                    .count().block());
            paths.put(CLIENT_RECORDS, () -> client.appendAll(options, Flux.fromIterable(events), batching)
                    .count().block());
            paths.put(BATCHING_ONLY, () -> Batcher.write(Flux.defer(() -> {
                                RowEncoder encoder = new RowEncoder();
                                return Flux.fromIterable(rawRows).map(encoder::encode);
                            }), AppendBodies::size, batching, RetryPolicy.defaults(), Operation.APPEND,
                            batch -> Mono.fromSupplier(() -> {
                                ByteBuf body = AppendBodies.body(batch.items(), batch.bytes(), ByteBufAllocator.DEFAULT);
                                int n = body.readableBytes();
                                body.release();
                                return n;
                            }))
                    .count().block());
            List<Event> few = events.subList(0, Math.min(c.perRowRows(), events.size()));
            paths.put(PER_ROW, () -> Flux.fromIterable(few)
                    .flatMap(e -> client.append(options, e), PER_ROW_CONCURRENCY)
                    .count().block());
            List<String> names = new ArrayList<>(paths.keySet());
            Map<String, PathStats> stats = new LinkedHashMap<>();
            names.forEach(n -> stats.put(n, new PathStats()));
            Ratios ratios = new Ratios();
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
                if (timed) {
                    ratios.add(stats);
                }
                System.out.printf(Locale.ROOT, "[3] iteration %d%s: appendAll %.2f, raw loop %.2f, records %.2f, "
                        + "records loop %.2f, per row %.3f Mrows/s%n", it, timed ? "" : " (warm-up)",
                        stats.get(CLIENT_RAW_JSON).lastRate, stats.get(RAW_LOOP).lastRate,
                        stats.get(CLIENT_RECORDS).lastRate, stats.get(RECORDS_LOOP).lastRate,
                        stats.get(PER_ROW).lastRate);
            }
            return report(c, batching, events.size(), few.size(), bodies, bodyBytes, stats, ratios);
        } finally {
            rawPool.disposeLater().block();
        }
    }

    /** The ratios of one iteration's paths, each taken within the iteration. */
    private static final class Ratios {
        final Samples wall = new Samples();
        final Samples cpu = new Samples();
        final Samples pushedWall = new Samples();
        final Samples recordsWall = new Samples();
        final Samples recordsCpu = new Samples();
        final Samples recordsToRaw = new Samples();
        final Samples perRow = new Samples();

        void add(Map<String, PathStats> s) {
            PathStats rawLoop = s.get(RAW_LOOP);
            PathStats cl = s.get(CLIENT_RAW_JSON);
            PathStats recordsLoop = s.get(RECORDS_LOOP);
            PathStats records = s.get(CLIENT_RECORDS);
            wall.add(cl.lastRate / rawLoop.lastRate);
            cpu.add(rawLoop.lastJavaCpu / cl.lastJavaCpu);
            pushedWall.add(s.get(CLIENT_PUSHED).lastRate / rawLoop.lastRate);
            recordsWall.add(records.lastRate / recordsLoop.lastRate);
            recordsCpu.add(recordsLoop.lastJavaCpu / records.lastJavaCpu);
            recordsToRaw.add(records.lastRate / rawLoop.lastRate);
            perRow.add(s.get(PER_ROW).lastRate / cl.lastRate);
        }
    }

    /** The body of a batch of records as a hand-written loop makes it: Jackson writes the list. */
    private static byte[] encode(List<Event> batch) {
        try {
            return JSON.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's bodies of the records are the pre-built bodies, byte for byte: the paths send the same bytes. */
    private static void requireSameBytes(List<byte[]> bodies, List<List<Event>> recordBatches) {
        for (int i = 0; i < bodies.size(); i++) {
            if (!Arrays.equals(bodies.get(i), encode(recordBatches.get(i)))) {
                throw new IllegalStateException("Jackson's body of batch " + i + " differs from the pre-built one");
            }
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
        if (server.appendBytes() != bodyBytes) {
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
     * Where the client cuts these rows with these options, as {@code [from, to)} pairs: runs of {@code maxRows} rows,
     * split where the encoded size (each row plus its separator) would pass {@code maxBytes}; each batch is sent as
     * {@code [row,row,...]}.
     */
    static List<int[]> batchCuts(List<RawJson> rows, BatchingOptions o) {
        List<int[]> cuts = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += o.maxRows()) {
            int to = Math.min(rows.size(), from + o.maxRows());
            int start = from;
            long bytes = 0;
            for (int i = from; i < to; i++) {
                int size = rows.get(i).bytes().length + 1;
                if (i > start && bytes + size > o.maxBytes()) {
                    cuts.add(new int[] {start, i});
                    start = i;
                    bytes = 0;
                }
                bytes += size;
            }
            cuts.add(new int[] {start, to});
        }
        return cuts;
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
                                        Ratios ratios) {
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d rows like `{\"id\":42431130,\"service\":\"checkout-service\","
                + "\"ms\":312.5,\"ok\":false,\"note\":null}` (%.0f B/row), appended to the **replay server's "
                + "`/append`** (drains the body, answers `{\"ok\":true,\"error_code\":null}`), with the default "
                + "`BatchingOptions` but a linger longer than any run (%,d rows or %,d bytes per batch, linger %d ms, %d batches in flight): %d "
                + "batches, %.1f MB. The raw loop posts the same %d pre-built bodies with a bare Reactor Netty "
                + "`HttpClient`, %d at a time, and reads each answer. The records loop is the hand-written "
                + "equivalent of `appendAll` of records: the same records in the same batches, each batch's list "
                + "encoded by Jackson (`AltertableJson.mapper().writeValueAsBytes(batch)`, the same bytes as the "
                + "pre-built bodies, checked) in `flatMap`'s mapper, so one batch at a time on the thread that asks "
                + "for the next batch, as the client encodes, and posted %d at a time. Every batched path sends "
                + "the same bytes in the same number of requests (checked after every run). One POST per row: %,d "
                + "rows, %d at a time, rate extrapolated. %d warm-up + %d timed iterations, paths in rotating order; "
                + "median [min–max].%n%n", rows, (double) bodyBytes / rows, batching.maxRows(), batching.maxBytes(),
                batching.linger().toMillis(), batching.maxInFlight(), bodies.size(), bodyBytes / 1e6, bodies.size(),
                batching.maxInFlight(), batching.maxInFlight(), perRowRows, PER_ROW_CONCURRENCY, c.warmups(),
                c.iterations()));
        d.append("| path | rows/s (wall) | busiest thread CPU ns/row | Java threads CPU ns/row |\n|---|---|---|---|\n");
        stats.forEach((name, s) -> d.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name,
                scaled(s.rate), s.busiest.format("%.0f"), s.javaCpu.format("%.0f"))));
        boolean met = ratios.wall.median() >= GOAL;
        boolean recordsMet = ratios.recordsWall.median() >= GOAL;
        d.append(String.format(Locale.ROOT, "%n- **appendAll / raw loop, wall-clock: %s** (goal ≥ %.2f: %s)%n",
                ratios.wall.format("%.2f"), GOAL, met ? "met" : "**missed**"));
        d.append(String.format(Locale.ROOT, "- the same in CPU of all Java threads per row: %s%n",
                ratios.cpu.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- appendAll of a source that pushes / raw loop, wall-clock: %s%n",
                ratios.pushedWall.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- **appendAll of records / the records loop, wall-clock: %s** (goal ≥ "
                + "%.2f: %s)%n", ratios.recordsWall.format("%.2f"), GOAL, recordsMet ? "met" : "**missed**"));
        d.append(String.format(Locale.ROOT, "- the same in CPU of all Java threads per row: %s%n",
                ratios.recordsCpu.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- appendAll of records (Jackson encoding included) / raw loop: %s%n",
                ratios.recordsToRaw.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- one POST per row / appendAll: %s, i.e. batching is %.0f× faster%n",
                ratios.perRow.format("%.4f"), 1 / ratios.perRow.median()));
        PathStats cl = stats.get(CLIENT_RAW_JSON);
        PathStats rawLoop = stats.get(RAW_LOOP);
        List<Figure> figures = List.of(
                new Figure("3", String.format(Locale.ROOT, "batched `Flux` append of pre-encoded rows: %s rows/s",
                        scaledMedian(cl.rate)), String.format(Locale.ROOT, "raw loop posting the same bodies: %s "
                        + "rows/s", scaledMedian(rawLoop.rate)), ratios.wall.format("%.2f") + " wall, "
                        + ratios.cpu.format("%.2f") + " CPU", "≥ 0.90", met ? "met" : "**missed**"),
                new Figure("3", String.format(Locale.ROOT, "batched `Flux` append of records: %s rows/s",
                        scaledMedian(stats.get(CLIENT_RECORDS).rate)), String.format(Locale.ROOT, "hand-written "
                        + "loop, Jackson-encoded batches: %s rows/s", scaledMedian(stats.get(RECORDS_LOOP).rate)),
                        ratios.recordsWall.format("%.2f") + " wall, " + ratios.recordsCpu.format("%.2f") + " CPU",
                        "≥ 0.90", recordsMet ? "met" : "**missed**"),
                new Figure("3", String.format(Locale.ROOT, "one POST per row (%d at a time): %s rows/s",
                        PER_ROW_CONCURRENCY, scaledMedian(stats.get(PER_ROW).rate)), "batched `Flux` append",
                        String.format(Locale.ROOT, "batching %.0f× faster", 1 / ratios.perRow.median()), "", ""));
        return new SectionResult("3. Batched `Flux` append versus raw loops and one POST per row", figures,
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
