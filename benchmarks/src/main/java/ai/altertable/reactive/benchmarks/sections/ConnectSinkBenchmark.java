package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.connect.ConnectRecords;
import ai.altertable.reactive.benchmarks.connect.TaskDriver;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.kafka.connect.AltertableSinkConfig;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Section 10: one Kafka Connect sink task ({@code AltertableSinkTask}) against {@code appendAll} of the same rows from
 * a plain {@code Flux}, both writing to one embedded {@link AltertableMock} (DuckDB behind it) with the same batching.
 * No Kafka broker and no Connect worker: a {@link TaskDriver} calls the task as a worker's thread would, with records
 * made by Kafka's JSON converter before the run, so the figure is the task's own cost (record to row conversion,
 * offset tracking, pausing, the batching engine it shares with {@code appendAll}), not Kafka's.
 */
public final class ConnectSinkBenchmark {

    static final double GOAL = 0.80;
    static final int PARTITIONS = 4;
    static final String USER = "bench";
    static final String PASSWORD = "bench-secret";
    static final TableRef TABLE = TableRef.of("memory", "main", ConnectRecords.TOPIC);

    static final String BASELINE = "`appendAll(Flux<Map>)` of the rows as maps";
    static final String TASK_STRUCTS = "one `AltertableSinkTask`, JSON converter with schemas (`Struct` values)";
    static final String TASK_MAPS = "one `AltertableSinkTask`, JSON converter without schemas (`Map` values)";

    private ConnectSinkBenchmark() {
    }

    /** Rows per iteration and path: 200,000 in full mode, 100,000 quick, 2,000 smoke. */
    static int rows(BenchConfig c) {
        switch (c.mode()) {
            case "full": return 200_000;
            case "quick": return 100_000;
            default: return 2_000;
        }
    }

    /** One path's measurements, and the task's pauses and idle polls per iteration. */
    private static final class Path {
        final PathStats stats = new PathStats();
        final Samples pauses = new Samples();
        final Samples idlePolls = new Samples();
    }

