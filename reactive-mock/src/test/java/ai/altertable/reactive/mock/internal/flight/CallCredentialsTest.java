package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CallCredentialsTest {

    private static final Map<String, String> USERS = Map.of("alice", "secret");

    @Test
    void thePayloadSplitsIntoAtMostThreeParts() {
        CallCredentials c = CallCredentials.authenticate(bearer("alice:secret:a:b"), USERS);
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.sessionId()).isEqualTo("a:b");
        assertThat(CallCredentials.authenticate(basic("alice:secret"), USERS).sessionId()).isNull();
        assertThat(CallCredentials.authenticate("Basic" + base64("alice:secret:s"), USERS).sessionId()).isEqualTo("s");
    }

    @Test
    void theTokenIsPaddedBase64OfAllThreeParts() {
        CallCredentials c = CallCredentials.authenticate(basic("alice:secret"), USERS).withSession("s1");
        assertThat(c.token()).isEqualTo(base64("alice:secret:s1"));
        assertThat(c.toString()).doesNotContain("secret").doesNotContain(c.token());
    }

    @Test
    void failuresCarryTheOfficialMessages() {
        assertThat(message(null)).isEqualTo(CallCredentials.MISSING);
        assertThat(message("Digest x")).isEqualTo(CallCredentials.NOT_BEARER);
        assertThat(message(basic("alice:wrong"))).isEqualTo(CallCredentials.NOT_BEARER);
        assertThat(message(bearer("alice:wrong"))).isEqualTo(CallCredentials.INVALID_TOKEN);
        assertThat(message("Bearer %%%")).isEqualTo(CallCredentials.BAD_ENCODING);
        assertThat(message(bearer("nocolon"))).isEqualTo(CallCredentials.BAD_FORMAT);
        assertThat(message("Bearer")).isEqualTo(CallCredentials.BAD_FORMAT);
    }

    private static String message(String header) {
        FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
                () -> CallCredentials.authenticate(header, USERS));
        assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
        return e.status().description();
    }

    private static String basic(String payload) {
        return "Basic " + base64(payload);
    }

    private static String bearer(String payload) {
        return "Bearer " + base64(payload);
    }

    private static String base64(String payload) {
        return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }
}
