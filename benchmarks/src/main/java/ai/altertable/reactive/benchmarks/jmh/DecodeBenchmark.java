package ai.altertable.reactive.benchmarks.jmh;

import ai.altertable.reactive.benchmarks.baseline.JacksonCeiling;
import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import ai.altertable.reactive.benchmarks.replay.NdjsonRows;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.rest.internal.ndjson.QueryStreamDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where section 1's time goes, in memory (no sockets): the same body, in the same 8 KiB chunks, from the bare Jackson
 * ceiling up to the client's decoder under Reactor with every cell read through the typed getters. One operation
 * decodes the whole body; rows/s = ops/s × {@link #rows}. Each step adds one layer to the one before it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark {

    static final int CHUNK = 8 * 1024;
    private static final RetryPolicy RETRY = RetryPolicy.defaults();

    @Param("200000")
    public int rows;

    private byte[] body;
    private List<byte[]> chunks;

    @Setup
    public void setUp() {
        body = NdjsonRows.body(rows);
        chunks = new ArrayList<>();
        for (int at = 0; at < body.length; at += CHUNK) {
            chunks.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + CHUNK)));
        }
    }

    /** a. Build notes §5 (b): tokens to {@code Object[]}, fractional numbers as double. */
    @Benchmark
    public long a_jacksonCeiling() {
        return JacksonCeiling.parse(body, CHUNK, false).value();
    }

    /** b. The same with fractional numbers as exact {@code BigDecimal}, as the client reads them. */
    @Benchmark
    public long b_jacksonExactDecimals() {
        return JacksonCeiling.parse(body, CHUNK, true).value();
    }

    /** c. The client's decoder (envelope checks, raw cells, one {@code Row} per line), cells not read. */
    @Benchmark
    public long c_decoderRowsOnly() {
        QueryStreamDecoder d = decoder();
        long n = 0;
        for (byte[] chunk : chunks) {
            for (Row ignored : d.feed(chunk)) {
                n++;
            }
        }
        for (Row ignored : d.endOfInput()) {
            n++;
        }
        return n;
    }

    /** d. The decoder with every cell read through {@code row.get(i)} (natural values, lazily decoded, cached). */
    @Benchmark
    public long d_decoderNaturalValues() {
        QueryStreamDecoder d = decoder();
        CellChecksum sum = new CellChecksum();
        for (byte[] chunk : chunks) {
            for (Row r : d.feed(chunk)) {
                natural(sum, r);
            }
        }
        for (Row r : d.endOfInput()) {
            natural(sum, r);
        }
        return sum.value();
    }

    /** e. The decoder with every cell read through the typed getters ({@code getLong}, ...), as section 1 reads. */
    @Benchmark
    public long e_decoderTypedGetters() {
        QueryStreamDecoder d = decoder();
        CellChecksum sum = new CellChecksum();
        for (byte[] chunk : chunks) {
            for (Row r : d.feed(chunk)) {
                typed(sum, r);
            }
        }
        for (Row r : d.endOfInput()) {
            typed(sum, r);
        }
        return sum.value();
    }

    /** f. e under Reactor: {@code QueryStreamDecoder.decode} over a {@code Flux} of the chunks, reduced. */
    @Benchmark
    public long f_decoderFluxTypedGetters() {
        return checksum(decodeFlux());
    }

    /**
     * g. f with what {@code QueryStreams.guarded} puts around the response body: {@code retryWhen} (retrying until the
     * first chunk arrived), {@code doOnNext} noting that it did, {@code doOnCancel} and {@code doOnError}. They work on
     * the network chunks (8 KiB, about 190 rows each), not on the rows.
     */
    @Benchmark
    public long g_plusChunkGuards() {
        return checksum(decodeFlux(guarded(Flux.fromIterable(chunks))));
    }

    /**
     * h. g with the {@code switchOnFirst} that hands the rows to a query handler: the chain of
     * {@code query(request, handler)} in memory. {@code query(sql)} returns g's rows, without it.
     */
    @Benchmark
    public long h_plusSwitchOnFirst() {
        return checksum(decodeFlux(guarded(Flux.fromIterable(chunks))).switchOnFirst((first, rest) -> rest));
    }

    private static Flux<byte[]> guarded(Flux<byte[]> body) {
        AtomicBoolean started = new AtomicBoolean();
        return body.retryWhen(RETRY.retry(Operation.READ_ONLY_QUERY, () -> !started.get()))
                .doOnNext(chunk -> {
                    if (!started.get()) {
                        started.set(true);
                    }
                })
                .doOnCancel(() -> { })
                .doOnError(IllegalStateException.class, e -> { });
    }

    private Flux<Row> decodeFlux(Flux<byte[]> body) {
        return QueryStreamDecoder.decode(body, 1 << 20, ErrorContext.none(), h -> { });
    }

    private Flux<Row> decodeFlux() {
        return decodeFlux(Flux.fromIterable(chunks));
    }

    private static long checksum(Flux<Row> rows) {
        CellChecksum sum = rows.reduceWith(CellChecksum::new, DecodeBenchmark::typed).block();
        return sum == null ? -1 : sum.value();
    }

    private static QueryStreamDecoder decoder() {
        return new QueryStreamDecoder(1 << 20, ErrorContext.none(), h -> { });
    }

    private static CellChecksum natural(CellChecksum sum, Row r) {
        sum.add((Long) r.get(0), (String) r.get(1), (Double) r.get(2), (Boolean) r.get(3), (String) r.get(4));
        return sum;
    }

    static CellChecksum typed(CellChecksum sum, Row r) {
        sum.add(r.getLong(0), r.getString(1), r.getDouble(2), r.getBoolean(3), r.getString(4));
        return sum;
    }
}
