package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /validate}: {@link ValidateRequest} and {@link ValidateResponse} (protocol §9.1). */
class ValidateTest {

    private static final String VALID = "{\"valid\":true,\"statement\":\"SELECT 1\",\"connections_errors\":{}}";
    private static final String INVALID = "{\"valid\":false,\"statement\":\"SELEC 1\",\"connections_errors\":{},"
            + "\"error\":\"Parser Error: syntax error at or near \\\"SELEC\\\"\"}";

    @Test
    void requestWritesOnlySetFieldsInOrder() {
        Wire.assertWrites(ValidateRequest.of("SELECT 1"), "{\"statement\":\"SELECT 1\"}");
        Wire.assertWrites(ValidateRequest.builder().sessionId("s").schema("main").catalog("memory")
                        .statement("SELECT 1").build(),
                "{\"statement\":\"SELECT 1\",\"catalog\":\"memory\",\"schema\":\"main\",\"session_id\":\"s\"}");
    }

    @Test
    void requestRoundTripsAndIgnoresUnknownKeys() {
        ValidateRequest r = Wire.read("{\"schema\":\"main\",\"statement\":\"SELECT 1\",\"x\":[1]}",
                ValidateRequest.class);
        assertThat(r).isEqualTo(ValidateRequest.builder().statement("SELECT 1").schema("main").build());
        assertThat(r.mutate().build()).isEqualTo(r);
    }

    @Test
    void requestNeedsAStatement() {
        assertThatThrownBy(() -> ValidateRequest.builder().catalog("memory").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("statement is required");
        assertThatThrownBy(() -> Wire.read("{\"statement\":null}", ValidateRequest.class))
                .hasRootCauseMessage("statement is required");
    }

    @Test
    void validAnswerOmitsTheErrorKey() {
        Wire.assertWrites(ValidateResponse.valid("SELECT 1"), VALID);
        ValidateResponse r = Wire.assertRoundTrip(VALID, ValidateResponse.class);
        assertThat(r.valid()).isTrue();
        assertThat(r.error()).isNull();
    }

    @Test
    void invalidAnswerCarriesTheErrorLast() {
        Wire.assertWrites(ValidateResponse.invalid("SELEC 1", "Parser Error: syntax error at or near \"SELEC\""),
                INVALID);
        ValidateResponse r = Wire.assertRoundTrip(INVALID, ValidateResponse.class);
        assertThat(r.valid()).isFalse();
        assertThat(r.error()).startsWith("Parser Error");
    }

    @Test
    void missingAndUnknownKeysDecode() {
        ValidateResponse r = Wire.read("{\"statement\":\"x\",\"warnings\":[]}", ValidateResponse.class);
        assertThat(r).isEqualTo(new ValidateResponse(false, "x", Map.of(), null));
        assertThat(Wire.write(r)).isEqualTo("{\"valid\":false,\"statement\":\"x\",\"connections_errors\":{}}");
    }

    @Test
    void connectionErrorsAreKeptInOrder() {
        String json = "{\"valid\":true,\"statement\":\"x\",\"connections_errors\":{\"z\":\"down\",\"a\":\"slow\"}}";
        assertThat(Wire.assertRoundTrip(json, ValidateResponse.class).connectionsErrors().keySet())
                .containsExactly("z", "a");
    }
}
