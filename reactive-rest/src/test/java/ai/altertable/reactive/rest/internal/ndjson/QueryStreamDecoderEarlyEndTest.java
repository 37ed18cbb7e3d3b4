package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.NetworkException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that ends early (protocol §15.8) is a {@link NetworkException}, never a short result: before the metadata,
 * after the metadata only, inside any line. A last line without {@code \n} is not early.
 */
class QueryStreamDecoderEarlyEndTest {

    private static final String META = "{\"query_id\":\"q-1\"}";
    private static final String FULL = META + "\n[\"id\",\"name\"]\n[1,\"é\"]\n[2,\"日本\"]\n";

    private static Decoded truncated(String body, int length) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return DecodeRun.inChunksOf(Arrays.copyOf(bytes, length), 3);
    }

    private static void assertEndedEarly(Decoded decoded, String where) {
        assertThat(decoded.failure()).isInstanceOfSatisfying(NetworkException.class, e -> {
            assertThat(e.getMessage()).contains("stream ended early").contains(where);
            assertThat(e.context()).isEqualTo(DecodeRun.CONTEXT);
            assertThat(e.isRetryable()).isTrue();
        });
    }

    @Test
    void anEmptyBodyEndedBeforeTheMetadata() {
        assertEndedEarly(DecodeRun.whole(new byte[0]), "before the metadata line, after 0 bytes");
        assertEndedEarly(DecodeRun.whole("\n \r\n".getBytes(StandardCharsets.US_ASCII)), "before the metadata line");
    }

    @Test
    void aBodyEndingInsideTheMetadataLine() {
        assertEndedEarly(truncated(FULL, 10), "inside the metadata line (line 1)");
    }

    @Test
    void aBodyWithOnlyTheMetadataLineEndedBeforeTheColumns() {
        assertEndedEarly(DecodeRun.whole((META + "\n").getBytes(StandardCharsets.UTF_8)),
                "after the metadata line, before the columns line");
        assertEndedEarly(DecodeRun.whole(META.getBytes(StandardCharsets.UTF_8)), "before the columns line");
    }

    @Test
    void aBodyEndingInsideTheColumnsLine() {
        assertEndedEarly(truncated(FULL, META.length() + 5), "inside the columns line (line 2)");
    }

    @Test
    void aBodyEndingMidRowDeliversTheRowsBeforeIt() {
        int midThirdLine = FULL.getBytes(StandardCharsets.UTF_8).length - 4;
        Decoded decoded = truncated(FULL, midThirdLine);

        assertThat(decoded.rows()).hasSize(1);
        assertThat(decoded.head()).isNotNull();
        assertEndedEarly(decoded, "inside line 4");
    }

    @Test
    void aBodyEndingMidStringOrMidCharacterOrMidNumber() {
        String body = META + "\n[\"s\"]\n[\"abc日本";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEndedEarly(DecodeRun.whole(bytes), "inside line 3");
        assertEndedEarly(DecodeRun.whole(Arrays.copyOf(bytes, bytes.length - 1)), "inside line 3");
        assertEndedEarly(DecodeRun.whole((META + "\n[\"n\"]\n[12").getBytes(StandardCharsets.UTF_8)), "inside line 3");
        assertEndedEarly(DecodeRun.whole((META + "\n[\"n\"]\n[{\"a\":[1,").getBytes(StandardCharsets.UTF_8)),
                "inside line 3");
    }

    @Test
    void everyTruncationInsideALineIsAnErrorAndEveryTruncationAtALineEndAfterTheColumnsIsAResult() {
        byte[] bytes = FULL.getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length <= bytes.length; length++) {
            Decoded decoded = DecodeRun.inChunksOf(Arrays.copyOf(bytes, length), 2);
            int completeLines = 0;
            for (int i = 0; i < length; i++) {
                completeLines += bytes[i] == '\n' ? 1 : 0;
            }
            boolean atLineEnd = length == bytes.length || bytes[length] == '\n' || (length > 0 && bytes[length - 1] == '\n');
            int linesEnded = bytes[Math.min(length, bytes.length - 1)] == '\n' && length < bytes.length
                    ? completeLines + 1 : completeLines;
            if (atLineEnd && linesEnded >= 2) {
                assertThat(decoded.failure()).as("length %d", length).isNull();
                assertThat(decoded.rows()).as("length %d", length).hasSize(linesEnded - 2);
            } else {
                assertThat(decoded.failure()).as("length %d", length).isInstanceOf(NetworkException.class);
            }
        }
    }

    @Test
    void aLastLineWithoutNewlineIsComplete() {
        byte[] bytes = FULL.substring(0, FULL.length() - 1).getBytes(StandardCharsets.UTF_8);

        Decoded decoded = DecodeRun.inChunksOf(bytes, 5);

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.rows()).hasSize(2);
    }

    @Test
    void aCompleteBodyFollowedByWhitespaceIsComplete() {
        Decoded decoded = DecodeRun.whole((FULL + "\r\n  \n").getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.rows()).hasSize(2);
    }
}
