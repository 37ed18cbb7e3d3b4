package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.flight.ReplayFlightServer;
import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.replay.ReplayServer;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.benchmarks.sections.FlightBenchmark.Touch;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.micrometer.MicrometerObservability;
import ai.altertable.reactive.rest.LakehouseClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Section 8: what metrics and observations cost on the streaming path. The same stream is read twice per iteration,
 * in alternating order, by a client with the default options (observability off) and by one with
 * {@link MicrometerObservability} on a {@link SimpleMeterRegistry} and an {@link ObservationRegistry} whose
 * {@link DefaultMeterObservationHandler} turns every observation into timers (so observations do real work); the
 * ratio of the two is taken within each iteration. REST: {@code query(sql)} → {@code Flux<Row>} over the section 1
 * body from the replay server. Flight: owned batches ({@code queryBatches(sql)}) of section 2's small-batch stream,
 * where per-batch costs weigh most.
 */
public final class ObservabilityBenchmark {

    static final double GOAL = 0.95;
    private static final String REST_OFF = "`query(sql)` → `Flux<Row>`, default options (observability off)";
    private static final String REST_ON = "the same, `MicrometerObservability` with meters and observations";
    private static final String FLIGHT_OFF = "`queryBatches(sql)` → owned `Flux<ArrowBatch>`, observability off";
    private static final String FLIGHT_ON = "the same, `MicrometerObservability` with meters and observations";

    private ObservabilityBenchmark() {
    }

    /** Two paths, measured side by side: off and on. */
    private static final class Pair {
        final PathStats off = new PathStats();
        final PathStats on = new PathStats();
        final Samples wall = new Samples();
        final Samples busiest = new Samples();
        final Samples javaCpu = new Samples();

        void measure(BenchConfig c, String label, long items, LongSupplier offPath, LongSupplier onPath,
                     long expected) {
            for (int it = 0; it < c.warmups() + 2 * c.iterations(); it++) {
                boolean timed = it >= c.warmups();
                for (int k = 0; k < 2; k++) {
                    boolean enabled = (k + it) % 2 == 1;
                    ProcessCpu.Snapshot before = ProcessCpu.snapshot();
                    long t0 = System.nanoTime();
                    long got = (enabled ? onPath : offPath).getAsLong();
                    long wallNanos = System.nanoTime() - t0;
                    (enabled ? on : off).record(items, wallNanos, before, ProcessCpu.snapshot(), timed);
                    if (got != expected) {
                        throw new IllegalStateException(label + (enabled ? " on" : " off") + ": checksum " + got
                                + ", expected " + expected);
                    }
                }
                if (timed) {
                    wall.add(on.lastRate / off.lastRate);
                    busiest.add(off.lastBusiest / on.lastBusiest);
                    javaCpu.add(off.lastJavaCpu / on.lastJavaCpu);
                }
                System.out.printf(Locale.ROOT, "[8] %s iteration %d%s: off %.2f Mrows/s, %.0f ns/row busiest; on %.2f "
                                + "Mrows/s, %.0f ns/row busiest%n", label, it, timed ? "" : " (warm-up)", off.lastRate,
                        off.lastBusiest, on.lastRate, on.lastBusiest);
            }
        }
    }

    public static SectionResult run(BenchConfig c) {
        MeterRegistry meters = new SimpleMeterRegistry();
        ClientObservability observability = observability(meters);
        Pair rest = rest(c, observability);
        Pair flight = flight(c, observability);
        String details = method(c, meters)
                + table("REST", c.streamRows(), REST_OFF, REST_ON, rest)
                + table("Flight", c.flightSmallRows(), FLIGHT_OFF, FLIGHT_ON, flight)
                + "\nPer row, the enabled REST path adds one operator (`Observed.rows`: it ends the observation and "
                + "counts rows, an increment and a comparison per row); Micrometer is called at the first row, every "
                + "4,096 rows, at the end, and once per network chunk (bytes). The enabled Flight path adds one "
                + "operator and one report per batch. With observability off (the default) neither path gets an "
                + "operator or a call.\n";
        return new SectionResult("8. Overhead of metrics and observations", List.of(
                figure("REST `Flux<Row>`", rest), figure("Flight owned batches of "
                        + String.format(Locale.ROOT, "%,d rows", c.flightSmallBatch()), flight)), details);
    }

