package ai.altertable.reactive.benchmarks.sections;

import ai.altertable.reactive.benchmarks.BenchConfig;
import ai.altertable.reactive.benchmarks.report.Samples;
import ai.altertable.reactive.benchmarks.report.SectionResult;
import ai.altertable.reactive.benchmarks.report.SectionResult.Figure;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ObservedQuery;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Section 6: the embedded mock under load. {@code n} endless {@code /query} streams are read as fast as they arrive
 * while one client sends short requests one after the other, a {@code SELECT 1} and a one-row synchronous append in
 * turn, and times each from sending to the last byte of the answer; the baseline is the same requests against the idle
 * mock. Short requests used to wait behind the streams for a database thread (head-of-line blocking); the streams now
 * take turns on those threads, one chunk at a time.
 */
public final class MockLoadBenchmark {

    static final String LONG_STREAM = "SELECT i, i * 0.5::DOUBLE AS half, "
            + "'padding to make each row about seventy bytes long' AS pad FROM range(1000000000000) t(i)";
    /** Rows each stream produces before anything is timed, so that every stream is in full flow (and JIT-compiled). */
    private static final long ROWS_BEFORE_TIMING = 200_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private MockLoadBenchmark() {
    }

    /**
     * The latencies of one configuration, in milliseconds; the streams' rows/s on their own (a fixed window before the
     * short requests) and while the short requests ran.
     */
    record Run(int streams, Samples select, Samples append, double streamsAlone, double streamsDuring) {
    }

