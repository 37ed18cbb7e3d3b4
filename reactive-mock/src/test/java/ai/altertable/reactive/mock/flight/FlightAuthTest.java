package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol §2 and §4: Basic or Bearer on every call, the token, sessions keyed by the id inside the token. */
class FlightAuthTest extends FlightTestBase {

    @Test
    void handshakeAnswersABearerTokenNamingAFreshSession() {
        FlightTestClient client = client();
        String header = client.auth.current();
        assertThat(header).startsWith("Bearer ");
        String decoded = new String(Base64.getDecoder().decode(header.substring(7)), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith(USER + ":" + PASSWORD + ":");
        String sessionId = decoded.substring((USER + ":" + PASSWORD + ":").length());
        assertThat(sessionId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        // padded standard base64
        assertThat(header.substring(7)).isEqualTo(Base64.getEncoder().encodeToString(decoded.getBytes(
                StandardCharsets.UTF_8)));
    }

    @Test
    void theTokenKeepsTheSessionAcrossCalls() {
        FlightTestClient client = client();
        client.update("CREATE TEMP TABLE mine AS SELECT 42 AS answer");
        assertThat(client.query("SELECT answer FROM mine")).containsExactly(List.of(42));
        // another handshake is another session: temp tables are private to a session
        FlightTestClient other = client();
        assertThat(other.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mine'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void aThreePartBasicCredentialNamesASessionWithoutHandshake() {
        FlightTestClient first = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":my-session"));
        first.update("CREATE TEMP TABLE t3 AS SELECT 1 AS x");
        FlightTestClient second = clientWithHeader(FlightTestClient.bearer(USER + ":" + PASSWORD + ":my-session"));
        assertThat(second.query("SELECT x FROM t3")).containsExactly(List.of(1));
    }

    @Test
    void twoPartBasicCredentialsGetANewSessionOnEveryCall() {
        FlightTestClient client = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD));
        client.update("CREATE TEMP TABLE gone AS SELECT 1 AS x");
        failure(FlightStatusCode.INTERNAL, () -> client.sql.execute("SELECT x FROM gone"));
    }

    @Test
    void handshakeWithASessionIdKeepsIt() {
        FlightTestClient client = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":chosen"));
        client.flight.handshake();
        assertThat(client.auth.current()).isEqualTo(FlightTestClient.bearer(USER + ":" + PASSWORD + ":chosen"));
    }

    @Test
    @SuppressWarnings("deprecation") // Arrow's auth1 handler is the only way to read the handshake payload
    void handshakeResponseCarriesTheTokenAsPayload() {
        FlightTestClient client = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":payload-session"));
        AtomicReference<byte[]> payload = new AtomicReference<>();
        client.flight.authenticate(new org.apache.arrow.flight.auth.ClientAuthHandler() {
            @Override
            public void authenticate(ClientAuthSender outgoing, java.util.Iterator<byte[]> incoming) {
                payload.set(incoming.next());
            }

            @Override
            public byte[] getCallToken() {
                return new byte[0];
            }
        });
        assertThat("Bearer " + new String(payload.get(), StandardCharsets.US_ASCII))
                .isEqualTo(FlightTestClient.bearer(USER + ":" + PASSWORD + ":payload-session"));
    }

    @Test
    void arrowJavasBasicTokenFlowWorks() throws Exception {
        AtomicReference<String> header = new AtomicReference<>();
        try (FlightClient client = FlightClient.builder(allocator,
                Location.forGrpcInsecure("127.0.0.1", mock.flightPort())).intercept(info -> new Capture(header))
                .build()) {
            Optional<CredentialCallOption> option = client.authenticateBasicToken(USER, PASSWORD);
            // Arrow Java's own basic-token flow reads the Bearer header
            assertThat(option).isPresent();
            assertThat(header.get()).startsWith("Bearer ");
            String token = header.get().substring(7);
            assertThat(client.listActions(option.get())).hasSize(8);
            // and the Bearer credential writer Arrow offers sends it back unchanged
            assertThat(client.listActions(new CredentialCallOption(new BearerCredentialWriter(token)))).hasSize(8);
        }
    }

    @Test
    void everyAuthenticationFailureIsUnauthenticatedWithTheOfficialMessage() {
        expectUnauthenticated(null, "Missing authorization header");
        expectUnauthenticated("Token abc", "Authorization header must use Bearer scheme");
        expectUnauthenticated(FlightTestClient.basic(USER + ":wrong"), "Authorization header must use Bearer scheme");
        expectUnauthenticated(FlightTestClient.basic("nobody:" + PASSWORD), "Authorization header must use Bearer scheme");
        expectUnauthenticated("Basic !!!", "Authorization header must use Bearer scheme");
        expectUnauthenticated(FlightTestClient.basic("no-colon"), "Authorization header must use Bearer scheme");
        expectUnauthenticated(FlightTestClient.bearer(USER + ":wrong:s1"), "Invalid token");
        expectUnauthenticated(FlightTestClient.bearer("nobody:" + PASSWORD), "Invalid token");
        expectUnauthenticated("Bearer !!!", "Invalid authorization header encoding");
        expectUnauthenticated("Bearer " + Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff}),
                "Invalid authorization header encoding");
        expectUnauthenticated("Bearer " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xc3, 0x28, ':'}),
                "Invalid authorization header encoding");
        expectUnauthenticated(FlightTestClient.bearer("no-colon"), "Invalid authorization header format");
        // the scheme word is case-sensitive
        expectUnauthenticated("bearer " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(
                StandardCharsets.UTF_8)), "Authorization header must use Bearer scheme");
    }

    @Test
    void aPasswordWithAColonCannotAuthenticate() {
        // the payload splits into user, password and session id: "pa" is compared, not "pa:ss"
        expectUnauthenticated(FlightTestClient.bearer("carol:pa:ss"), "Invalid token");
    }

    @Test
    void unpaddedBase64IsAccepted() {
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString((USER + ":" + PASSWORD + ":p")
                .getBytes(StandardCharsets.UTF_8));
        FlightTestClient client = clientWithHeader("Bearer   " + unpadded);
        assertThat(client.query("SELECT 1")).containsExactly(List.of(1));
    }

    @Test
    void aFailedHandshakeIsUnauthenticatedToo() {
        FlightTestClient client = clientWithHeader(FlightTestClient.basic(USER + ":wrong"));
        FlightTestBase.failure(FlightStatusCode.UNAUTHENTICATED, client.flight::handshake);
    }

    private void expectUnauthenticated(String authorization, String message) {
        FlightTestClient client = clientWithHeader(authorization);
        assertThat(failure(FlightStatusCode.UNAUTHENTICATED, () -> client.sql.execute("SELECT 1")).getMessage())
                .as(String.valueOf(authorization)).isEqualTo(message);
        assertThat(failure(FlightStatusCode.UNAUTHENTICATED, () -> client.flight.listActions().forEach(a -> { }))
                .getMessage()).isEqualTo(message);
    }

    /** Records the {@code authorization} response header. */
    private static final class Capture implements FlightClientMiddleware {
        private final AtomicReference<String> header;

        Capture(AtomicReference<String> header) {
            this.header = header;
        }

        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        }

        @Override
        public void onHeadersReceived(CallHeaders incomingHeaders) {
            if (incomingHeaders.get("authorization") != null) {
                header.set(incomingHeaders.get("authorization"));
            }
        }

        @Override
        public void onCallCompleted(CallStatus status) {
        }
    }
}