    public static SectionResult run(BenchConfig c) {
        int n = rows(c);
        Set<TopicPartition> partitions = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(ConnectRecords.TOPIC, p));
        }
        List<Map<String, Object>> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            maps.add(ConnectRecords.row(i));
        }
        Map<String, List<SinkRecord>> records = new LinkedHashMap<>();
        records.put(TASK_STRUCTS, ConnectRecords.records(n, PARTITIONS, true));
        records.put(TASK_MAPS, ConnectRecords.records(n, PARTITIONS, false));
        Map<String, Path> paths = new LinkedHashMap<>();
        paths.put(BASELINE, new Path());
        records.keySet().forEach(k -> paths.put(k, new Path()));
        Samples structRatio = new Samples();
        Samples mapRatio = new Samples();
        Samples structCpu = new Samples();
        Samples mapCpu = new Samples();
        try (AltertableMock mock = AltertableMock.builder().user(USER, PASSWORD).withoutFlight().withoutPostgres()
                .start();
             LakehouseClient admin = LakehouseClient.create(mock.baseUrl(), Credentials.basic(USER, PASSWORD))) {
            admin.query("CREATE TABLE " + TABLE.catalog() + ".main." + TABLE.table() + " (" + ConnectRecords.COLUMNS
                    + ")").blockLast();
            Map<String, String> props = props(mock);
            BatchingOptions batching = new AltertableSinkConfig(props).batching();
            List<String> names = new ArrayList<>(paths.keySet());
            for (int it = 0; it < c.warmups() + c.iterations(); it++) {
                boolean timed = it >= c.warmups();
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((k + it) % names.size()); // a different order each iteration
                    Path path = paths.get(name);
                    if (name.equals(BASELINE)) {
                        appendAll(mock, batching, maps, path.stats, timed);
                    } else {
                        deliver(props, partitions, records.get(name), path, timed);
                    }
                    checkAndEmpty(admin, name, n);
                }
                double base = paths.get(BASELINE).stats.lastRate;
                double baseCpu = paths.get(BASELINE).stats.lastJavaCpu;
                System.out.printf(Locale.ROOT, "[10] iteration %d%s: appendAll %.3f, task structs %.3f, task maps "
                                + "%.3f Mrows/s%n", it, timed ? "" : " (warm-up)", base,
                        paths.get(TASK_STRUCTS).stats.lastRate, paths.get(TASK_MAPS).stats.lastRate);
                if (timed) {
                    structRatio.add(paths.get(TASK_STRUCTS).stats.lastRate / base);
                    mapRatio.add(paths.get(TASK_MAPS).stats.lastRate / base);
                    structCpu.add(baseCpu / paths.get(TASK_STRUCTS).stats.lastJavaCpu);
                    mapCpu.add(baseCpu / paths.get(TASK_MAPS).stats.lastJavaCpu);
                }
            }
            return result(c, n, batching, paths, new Samples[] {structRatio, structCpu},
                    new Samples[] {mapRatio, mapCpu});
        }
    }

    /** The connector's configuration: its defaults, but 2 batches in flight (the library's default; the connector's is 1). */
    private static Map<String, String> props(AltertableMock mock) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        props.put(AltertableSinkConfig.USERNAME, USER);
        props.put(AltertableSinkConfig.PASSWORD, PASSWORD);
        props.put(AltertableSinkConfig.CATALOG, TABLE.catalog());
        props.put(AltertableSinkConfig.BATCH_MAX_IN_FLIGHT, "2");
        return props;
    }

    private static void appendAll(AltertableMock mock, BatchingOptions batching, List<Map<String, Object>> maps,
                                  PathStats stats, boolean timed) {
        // a client of its own per run, as the task creates one at start: both open their connections while timed
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), Credentials.basic(USER, PASSWORD))) {
            ProcessCpu.Snapshot before = ProcessCpu.snapshot();
            long t0 = System.nanoTime();
            client.appendAll(AppendOptions.of(TABLE, true), Flux.fromIterable(maps), batching).blockLast();
            long wall = System.nanoTime() - t0;
            stats.record(maps.size(), wall, before, ProcessCpu.snapshot(), timed);
        }
    }

    private static void deliver(Map<String, String> props, Set<TopicPartition> partitions, List<SinkRecord> records,
                                Path path, boolean timed) {
        try (TaskDriver driver = new TaskDriver(props, partitions)) {
            ProcessCpu.Snapshot before = ProcessCpu.snapshot();
            long t0 = System.nanoTime();
            driver.deliver(records);
            long wall = System.nanoTime() - t0;
            path.stats.record(records.size(), wall, before, ProcessCpu.snapshot(), timed);
            if (timed) {
                path.pauses.add(driver.pauses());
                path.idlePolls.add(driver.idlePolls());
            }
        }
    }

    /** Every row landed exactly once (count and sum of ids); then the table is emptied for the next run. */
    private static void checkAndEmpty(LakehouseClient admin, String name, long n) {
        String table = TABLE.catalog() + ".main." + TABLE.table();
        Row r = admin.query("SELECT count(*), coalesce(sum(id), 0)::BIGINT FROM " + table).blockLast();
        long count = r.getLong(0);
        long sum = r.getLong(1);
        if (count != n || sum != n * (n - 1) / 2) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: %d rows with id sum %d, expected %d and %d",
                    name, count, sum, n, n * (n - 1) / 2));
        }
        admin.query("DELETE FROM " + table).blockLast();
    }

    /** {@code ratios}: throughput by wall clock, then by CPU of all Java threads (baseline's ns/row over the task's). */
    private static SectionResult result(BenchConfig c, int n, BatchingOptions batching, Map<String, Path> paths,
                                        Samples[] structs, Samples[] maps) {
        StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "%,d rows (`id` BIGINT, `service` VARCHAR, "
                        + "`ms` DOUBLE, `ok` BOOLEAN) written to one embedded `AltertableMock` (REST `/append?sync=true`"
                        + ", DuckDB behind it, in this JVM) per path and iteration, with the same batching: the "
                        + "connector's defaults but 2 batches in flight (%,d rows or %,d bytes per batch, linger %d ms,"
                        + " %d in flight, at-least-once). **No Kafka broker and no Connect worker**: the task is driven "
                        + "directly as a worker's thread drives it (`initialize`, `start`, `open` of %d partitions; "
                        + "`put` of %d records at a time, Kafka's default `max.poll.records`; while the task has paused "
                        + "its partitions, `put` of no records every %d ms, as an empty poll; then `preCommit` until it "
                        + "returns every partition's end offset, i.e. every batch acknowledged; `close`, `stop`), so the"
                        + " figure is the task's own cost: record-to-row conversion, offset tracking, pausing, and the "
                        + "batching engine it shares with `appendAll`, not Kafka's consumer or converter. The records' "
                        + "values come from Kafka's `JsonConverter` (with and without schemas), built before the run; "
                        + "the baseline appends the same rows as `Map`s from `Flux.fromIterable`. Each run has a new "
                        + "client (the task creates its own at `start`); the timed part is from the first `put` (or the "
                        + "subscription) to the last acknowledgement. After each run the table is checked (count and "
                        + "sum of ids: every row exactly once) and emptied. %d warm-up + %d timed iterations, paths in "
                        + "rotating order, ratios per iteration; median [min–max]. CPU is that of every Java thread of "
                        + "the process, the mock's included (DuckDB's own native threads are not Java threads).%n%n",
                n, batching.maxRows(), batching.maxBytes(), batching.linger().toMillis(), batching.maxInFlight(),
                PARTITIONS, TaskDriver.POLL_RECORDS, TaskDriver.IDLE_POLL_NANOS / 1_000_000, c.warmups(),
                c.iterations()));
        d.append("| path | rows/s (wall) | Java threads CPU ns/row | busiest thread CPU ns/row | process CPU ns/row | "
                + "pauses, idle polls per run |\n|---|---|---|---|---|---|\n");
        paths.forEach((name, p) -> d.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name,
                scaled(p.stats.rate), p.stats.javaCpu.format("%.0f"), p.stats.busiest.format("%.0f"),
                p.stats.process.format("%.0f"), p.pauses.count() == 0 ? "" : p.pauses.format("%.0f") + ", "
                        + p.idlePolls.format("%.0f"))));
        d.append(String.format(Locale.ROOT, "%n- **task (`Struct`s) / appendAll, wall-clock: %s** (goal ≥ %.2f: %s); "
                + "in CPU of all Java threads per row: %s%n", structs[0].format("%.2f"), GOAL,
                verdict(structs[0]), structs[1].format("%.2f")));
        d.append(String.format(Locale.ROOT, "- **task (`Map`s) / appendAll, wall-clock: %s** (goal ≥ %.2f: %s); in "
                + "CPU of all Java threads per row: %s%n", maps[0].format("%.2f"), GOAL, verdict(maps[0]),
                maps[1].format("%.2f")));
        String base = String.format(Locale.ROOT, "`appendAll` of the same rows from a plain `Flux`: %,.0f rows/s",
                paths.get(BASELINE).stats.rate.median() * 1e6);
        List<Figure> figures = List.of(
                new Figure("10", String.format(Locale.ROOT, "one sink task, `Struct`s (JSON converter with schemas), "
                        + "no broker: %,.0f rows/s", paths.get(TASK_STRUCTS).stats.rate.median() * 1e6), base,
                        structs[0].format("%.2f"), "≥ 0.80", verdict(structs[0])),
                new Figure("10", String.format(Locale.ROOT, "one sink task, `Map`s (JSON converter without schemas), "
                        + "no broker: %,.0f rows/s", paths.get(TASK_MAPS).stats.rate.median() * 1e6), "the same",
                        maps[0].format("%.2f"), "≥ 0.80", verdict(maps[0])));
        return new SectionResult("10. One Kafka Connect sink task versus `appendAll` of the same rows", figures,
                d.toString());
    }

    private static String verdict(Samples ratio) {
        return ratio.median() >= GOAL ? "met" : "**missed**";
    }

    /** Rates are kept in millions per second; shown as rows/s. */
    private static String scaled(Samples millions) {
        return String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", millions.median() * 1e6, millions.min() * 1e6,
                millions.max() * 1e6);
    }
}
