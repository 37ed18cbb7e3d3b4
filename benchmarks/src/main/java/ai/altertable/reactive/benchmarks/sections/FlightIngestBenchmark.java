package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.flight.ReplayFlightServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.benchmarks.sections.AppendBenchmark.Event;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.TableDefinition;
import ai.altertable.reactive.flight.internal.RowBatchEncoder;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Section 7: Flight ingest of rows ({@code ingestRows} over a {@code Flux} of records: the batching engine cuts them,
 * each batch is encoded into a record batch and put with its own {@code DoPut}, {@code maxInFlight} at a time) versus
 * a raw loop that puts the same record batches, built before the run, with Arrow's own
 * {@link FlightSqlClient#executeIngest}, as many at a time (one thread each). A third path hands the same pre-built
 * batches to {@code ingest(Flux<VectorSchemaRoot>)}, for the cost of the client's plumbing alone. The server is the
 * replay Flight server, which reads each upload to the end and answers its row count. Every path must put the same
 * rows and Arrow bytes in as many calls; that is checked.
 */
public final class FlightIngestBenchmark {

    static final double GOAL = 0.9;
    private static final String RAW = "raw loop: `FlightSqlClient.executeIngest` of the pre-built record batches";
    private static final String ROWS = "**ingestRows(Flux<record>)**: the client cuts, encodes and puts the rows";
    private static final String ROOTS = "ingest(Flux<VectorSchemaRoot>) of the pre-built record batches";
    private static final String ENCODING_ONLY = "encoding alone, no I/O: ingestRows' pipeline (Batcher.write, each "
            + "row's values and size, the cut) with a writer that encodes each batch into Arrow and sends nothing";

    private FlightIngestBenchmark() {
    }

    public static SectionResult run(BenchConfig c) {
        // the rows are all in memory: a linger longer than any run, so only size and the end cut batches
        BatchingOptions batching = IngestOptions.DEFAULT_BATCHING.mutate().maxInFlight(2)
                .linger(Duration.ofMinutes(10)).build();
        IngestOptions options = IngestOptions.builder("events").catalog("bench").schema("main")
                .definition(TableDefinition.APPEND).batching(batching).build();
        List<Event> events = AppendBenchmark.events(c.appendRows());
        ArrowRowEncoder<Event> encoder = ArrowRowEncoder.forRecord(Event.class);
        int inFlight = batching.maxInFlight();
        ExecutorService putters = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "bench-raw-ingest");
            t.setDaemon(true);
            return t;
        });
        try (BufferAllocator allocator = new RootAllocator();
             ReplayFlightServer server = ReplayFlightServer.start(1, 1);
             FlightClient raw = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port()))
                     .build();
             LakehouseFlightClient client = LakehouseFlightClient.create(FlightClientOptions.builder()
                     .endpoint("127.0.0.1", server.port())
                     .credentials(Credentials.basic(ReplayFlightServer.USER, ReplayFlightServer.PASSWORD))
                     .allocator(allocator) // the pre-built batches are shared with it: one root allocator
                     .build())) {
            List<VectorSchemaRoot> batches = prebuild(events, encoder, batching, allocator);
            try {
                CallOption auth = raw.authenticateBasicToken(ReplayFlightServer.USER, ReplayFlightServer.PASSWORD)
                        .orElseThrow(() -> new IllegalStateException("the server sent no bearer token"));
                FlightSqlClient sql = new FlightSqlClient(raw);
                FlightSqlClient.ExecuteIngestOptions rawOptions = new FlightSqlClient.ExecuteIngestOptions("events",
                        TableDefinitionOptions.newBuilder()
                                .setIfNotExist(TableDefinitionOptions.TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL)
                                .setIfExists(TableDefinitionOptions.TableExistsOption.TABLE_EXISTS_OPTION_APPEND)
                                .build(), "bench", "main", Map.of());
                Map<String, LongSupplier> paths = new LinkedHashMap<>();
                paths.put(RAW, () -> rawLoop(putters, sql, batches, rawOptions, auth));
                paths.put(ROWS, () -> acked(client.ingestRows(options, Flux.fromIterable(events), encoder)));
                paths.put(ROOTS, () -> acked(client.ingest(options, Flux.fromIterable(batches)
                        .map(b -> share(b, allocator)))));
                paths.put(ENCODING_ONLY, () -> encodeOnly(events, encoder, batching, allocator));
                return measure(c, server, paths, events.size(), batches, batching);
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            putters.shutdownNow();
        }
    }

    private static SectionResult measure(BenchConfig c, ReplayFlightServer server, Map<String, LongSupplier> paths,
                                         long rows, List<VectorSchemaRoot> batches, BatchingOptions batching) {
        long bytes = batches.stream().mapToLong(FlightIngestBenchmark::bufferBytes).sum();
        List<String> names = new ArrayList<>(paths.keySet());
        Map<String, PathStats> stats = new LinkedHashMap<>();
        names.forEach(n -> stats.put(n, new PathStats()));
        Samples ratio = new Samples();
        Samples cpuRatio = new Samples();
        Samples rootsRatio = new Samples();
        for (int it = 0; it < c.warmups() + c.iterations(); it++) {
            boolean timed = it >= c.warmups();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + it) % names.size());
                long calls0 = server.ingests();
                long rows0 = server.ingestedRows();
                long bytes0 = server.ingestedBytes();
                ProcessCpu.Snapshot before = ProcessCpu.snapshot();
                long t0 = System.nanoTime();
                long acked = paths.get(name).getAsLong();
                long wall = System.nanoTime() - t0;
                stats.get(name).record(rows, wall, before, ProcessCpu.snapshot(), timed);
                if (name.equals(ENCODING_ONLY)) {
                    checkEncoded(name, acked, server.ingests() - calls0, rows);
                } else {
                    check(name, acked, server.ingests() - calls0, server.ingestedRows() - rows0,
                            server.ingestedBytes() - bytes0, rows, batches.size(), bytes);
                }
            }
            PathStats rawLoop = stats.get(RAW);
            PathStats client = stats.get(ROWS);
            if (timed) {
                ratio.add(client.lastRate / rawLoop.lastRate);
                cpuRatio.add(rawLoop.lastJavaCpu / client.lastJavaCpu);
                rootsRatio.add(stats.get(ROOTS).lastRate / rawLoop.lastRate);
            }
            System.out.printf(Locale.ROOT, "[7] iteration %d%s: ingestRows %.2f, raw loop %.2f, ingest(roots) %.2f "
                    + "Mrows/s%n", it, timed ? "" : " (warm-up)", client.lastRate, rawLoop.lastRate,
                    stats.get(ROOTS).lastRate);
        }
        return report(c, batching, rows, batches.size(), bytes, stats, ratio, cpuRatio, rootsRatio);
    }

    /** Puts every batch with Arrow's blocking client, {@code putters}' threads at a time; the rows acknowledged. */
    private static long rawLoop(ExecutorService putters, FlightSqlClient sql, List<VectorSchemaRoot> batches,
                                FlightSqlClient.ExecuteIngestOptions options, CallOption auth) {
        List<Future<Long>> puts = new ArrayList<>(batches.size());
        for (VectorSchemaRoot batch : batches) {
            puts.add(putters.submit(() -> sql.executeIngest(batch, options, auth)));
        }
        long acked = 0;
        try {
            for (Future<Long> put : puts) {
                acked += put.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a raw put failed", e.getCause());
        }
        return acked;
    }

    /** The client's cut and encoding of the rows, each record batch closed at once; the rows encoded. */
    private static long encodeOnly(List<Event> events, ArrowRowEncoder<Event> encoder, BatchingOptions batching,
                                   BufferAllocator allocator) {
        RowBatchEncoder rows = RowBatchEncoder.of(encoder.schema()); // as ingestRows: cells, their size, the batch
        return Batcher.write(Flux.fromIterable(events).map(e -> rows.cells(encoder.values(e))), rows::size, batching,
                        RetryPolicy.defaults(), Operation.FLIGHT_INGEST, batch -> Mono.fromSupplier(() -> {
                            try (VectorSchemaRoot root = rows.encode(batch.items(), allocator)) {
                                return (long) root.getRowCount();
                            }
                        }))
                .map(BatchResult::ack).reduce(0L, Long::sum).block();
    }

    /** The rows the server acknowledged over every batch of an ingest. */
    private static long acked(Flux<BatchResult<Long>> ingest) {
        return ingest.map(r -> {
            if (!r.isSuccess()) {
                throw new IllegalStateException("batch " + r.index() + " failed", r.error());
            }
            return r.ack();
        }).reduce(0L, Long::sum).block();
    }

    /**
     * The record batches the client makes of these rows with these options: the engine's cut (a batch closes at
     * {@code maxRows} rows, or before the row that would take its estimated size past {@code maxBytes}), each encoded
     * as the client encodes a batch. Built once, before anything is timed.
     */
    static List<VectorSchemaRoot> prebuild(List<Event> events, ArrowRowEncoder<Event> encoder, BatchingOptions o,
                                           BufferAllocator allocator) {
        List<Field> fields = encoder.schema().getFields();
        List<VectorSchemaRoot> out = new ArrayList<>();
        List<List<?>> batch = new ArrayList<>();
        long size = 0;
        for (Event e : events) {
            List<?> values = encoder.values(e);
            int bytes = RowBatchEncoder.estimate(fields, values);
            if (!batch.isEmpty() && size + bytes > o.maxBytes()) {
                out.add(RowBatchEncoder.encode(encoder.schema(), batch, allocator));
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(values);
            size += bytes;
            if (batch.size() == o.maxRows()) {
                out.add(RowBatchEncoder.encode(encoder.schema(), batch, allocator));
                batch = new ArrayList<>();
                size = 0;
            }
        }
        if (!batch.isEmpty()) {
            out.add(RowBatchEncoder.encode(encoder.schema(), batch, allocator));
        }
        return out;
    }

    /** A root sharing {@code batch}'s buffers (no copy), for the client to own and close. */
    private static VectorSchemaRoot share(VectorSchemaRoot batch, BufferAllocator allocator) {
        VectorSchemaRoot copy = VectorSchemaRoot.create(batch.getSchema(), allocator);
        try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(copy).load(unloaded);
        }
        return copy;
    }

    private static long bufferBytes(VectorSchemaRoot root) {
        return root.getFieldVectors().stream().mapToLong(v -> v.getBufferSize()).sum();
    }

    /** The no-I/O path must have encoded every row and called nothing. */
    private static void checkEncoded(String name, long encoded, long calls, long rows) {
        if (encoded != rows || calls != 0) {
            throw new IllegalStateException(name + ": " + encoded + " rows encoded, " + calls + " calls");
        }
    }

    /** Each path must have put every row and byte of the pre-built batches, in as many calls, all acknowledged. */
    private static void check(String name, long acked, long calls, long serverRows, long serverBytes, long rows,
                              int batches, long bytes) {
        if (acked != rows || serverRows != rows || calls != batches || serverBytes != bytes) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: %d rows acknowledged, the server read %d "
                    + "rows and %d bytes in %d calls; expected %d rows and %d bytes in %d calls", name, acked,
                    serverRows, serverBytes, calls, rows, bytes, batches));
        }
    }

    private static SectionResult report(BenchConfig c, BatchingOptions batching, long rows, int batches, long bytes,
                                        Map<String, PathStats> stats, Samples ratio, Samples cpuRatio,
                                        Samples rootsRatio) {
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "%,d rows of section 3's records (`id`, `service`, `ms`, `ok`, `note`), "
                        + "ingested into the **replay Flight server** (reads each upload to the end, answers its row "
                        + "count) with `IngestOptions.DEFAULT_BATCHING` but %d batches in flight and a linger longer "
                        + "than any run (%,d rows or %,d estimated bytes per batch): %d batches, one `DoPut` each, "
                        + "%.1f MB of Arrow buffers. The raw loop puts the same %d record batches, built before the "
                        + "run, with Arrow's `FlightSqlClient.executeIngest`, %d at a time (one thread each), "
                        + "authenticated once. %d warm-up + %d timed iterations, paths in rotating order; median "
                        + "[min–max]. CPU is that of every Java thread of the process, the server's included.%n%n",
                rows, batching.maxInFlight(), batching.maxRows(), batching.maxBytes(), batches, bytes / 1e6, batches,
                batching.maxInFlight(), c.warmups(), c.iterations()));
        d.append("| path | rows/s (wall) | busiest thread CPU ns/row | Java threads CPU ns/row |\n|---|---|---|---|\n");
        stats.forEach((name, s) -> d.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name,
                scaled(s.rate), s.busiest.format("%.0f"), s.javaCpu.format("%.0f"))));
        boolean met = ratio.median() >= GOAL;
        d.append(String.format(Locale.ROOT, "%n- **ingestRows / raw loop, wall-clock: %s** (goal ≥ %.2f: %s)%n",
                ratio.format("%.2f"), GOAL, met ? "met" : "**missed**"));
        d.append(String.format(Locale.ROOT, "- the same in CPU of all Java threads per row: %s%n",
                cpuRatio.format("%.2f")));
        d.append(String.format(Locale.ROOT, "- ingest of the pre-built batches / raw loop: %s (no encoding: the "
                + "client's plumbing alone)%n", rootsRatio.format("%.2f")));
        PathStats encoding = stats.get(ENCODING_ONLY);
        d.append(String.format(Locale.ROOT, "- the client's cut and Arrow encoding alone cost %s ns/row of CPU; the "
                        + "raw loop's whole put (client, gRPC and the in-process server) %s%n",
                encoding.javaCpu.format("%.0f"), stats.get(RAW).javaCpu.format("%.0f")));
        List<Figure> figures = List.of(new Figure("7", String.format(Locale.ROOT, "Flight `ingestRows`: %s rows/s",
                String.format(Locale.ROOT, "%,.0f", stats.get(ROWS).rate.median() * 1e6)),
                String.format(Locale.ROOT, "raw `executeIngest` loop of the same pre-built batches: %,.0f rows/s",
                        stats.get(RAW).rate.median() * 1e6), ratio.format("%.2f"), "≥ 0.90",
                met ? "met" : "**missed**"));
        return new SectionResult("7. Flight ingest of rows versus a raw loop putting the same record batches",
                figures, d.toString());
    }

    /** Rates are kept in millions per second; shown as rows/s. */
    private static String scaled(Samples millions) {
        return String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", millions.median() * 1e6, millions.min() * 1e6,
                millions.max() * 1e6);
    }
}
