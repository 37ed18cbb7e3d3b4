package ai.altertable.reactive.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sizes and iteration counts of one run. {@link #full()} is what {@code BENCHMARKS.md} is written from;
 * {@link #quick()} shrinks the long parts (section 5 reads 500k rows instead of 5M: about 50 s instead of 500 s;
 * section 2 streams 5M rows instead of 10M, and 1M instead of 2M in small batches; section 6 times 30 short requests
 * of each kind instead of 100);
 * {@link #smoke()} runs every harness on a few rows, for the test that keeps the harness code working.
 *
 * @param mode              {@code full}, {@code quick} or {@code smoke}
 * @param sections          which sections to run (1 to 10)
 * @param out               where to write the report, or {@code null} to print it only
 * @param jmh               whether to run the JMH breakdown of section 1
 * @param warmups           untimed iterations before the timed ones (sections 1, 3, 4)
 * @param iterations        timed iterations (sections 1, 3, 4)
 * @param streamRows        rows of the section 1 body (also read by section 8)
 * @param appendRows        rows appended per iteration in section 3, and ingested over Flight in section 7
 * @param perRowRows        rows sent one POST each in section 3 (the rate is extrapolated)
 * @param queries           concurrent queries in section 4
 * @param rowsPerQuery      rows of each section 4 query (10,000 queries of 1,000 rows in full mode: as many rows in all as
 *                          the earlier 1,000 queries of 10,000)
 * @param slowRows          rows of the section 5 stream
 * @param slowRowsPerSecond the section 5 subscriber's pace
 * @param sampleEvery       time between heap samples in section 5
 * @param flightRows        rows of the section 2 stream
 * @param flightBatchRows   rows per record batch of the section 2 stream
 * @param flightSmallRows   rows of section 2's second stream, of small batches (also read by section 8)
 * @param flightSmallBatch  rows per record batch of that stream (where per-batch costs show)
 * @param mockStreams       the numbers of long streams beside which section 6 times short requests
 * @param mockSamples       short requests of each kind per number of streams in section 6
 * @param mockWindow        how long section 6 measures the streams' rows/s on their own
 */
public record BenchConfig(String mode, Set<Integer> sections, Path out, boolean jmh, int warmups, int iterations,
                          int streamRows, int appendRows, int perRowRows, int queries, int rowsPerQuery,
                          long slowRows, int slowRowsPerSecond, Duration sampleEvery, long flightRows,
                          int flightBatchRows, long flightSmallRows, int flightSmallBatch, List<Integer> mockStreams,
                          int mockSamples, Duration mockWindow) {

    public static final Set<Integer> ALL_SECTIONS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    public static BenchConfig full() {
        return new BenchConfig("full", ALL_SECTIONS, null, true, 5, 15, 1_000_000, 1_000_000, 10_000, 10_000, 1_000,
                5_000_000, 10_000, Duration.ofSeconds(10), 10_000_000, 65_536, 2_000_000, 1_024,
                List.of(4, 16), 100, Duration.ofSeconds(10));
    }

    public static BenchConfig quick() {
        return new BenchConfig("quick", ALL_SECTIONS, null, true, 3, 7, 500_000, 500_000, 5_000, 10_000, 500,
                500_000, 10_000, Duration.ofSeconds(5), 5_000_000, 65_536, 1_000_000, 1_024,
                List.of(4, 16), 30, Duration.ofSeconds(5));
    }

    public static BenchConfig smoke() {
        return new BenchConfig("smoke", ALL_SECTIONS, null, false, 0, 1, 5_000, 5_000, 50, 20, 500, 3_000, 20_000,
                Duration.ofMillis(50), 5_000, 1_024, 1_000, 64, List.of(2), 3, Duration.ofMillis(200));
    }

    /**
     * From {@code key=value} words (and the bare word {@code quick}), possibly several per argument:
     * {@code quick}, {@code out=PATH}, {@code sections=1,3}, {@code jmh=false}.
     */
    public static BenchConfig parse(String... args) {
        String[] words = Arrays.stream(args).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                .filter(w -> !w.isBlank()).toArray(String[]::new);
        BenchConfig c = Arrays.asList(words).contains("quick") ? quick() : full();
        for (String w : words) {
            if (w.equals("quick")) {
                continue;
            }
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("unknown argument: " + w + " (expected quick, out=, sections=, jmh=)");
            }
            String key = w.substring(0, eq);
            String value = w.substring(eq + 1);
            switch (key) {
                case "out": c = c.withOut(Path.of(value)); break;
                case "sections": c = c.withSections(sections(value)); break;
                case "jmh": c = c.withJmh(Boolean.parseBoolean(value)); break;
                default: throw new IllegalArgumentException("unknown argument: " + w);
            }
        }
        return c;
    }

    private static Set<Integer> sections(String list) {
        Set<Integer> s = Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!ALL_SECTIONS.containsAll(s)) {
            throw new IllegalArgumentException("sections are " + new TreeSet<>(ALL_SECTIONS) + ", not " + s);
        }
        return s;
    }

    public BenchConfig withOut(Path path) {
        return new BenchConfig(mode, sections, path, jmh, warmups, iterations, streamRows, appendRows, perRowRows,
                queries, rowsPerQuery, slowRows, slowRowsPerSecond, sampleEvery, flightRows, flightBatchRows,
                flightSmallRows, flightSmallBatch, mockStreams, mockSamples, mockWindow);
    }

    public BenchConfig withSections(Set<Integer> s) {
        return new BenchConfig(mode, Set.copyOf(s), out, jmh, warmups, iterations, streamRows, appendRows, perRowRows,
                queries, rowsPerQuery, slowRows, slowRowsPerSecond, sampleEvery, flightRows, flightBatchRows,
                flightSmallRows, flightSmallBatch, mockStreams, mockSamples, mockWindow);
    }

    public BenchConfig withJmh(boolean on) {
        return new BenchConfig(mode, sections, out, on, warmups, iterations, streamRows, appendRows, perRowRows,
                queries, rowsPerQuery, slowRows, slowRowsPerSecond, sampleEvery, flightRows, flightBatchRows,
                flightSmallRows, flightSmallBatch, mockStreams, mockSamples, mockWindow);
    }

    /** Rows of the section 9 query, read over each transport: 2,000,000 in full mode, 500,000 quick, 2,000 smoke. */
    public long transportRows() {
        switch (mode) {
            case "full": return 2_000_000;
            case "quick": return 500_000;
            default: return 2_000;
        }
    }

    public boolean runs(int section) {
        return sections.contains(section);
    }
}
