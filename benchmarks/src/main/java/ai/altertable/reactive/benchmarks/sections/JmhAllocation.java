package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.jmh.DecodeBenchmark;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link DecodeBenchmark} under JMH (one fork, short iterations) with the GC profiler, for the bytes each layer
 * allocates per row: a figure the machine's noise does not move. JMH's own throughput scores are printed by JMH but not
 * reported; the side-by-side CPU-time figures are.
 */
final class JmhAllocation {

    private JmhAllocation() {
    }

    /** Bytes allocated per row by layer letter ({@code a} to {@code h}); empty if JMH failed. */
    static Map<String, Double> bytesPerRow() {
        int rows = 100_000;
        Options opts = new OptionsBuilder()
                .include(DecodeBenchmark.class.getName() + "\\.")
                .param("rows", Integer.toString(rows))
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g")
                .addProfiler(GCProfiler.class)
                .build();
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            Collection<RunResult> results = new Runner(opts).run();
            for (RunResult r : results) {
                String method = r.getParams().getBenchmark();
                String letter = method.substring(method.lastIndexOf('.') + 1, method.lastIndexOf('.') + 2);
                for (String key : r.getSecondaryResults().keySet()) {
                    if (key.endsWith("alloc.rate.norm")) {
                        out.put(letter, r.getSecondaryResults().get(key).getScore() / rows);
                    }
                }
            }
        } catch (RunnerException | RuntimeException e) {
            System.err.println("JMH run failed, allocation figures left out: " + e);
        }
        return out;
    }
}
