package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /append} answers (protocol §11.3). */
class AppendResponseTest {

    private static final String MOCK_SUCCESS = "{\"ok\":true,\"error_code\":null}";
    private static final String MOCK_FAILURE = "{\"ok\":false,\"error_code\":\"invalid-data\"}";

    @Test
    void writesTheMocksEnvelopesByteForByte() {
        Wire.assertWrites(AppendResponse.success(), MOCK_SUCCESS);
        Wire.assertWrites(AppendResponse.invalidData(), MOCK_FAILURE);
    }

    @Test
    void decodesTheMocksEnvelopes() {
        assertThat(Wire.assertRoundTrip(MOCK_SUCCESS, AppendResponse.class)).isEqualTo(AppendResponse.success());
        AppendResponse failure = Wire.assertRoundTrip(MOCK_FAILURE, AppendResponse.class);
        assertThat(failure.ok()).isFalse();
        assertThat(failure.errorCode()).isEqualTo(AppendErrorCode.INVALID_DATA);
        assertThat(failure.errorMessage()).isNull();
        assertThat(failure.taskId()).isNull();
    }

    @Test
    void roundTripsTheSpecShapeInItsOrder() {
        String json = "{\"ok\":false,\"error_code\":\"incompatible-schema\",\"error_message\":\"column x missing\","
                + "\"task_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}";
        AppendResponse r = Wire.assertRoundTrip(json, AppendResponse.class);
        assertThat(r.errorCode()).isEqualTo(AppendErrorCode.INCOMPATIBLE_SCHEMA);
        assertThat(r.errorMessage()).isEqualTo("column x missing");
    }

    @Test
    void specNullsDecodeAndAreOmittedOnWrite() {
        AppendResponse r = Wire.read("{\"ok\":true,\"error_code\":null,\"error_message\":null,\"task_id\":null}",
                AppendResponse.class);
        assertThat(r).isEqualTo(AppendResponse.success());
        assertThat(Wire.write(r)).isEqualTo(MOCK_SUCCESS);
    }

    @Test
    void acceptedAsyncAppendCarriesItsTaskId() {
        Wire.assertWrites(AppendResponse.accepted("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                "{\"ok\":true,\"error_code\":null,\"task_id\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}");
        assertThatThrownBy(() -> AppendResponse.accepted(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task_id must not be blank");
    }

    @Test
    void failureWithMessageKeepsTheOrder() {
        Wire.assertWrites(AppendResponse.failure(AppendErrorCode.INVALID_DATA, "bad cast"),
                "{\"ok\":false,\"error_code\":\"invalid-data\",\"error_message\":\"bad cast\"}");
        assertThatThrownBy(() -> AppendResponse.failure(null, "x"))
                .isInstanceOf(NullPointerException.class).hasMessage("error_code is required");
    }

    @Test
    void unknownCodesUnknownKeysAndMissingKeysDecode() {
        AppendResponse r = Wire.read("{\"ok\":false,\"error_code\":\"quota-exceeded\",\"retry\":true}",
                AppendResponse.class);
        assertThat(r.errorCode()).isEqualTo(AppendErrorCode.UNKNOWN);
        assertThat(Wire.read("{}", AppendResponse.class)).isEqualTo(new AppendResponse(false, null, null, null));
    }
}
