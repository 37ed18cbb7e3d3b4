package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.jmh.DecodeBenchmark;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.benchmarks.report.Samples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Section 1's breakdown in memory: the layers of {@link DecodeBenchmark} (ceiling, exact decimals, the client's decoder
 * with and without reading cells, under Reactor) timed side by side in rotating order on the calling thread, in thread
 * CPU time (which other processes on a noisy machine do not inflate, unlike wall time), plus the bytes each layer
 * allocates per row from JMH's GC profiler when JMH runs.
 */
final class DecodeBreakdown {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeBreakdown() {
    }

    static String run(BenchConfig c) {
        DecodeBenchmark b = new DecodeBenchmark();
        b.rows = c.streamRows() / 2;
        b.setUp();
        long expected = NdjsonRows.expectedChecksum(b.rows);
        Map<String, LongSupplier> layers = new LinkedHashMap<>();
        layers.put("a. Jackson ceiling: tokens → Object[], doubles", b::a_jacksonCeiling);
        layers.put("b. + exact decimals (BigDecimal)", b::b_jacksonExactDecimals);
        layers.put("c. client decoder: envelope, raw cells, a Row per line; cells not read", b::c_decoderRowsOnly);
        layers.put("d. + every cell read with row.get(i)", b::d_decoderNaturalValues);
        layers.put("e. + typed getters instead (getLong, getString, getDouble, getBoolean)", b::e_decoderTypedGetters);
        layers.put("f. e under Reactor (QueryStreamDecoder.decode over a Flux of chunks)", b::f_decoderFluxTypedGetters);
        layers.put("g. + retryWhen, doOnNext, doOnCancel, doOnError around the chunks (not the rows), as QueryStreams "
                + "now has them: the chain of `query(sql)`, in memory", b::g_plusChunkGuards);
        layers.put("h. + switchOnFirst to a handler: the chain of `query(request, handler)`, in memory",
                b::h_plusSwitchOnFirst);
        List<String> names = new ArrayList<>(layers.keySet());
        Map<String, Samples> nsPerRow = new LinkedHashMap<>();
        names.forEach(n -> nsPerRow.put(n, new Samples()));
        for (int it = 0; it < c.warmups() + c.iterations(); it++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + it) % names.size());
                long t0 = THREADS.getCurrentThreadCpuTime();
                long result = layers.get(name).getAsLong();
                long cpu = THREADS.getCurrentThreadCpuTime() - t0;
                long want = name.startsWith("c.") ? b.rows : expected;
                if (result != want) {
                    throw new IllegalStateException(name + ": got " + result + ", expected " + want);
                }
                if (it >= c.warmups()) {
                    nsPerRow.get(name).add((double) cpu / b.rows);
                }
            }
        }
        Map<String, Double> allocated = c.jmh() ? JmhAllocation.bytesPerRow() : Map.of();
        double ceiling = nsPerRow.get(names.get(0)).median();
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "**Where the time goes**, in memory (no sockets): %,d rows in 8 KiB "
                + "chunks, each layer adding one thing to the one above, timed side by side in rotating order in "
                + "thread CPU time (%d warm-up + %d timed iterations)%s.%n%n", b.rows, c.warmups(), c.iterations(),
                allocated.isEmpty() ? "" : "; bytes allocated per row from JMH's GC profiler (`DecodeBenchmark`)"));
        d.append("| layer | CPU ns/row | × ceiling |").append(allocated.isEmpty() ? "" : " B/row allocated |")
                .append("\n|---|---|---|").append(allocated.isEmpty() ? "" : "---|").append('\n');
        for (String n : names) {
            Samples s = nsPerRow.get(n);
            d.append(String.format(Locale.ROOT, "| %s | %s | %.2f |", n, s.format("%.0f"), s.median() / ceiling));
            if (!allocated.isEmpty()) {
                Double bytes = allocated.get(n.substring(0, 1));
                d.append(bytes == null ? " |" : String.format(Locale.ROOT, " %.0f |", bytes));
            }
            d.append('\n');
        }
        return d.toString();
    }
}
