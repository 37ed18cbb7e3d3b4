package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.db.UserDatabases;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The call-start checks, in the official mock's order: correlation header, then credentials, then session. */
class SessionMiddlewareTest {

    private final UserDatabases databases = new UserDatabases();
    private final FlightSessions sessions = new FlightSessions(databases, Runnable::run);
    private final SessionMiddleware.Factory factory = new SessionMiddleware.Factory(Map.of("alice", "pw"), sessions);

    @AfterEach
    void close() {
        sessions.close();
        databases.close();
    }

    @Test
    void anUnreadableCorrelationIdIsRejectedBeforeAuthentication() {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert(SessionMiddleware.CORRELATION_ID, "bad\u0001id");
        FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class,
                () -> factory.onCallStarted(new CallInfo(FlightMethod.DO_GET), headers, null));
        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(e.status().description()).isEqualTo("Invalid correlation header encoding");
    }

    @Test
    void aNamedSessionIsTheSameAcrossCallsAndTheHandshakeAnswersItsToken() {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert(SessionMiddleware.CORRELATION_ID, "req-1 ok");
        headers.insert(SessionMiddleware.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                "alice:pw:s1".getBytes(StandardCharsets.UTF_8)));
        headers.insert(SessionMiddleware.AUTHORIZATION, "Basic ignored-second-value");
        SessionMiddleware first = factory.onCallStarted(new CallInfo(FlightMethod.HANDSHAKE), headers, null);
        SessionMiddleware second = factory.onCallStarted(new CallInfo(FlightMethod.DO_GET), headers, null);
        assertThat(second.session()).isSameAs(first.session());
        assertThat(first.handshakeToken()).isEqualTo(Base64.getEncoder().encodeToString(
                "alice:pw:s1".getBytes(StandardCharsets.UTF_8)));
        assertThat(second.handshakeToken()).isNull();
        FlightCallHeaders outgoing = new FlightCallHeaders();
        first.onBeforeSendingHeaders(outgoing);
        assertThat(outgoing.get(SessionMiddleware.AUTHORIZATION)).isEqualTo("Bearer " + first.handshakeToken());
    }
}