    public static SectionResult run(BenchConfig c) throws InterruptedException {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start()) {
            ShortRequests requests = new ShortRequests(mock);
            requests.createTable();
            requests.time(Math.max(3, c.mockSamples() / 5), new Samples(), new Samples()); // warm
            List<Run> runs = new ArrayList<>();
            runs.add(measure(mock, requests, 0, c));
            for (int n : c.mockStreams()) {
                runs.add(measure(mock, requests, n, c));
            }
            return report(runs, c.mockSamples(), c.mockWindow());
        }
    }

    private static Run measure(AltertableMock mock, ShortRequests requests, int streams, BenchConfig c)
            throws InterruptedException {
        ConnectionProvider pool = ConnectionProvider.create("mock-load", Math.max(1, streams));
        List<String> ids = new ArrayList<>();
        List<Disposable> readers = new ArrayList<>();
        try {
            HttpClient http = HttpClient.create(pool).baseUrl(mock.baseUrl().toString())
                    .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, mock.credentials().authorizationHeader())
                            .set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
            for (int i = 0; i < streams; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String body = "{\"statement\":\"" + LONG_STREAM + "\",\"query_id\":\"" + id + "\"}";
                readers.add(http.post().uri("/query").send(ByteBufFlux.fromString(Mono.just(body)))
                        .responseContent().subscribe(buf -> { }, e -> { })); // read and dropped as it arrives
            }
            for (String id : ids) {
                awaitRows(mock, id, ROWS_BEFORE_TIMING);
            }
            double alone = streams == 0 ? 0 : rowsPerSecond(mock, ids, () -> Thread.sleep(c.mockWindow().toMillis()));
            Samples select = new Samples();
            Samples append = new Samples();
            double during = rowsPerSecond(mock, ids, () -> requests.time(c.mockSamples(), select, append));
            for (String id : ids) {
                if (!mock.observedQuery(id).running()) {
                    throw new IllegalStateException("a long stream ended during the measurement: "
                            + mock.observedQuery(id));
                }
            }
            System.out.printf(Locale.ROOT, "[6] %d streams: SELECT 1 %s ms, append %s ms, streams %,.0f rows/s "
                    + "alone, %,.0f rows/s beside the short requests%n", streams, select.format("%.1f"),
                    append.format("%.1f"), alone, during);
            return new Run(streams, select, append, alone, during);
        } finally {
            readers.forEach(Disposable::dispose);
            for (String id : ids) {
                awaitEnd(mock, id);
            }
            pool.disposeLater().block(TIMEOUT);
        }
    }

    /** Something to time. */
    @FunctionalInterface
    private interface Timed {
        void run() throws InterruptedException;
    }

    /** The rows/s the streams produced, all together, while {@code work} ran. */
    private static double rowsPerSecond(AltertableMock mock, List<String> ids, Timed work) throws InterruptedException {
        long rows0 = rows(mock, ids);
        long t0 = System.nanoTime();
        work.run();
        return (rows(mock, ids) - rows0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static long rows(AltertableMock mock, List<String> ids) {
        return ids.stream().mapToLong(id -> mock.observedQuery(id).rowsProduced()).sum();
    }

    private static void awaitRows(AltertableMock mock, String id, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ObservedQuery q;
        while ((q = mock.observedQuery(id)) == null || q.rowsProduced() < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a long stream did not start: " + q);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitEnd(AltertableMock mock, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ObservedQuery q;
        while ((q = mock.observedQuery(id)) != null && q.running()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a long stream did not end after its reader left: " + q);
            }
            Thread.sleep(10);
        }
    }

    /** The short requests, sent by the JDK's HTTP client (another client than the streams', like curl would be). */
    private static final class ShortRequests {
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        private final URI base;
        private final String auth;

        ShortRequests(AltertableMock mock) {
            this.base = mock.baseUrl();
            this.auth = mock.credentials().authorizationHeader();
        }

        void createTable() {
            send("/query", "{\"statement\":\"CREATE TABLE IF NOT EXISTS events (id BIGINT, name VARCHAR)\"}", "");
        }

        /** {@code samples} of each request, alternating. */
        void time(int samples, Samples select, Samples append) {
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                send("/query", "{\"statement\":\"SELECT 1 AS one\"}", "\n[1]\n");
                long t1 = System.nanoTime();
                send("/append?catalog=memory&schema=main&table=events&sync=true",
                        "{\"id\":" + i + ",\"name\":\"short\"}", "\"ok\":true");
                long t2 = System.nanoTime();
                select.add((t1 - t0) / 1e6);
                append.add((t2 - t1) / 1e6);
            }
        }

        private void send(String path, String json, String expected) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains(expected)) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException(path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static Figure figure(String request, int streams, Samples busy, Samples idle) {
        return new Figure("6", String.format(Locale.ROOT, "%s beside %d long streams: median %.1f ms, p99 %.1f ms",
                request, streams, busy.median(), busy.percentile(99)),
                String.format(Locale.ROOT, "idle mock: median %.1f ms, p99 %.1f ms", idle.median(),
                        idle.percentile(99)),
                String.format(Locale.ROOT, "%.1f× the idle median", busy.median() / idle.median()), "",
                "no goal set (see section 6)");
    }

    private static String rate(Run r, double rowsPerSecond) {
        return r.streams() == 0 ? "" : String.format(Locale.ROOT, "%,.0f", rowsPerSecond);
    }

    private static SectionResult report(List<Run> runs, int samples, Duration window) {
        Run idle = runs.get(0);
        Run busiest = runs.get(runs.size() - 1);
        StringBuilder d = new StringBuilder();
        d.append(String.format(Locale.ROOT, "The embedded mock (`AltertableMock`, REST only, its default %d database "
                + "threads: `max(4, 2 × cores)`) serves `n` endless `/query` streams (`%s`, about 70 bytes a row), "
                + "each read as fast as it arrives by a Reactor Netty client in the same JVM. Meanwhile the JDK's "
                + "HTTP client sends %d `SELECT 1` queries and %d one-row `POST /append?sync=true`, one after the "
                + "other, and times each from sending to the last byte of the answer; the streams are checked to be "
                + "still running afterwards. Baseline: the same requests against the idle mock. Milliseconds, "
                + "median [min–max] and p99 (nearest rank) of one run. Rows/s of all the streams together, once each "
                + "stream has produced %,d rows: on their own for %.0f s, then while the short requests ran.%n%n",
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                "SELECT i, i * 0.5::DOUBLE, '…' FROM range(10^12)", samples, samples, ROWS_BEFORE_TIMING,
                window.toMillis() / 1000.0));
        d.append("| long streams | `SELECT 1` ms | `SELECT 1` p99 | 1-row sync append ms | append p99 | streams' "
                + "rows/s alone | streams' rows/s beside the short requests |\n|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            d.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %.1f | %s | %s |%n",
                    r.streams() == 0 ? "none (idle mock)" : Integer.toString(r.streams()), r.select().format("%.1f"),
                    r.select().percentile(99), r.append().format("%.1f"), r.append().percentile(99),
                    rate(r, r.streamsAlone()), rate(r, r.streamsDuring())));
        }
        List<Figure> summary = List.of(
                figure("`SELECT 1`", busiest.streams(), busiest.select(), idle.select()),
                figure("1-row sync append", busiest.streams(), busiest.append(), idle.append()));
        return new SectionResult("6. The mock under load: short requests beside long streams", summary,
                d.toString());
    }
}
