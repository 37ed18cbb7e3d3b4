package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.row.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configurable maximum line size (protocol §15.7): a longer line fails with its line number as soon as it passes
 * the limit, after the rows before it, without the parser ever holding the whole line.
 */
class QueryStreamDecoderLineLimitTest {

    private static final String META = "{\"query_id\":\"q\"}";

    private static List<byte[]> chunks(String body, int size) {
        return DecodeRun.split(body.getBytes(StandardCharsets.UTF_8), size);
    }

    @Test
    void aLineOfExactlyTheLimitIsAcceptedAndOneByteMoreFails() {
        String row = "[\"" + "é".repeat(10) + "\"]"; // 24 bytes
        String body = META + "\n[\"s\"]\n" + row + "\n";

        Decoded exact = DecodeRun.chunks(chunks(body, 7), 24);
        Decoded over = DecodeRun.chunks(chunks(body, 7), 23);

        assertThat(exact.failure()).isNull();
        assertThat(exact.rows()).hasSize(1);
        assertThat(over.failure()).isInstanceOfSatisfying(ResponseParseException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("line exceeds the maximum line size of 23 bytes");
            assertThat(e.context()).isEqualTo(DecodeRun.CONTEXT);
        });
    }

    @Test
    void theRowsBeforeAnOverlongLineAreDeliveredWhateverTheChunking() {
        String body = META + "\n[\"s\"]\n[\"a\"]\n[\"b\"]\n[\"" + "x".repeat(100) + "\"]\n[\"c\"]\n";
        for (int size = 1; size <= body.length(); size++) {
            Decoded decoded = DecodeRun.chunks(chunks(body, size), 50);

            assertThat(decoded.cells()).as("chunks of %d", size).containsExactly(List.of("a"), List.of("b"));
            assertThat(decoded.failure()).as("chunks of %d", size).isInstanceOfSatisfying(ResponseParseException.class,
                    e -> assertThat(e.lineNumber()).isEqualTo(5));
        }
    }

    @Test
    void anOverlongMetadataLineFailsOnLine1() {
        Decoded decoded = DecodeRun.chunks(chunks(META + "\n[]\n", 4), 10);

        assertThat(decoded.failure()).isInstanceOfSatisfying(ResponseParseException.class,
                e -> assertThat(e.lineNumber()).isEqualTo(1));
    }

    @Test
    void anOverlongLineInOneHugeChunkFailsAfterTheRowsBeforeIt() {
        String body = META + "\n[\"s\"]\n[\"a\"]\n[\"" + "x".repeat(10_000) + "\"]\n";
        Decoded decoded = DecodeRun.chunks(List.of(body.getBytes(StandardCharsets.UTF_8)), 1_000);

        assertThat(decoded.cells()).containsExactly(List.of("a"));
        assertThat(decoded.failure()).isInstanceOfSatisfying(ResponseParseException.class,
                e -> assertThat(e.lineNumber()).isEqualTo(4));
    }

    /**
     * 100 MB of one string cell in 64 KiB chunks against a 1 MiB limit: the failure must come with the chunk that
     * passes the limit, not when (or if) the string ends.
     */
    @Test
    void aHundredMegabyteStringFailsWithinTheFirstMegabytes() {
        int maxLine = 1 << 20;
        QueryStreamDecoder decoder = new QueryStreamDecoder(maxLine, DecodeRun.CONTEXT, head -> { });
        List<Row> rows = new ArrayList<>();
        decoder.feed((META + "\n[\"s\"]\n[\"before\"]\n[\"").getBytes(StandardCharsets.UTF_8)).forEach(rows::add);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        long fed = 0;
        ResponseParseException failure = null;
        while (fed < 100_000_000L && failure == null) {
            try {
                decoder.feed(chunk).forEach(rows::add);
                fed += chunk.length;
            } catch (ResponseParseException e) {
                failure = e;
            }
        }

        assertThat(failure).isNotNull();
        assertThat(failure.lineNumber()).isEqualTo(4);
        assertThat(fed).as("bytes fed before the failure").isLessThan(2L * maxLine);
        assertThat(rows).hasSize(1);
        assertThatThrownBy(() -> decoder.feed(chunk)).isSameAs(failure);
    }
}
