package ai.altertable.reactive.rest.internal.ndjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JMH-free look at the decoder's cost: the same bytes through {@code Flux<Row>} and through bare Jackson token
 * parsing into {@code Object[]} (build notes §5, method b). It asserts only that all paths see every row; timings are
 * printed when the system property {@code ndjson.throughput} is set (which also makes the body large:
 * {@code mvn ... -Dtest=QueryStreamDecoderThroughputTest -Dndjson.throughput=true}). No timing is asserted.
 */
class QueryStreamDecoderThroughputTest {

    private static final boolean REPORT = System.getProperty("ndjson.throughput") != null;
    private static final int ROWS = REPORT ? 2_000_000 : 20_000;
    private static final int CHUNK = 8 * 1024;

    @Test
    void everyPathSeesEveryRow() throws IOException {
        List<byte[]> chunks = DecodeRun.split(body(ROWS), CHUNK);
        int rounds = REPORT ? 10 : 1;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            long raw = rawTokens(chunks, true);
            long t1 = System.nanoTime();
            long rawDoubles = rawTokens(chunks, false);
            long t2 = System.nanoTime();
            long decoded = viaFlux(chunks);
            long t3 = System.nanoTime();

            assertThat(raw).isEqualTo(ROWS);
            assertThat(rawDoubles).isEqualTo(ROWS);
            assertThat(decoded).isEqualTo(ROWS);
            if (REPORT) {
                System.out.printf(Locale.ROOT, "round %d: raw exact %.2f Mrows/s, raw doubles %.2f Mrows/s, "
                                + "Flux<Row> %.2f Mrows/s (%.2f / %.2f of raw)%n", round, rate(t1 - t0), rate(t2 - t1),
                        rate(t3 - t2), (double) (t1 - t0) / (t3 - t2), (double) (t2 - t1) / (t3 - t2));
            }
        }
    }

    private static double rate(long nanos) {
        return ROWS / (nanos / 1e3);
    }

    private static byte[] body(int rows) {
        StringBuilder sb = new StringBuilder(rows * 48);
        sb.append("{\"query_id\":\"q\"}\n[{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"service\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"ms\",\"type\":\"DOUBLE\"},{\"name\":\"ok\",\"type\":\"BOOLEAN\"},{\"name\":\"note\",\"type\":\"VARCHAR\"}]\n");
        for (int i = 0; i < rows; i++) {
            sb.append('[').append(42_431_130 + i).append(",\"checkout-service\",").append(312 + i % 100).append(".5,")
                    .append(i % 2 == 0).append(",null]\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long viaFlux(List<byte[]> chunks) {
        Long count = QueryStreamDecoder.decode(Flux.fromIterable(chunks).hide(), 1 << 20, DecodeRun.CONTEXT, h -> { })
                .count().block();
        return count == null ? -1 : count;
    }

    /** Build notes §5 (b): one non-blocking parser, tokens to {@code Object[]} per row, nothing else. */
    private static long rawTokens(List<byte[]> chunks, boolean exactNumbers) throws IOException {
        JsonParser parser = new JsonFactory().createNonBlockingByteArrayParser();
        ByteArrayFeeder feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        List<Object> cells = new ArrayList<>();
        long rows = 0;
        int depth = 0;
        Object sink = null;
        for (byte[] chunk : chunks) {
            feeder.feedInput(chunk, 0, chunk.length);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE) {
                if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                    depth++;
                } else if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                    if (--depth == 0 && token == JsonToken.END_ARRAY) {
                        sink = cells.toArray();
                        cells.clear();
                        rows++;
                    }
                } else if (depth == 1) {
                    cells.add(value(token, parser, exactNumbers));
                }
            }
        }
        assertThat(sink).isNotNull();
        return rows - 1; // the columns line is an array too
    }

    private static Object value(JsonToken token, JsonParser parser, boolean exactNumbers) throws IOException {
        switch (token) {
            case VALUE_STRING: return parser.getText();
            case VALUE_NUMBER_INT: return parser.getLongValue();
            case VALUE_NUMBER_FLOAT: return exactNumbers ? parser.getDecimalValue() : parser.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            default: return null;
        }
    }
}
