package ai.altertable.reactive.benchmarks;

import ai.altertable.reactive.benchmarks.report.Machine;
import ai.altertable.reactive.benchmarks.report.Report;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.sections.AppendBenchmark;
import ai.altertable.reactive.benchmarks.sections.ConcurrencyBenchmark;
import ai.altertable.reactive.benchmarks.sections.ConnectSinkBenchmark;
import ai.altertable.reactive.benchmarks.sections.FlightBenchmark;
import ai.altertable.reactive.benchmarks.sections.FlightIngestBenchmark;
import ai.altertable.reactive.benchmarks.sections.MockLoadBenchmark;
import ai.altertable.reactive.benchmarks.sections.ObservabilityBenchmark;
import ai.altertable.reactive.benchmarks.sections.SlowSubscriberBenchmark;
import ai.altertable.reactive.benchmarks.sections.StreamingBenchmark;
import ai.altertable.reactive.benchmarks.sections.TransportsBenchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark sections and writes {@code BENCHMARKS.md}. Arguments: {@code quick}, {@code out=PATH},
 * {@code sections=1,2,3,4,5,6,7,8,9,10}, {@code jmh=false} (see {@link BenchConfig#parse}).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        BenchConfig c = BenchConfig.parse(args);
        String report = run(c);
        if (c.out() != null) {
            Files.writeString(c.out(), report, StandardCharsets.UTF_8);
            System.out.println("wrote " + c.out().toAbsolutePath().normalize());
        } else {
            System.out.println(report);
        }
    }

    /** Runs the configured sections and renders the report. */
    public static String run(BenchConfig c) throws InterruptedException {
        String machine = Machine.describe();
        List<SectionResult> results = new ArrayList<>();
        if (c.runs(1)) {
            results.add(StreamingBenchmark.run(c));
        }
        if (c.runs(2)) {
            results.add(FlightBenchmark.run(c));
        }
        if (c.runs(3)) {
            results.add(AppendBenchmark.run(c));
        }
        if (c.runs(4)) {
            results.add(ConcurrencyBenchmark.run(c));
        }
        if (c.runs(5)) {
            results.add(SlowSubscriberBenchmark.run(c));
        }
        if (c.runs(6)) {
            results.add(MockLoadBenchmark.run(c));
        }
        if (c.runs(7)) {
            results.add(FlightIngestBenchmark.run(c));
        }
        if (c.runs(8)) {
            results.add(ObservabilityBenchmark.run(c));
        }
        if (c.runs(9)) {
            results.add(TransportsBenchmark.run(c));
        }
        if (c.runs(10)) {
            results.add(ConnectSinkBenchmark.run(c));
        }
        boolean missed = results.stream().flatMap(r -> r.figures().stream())
                .anyMatch(f -> f.verdict().contains("missed"));
        return Report.render(c, machine, results, missed ? findings() : "");
    }

    /** The hand-written analysis of the missed goals (from profiles, with their commit), kept next to the code. */
    static String findings() {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/findings.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
