package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CancelQueryResponseTest {

    /** Protocol §8, the two 200 answers. */
    private static final String CANCELLED = "{\"cancelled\":true,\"message\":\"Query cancelled\"}";
    private static final String MISMATCH = "{\"cancelled\":false,\"message\":\"Session ID does not match\"}";

    @Test
    void writesTheMocksAnswersByteForByte() {
        Wire.assertWrites(CancelQueryResponse.accepted(), CANCELLED);
        Wire.assertWrites(CancelQueryResponse.sessionMismatch(), MISMATCH);
    }

    @Test
    void decodesAndRoundTripsTheDocumentedAnswers() {
        assertThat(Wire.assertRoundTrip(CANCELLED, CancelQueryResponse.class))
                .isEqualTo(new CancelQueryResponse(true, "Query cancelled"));
        assertThat(Wire.assertRoundTrip(MISMATCH, CancelQueryResponse.class).cancelled()).isFalse();
    }

    @Test
    void nullMessageIsWrittenExplicitly() {
        Wire.assertWrites(new CancelQueryResponse(true, null), "{\"cancelled\":true,\"message\":null}");
    }

    @Test
    void missingKeysAndUnknownKeysDecode() {
        assertThat(Wire.read("{}", CancelQueryResponse.class)).isEqualTo(new CancelQueryResponse(false, null));
        assertThat(Wire.read("{\"cancelled\":true,\"query_id\":\"q\",\"message\":\"ok\"}", CancelQueryResponse.class))
                .isEqualTo(new CancelQueryResponse(true, "ok"));
    }
}