    /** Meters, and observations that do real work: each one ends in a timer of the same registry. */
    static ClientObservability observability(MeterRegistry meters) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return MicrometerObservability.builder().meterRegistry(meters).observationRegistry(observations).build();
    }

    private static Pair rest(BenchConfig c, ClientObservability observability) {
        int rows = c.streamRows();
        Pair pair = new Pair();
        try (ReplayServer server = ReplayServer.start().addBody("rows", NdjsonRows.body(rows));
             LakehouseClient off = Clients.lakehouse(server, 16)) {
            LakehouseClient on = off.withOptions(off.options().mutate().observability(observability).build());
            pair.measure(c, "REST", rows, () -> viaClient(off), () -> viaClient(on),
                    NdjsonRows.expectedChecksum(rows));
        }
        return pair;
    }

    private static long viaClient(LakehouseClient client) {
        CellChecksum sum = client.query("replay rows").reduceWith(CellChecksum::new, Clients::touch).block();
        return sum == null ? -1 : sum.value();
    }

    private static Pair flight(BenchConfig c, ClientObservability observability) {
        Pair pair = new Pair();
        try (ReplayFlightServer server = ReplayFlightServer.start(c.flightSmallRows(), c.flightSmallBatch());
             LakehouseFlightClient off = flightClient(server, ClientObservability.none());
             LakehouseFlightClient on = flightClient(server, observability)) {
            var data = server.data();
            int batches = data.batches().size();
            LongSupplier offPath = () -> owned(off, server, data, batches);
            LongSupplier onPath = () -> owned(on, server, data, batches);
            pair.measure(c, "Flight", data.rows(), offPath, onPath, data.expectedIdSum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return pair;
    }

    private static LakehouseFlightClient flightClient(ReplayFlightServer server, ClientObservability observability) {
        return LakehouseFlightClient.create(FlightClientOptions.builder()
                .endpoint("127.0.0.1", server.port())
                .credentials(Credentials.basic(ReplayFlightServer.USER, ReplayFlightServer.PASSWORD))
                .observability(observability)
                .build());
    }

    /** One query of owned batches, each closed after reading; checked as section 2 checks it. */
    private static long owned(LakehouseFlightClient client, ReplayFlightServer server,
                              ai.altertable.reactive.benchmarks.flight.ArrowRowBatches data, int batches) {
        long sentBefore = server.batchesSent();
        Callable<Touch> path = () -> client.queryBatches(ReplayFlightServer.QUERY)
                .reduceWith(Touch::new, (t, batch) -> {
                    try (batch) {
                        return t.add(batch.root());
                    }
                })
                .block();
        Touch t = FlightBenchmark.call("flight", path);
        FlightBenchmark.check("flight", t, data, server.batchesSent() - sentBefore, batches);
        return t.sum;
    }

    private static String method(BenchConfig c, MeterRegistry meters) {
        return String.format(Locale.ROOT, "Each stream is read by a client with observability off and by one with "
                        + "`MicrometerObservability.builder().meterRegistry(new SimpleMeterRegistry())"
                        + ".observationRegistry(registry).build()`, where the `ObservationRegistry` has a "
                        + "`DefaultMeterObservationHandler`, so every observation also starts and stops timers. "
                        + "REST: the section 1 body (%,d rows) from the replay server, every cell read. Flight: "
                        + "owned batches of the replay Flight server's %,d-row stream in %,d-row batches, every `id` "
                        + "read. %d warm-up + %d timed iterations, both paths once per iteration in alternating order, "
                        + "ratios taken within each iteration; median [min–max]. The registry held %d meters at the "
                        + "end.%n%n", c.streamRows(), c.flightSmallRows(), c.flightSmallBatch(), c.warmups(),
                2 * c.iterations(), meters.getMeters().size());
    }

    private static String table(String title, long rows, String offName, String onName, Pair p) {
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "**%s** (%,d rows):%n%n", title, rows));
        d.append("| path | Mrows/s (wall) | busiest thread ns/row | Java threads ns/row | process ns/row |\n"
                + "|---|---|---|---|---|\n");
        row(d, offName, p.off);
        row(d, onName, p.on);
        d.append(String.format(Locale.ROOT, "%n- **on / off, wall-clock rows/s: %s** (goal ≥ %.2f: %s)%n",
                p.wall.format("%.3f"), GOAL, verdict(p.wall.median())));
        d.append(String.format(Locale.ROOT, "- **on / off, busiest-thread CPU per row (off ns / on ns): %s** "
                + "(goal ≥ %.2f: %s)%n", p.busiest.format("%.3f"), GOAL, verdict(p.busiest.median())));
        d.append(String.format(Locale.ROOT, "- on / off, CPU of all Java threads per row (off ns / on ns): %s%n%n",
                p.javaCpu.format("%.3f")));
        return d.toString();
    }

    private static void row(StringBuilder d, String name, PathStats s) {
        d.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, s.rate.format("%.2f"),
                s.busiest.format("%.0f"), s.javaCpu.format("%.0f"), s.process.format("%.0f")));
    }

    private static Figure figure(String what, Pair p) {
        String verdict = p.busiest.median() >= GOAL && p.wall.median() >= GOAL ? "met"
                : p.busiest.median() >= GOAL
                ? String.format(Locale.ROOT, "**missed** by wall clock (%.2f), which this machine's load moves; met "
                        + "by CPU (%.2f)", p.wall.median(), p.busiest.median())
                : String.format(Locale.ROOT, "**missed** by CPU (%.2f)%s", p.busiest.median(),
                p.wall.median() >= GOAL ? "; met by wall clock, which this machine's load moves" : "");
        return new Figure("8", String.format(Locale.ROOT, "%s with metrics and observations on: %.2f Mrows/s, %.0f "
                        + "ns/row on its busiest thread", what, p.on.rate.median(), p.on.busiest.median()),
                String.format(Locale.ROOT, "observability off: %.2f Mrows/s, %.0f ns/row", p.off.rate.median(),
                        p.off.busiest.median()),
                String.format(Locale.ROOT, "%.3f wall, %.3f CPU", p.wall.median(), p.busiest.median()),
                String.format(Locale.ROOT, "≥ %.2f", GOAL), verdict);
    }

    private static String verdict(double ratio) {
        return ratio >= GOAL ? "met" : "**missed**";
    }
}
