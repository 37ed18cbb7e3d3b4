package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.core.internal.RandomIds;
import io.grpc.Context;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

import java.util.Iterator;
import java.util.Map;

/**
 * Authentication and session lookup for every Flight call (protocol §2, §4, §17), in the official mock's order: a call
 * that fails authentication never reaches the session layer. Neither Arrow's {@code BasicCallHeaderAuthenticator}
 * (splits at the first colon, rejects Bearer) nor its generated bearer tokens (random, expiring) fit the protocol, so
 * this middleware reads the header itself.
 *
 * <p>On {@code Handshake} it answers the response header {@code authorization: Bearer <token>}, the token naming the
 * client's session id, or a fresh one when the client sent none; {@link HandshakeResponder} sends the same token as the
 * handshake payload.
 */
final class SessionMiddleware implements FlightServerMiddleware {

    static final FlightServerMiddleware.Key<SessionMiddleware> KEY = FlightServerMiddleware.Key.of("altertable-session");
    static final String AUTHORIZATION = "authorization";
    /** Read only to label log lines in the official mock; here only checked (protocol §3). */
    static final String CORRELATION_ID = "x-correlation-id";

    private final MockFlightSession session;
    private final String handshakeToken;

    private SessionMiddleware(MockFlightSession session, String handshakeToken) {
        this.session = session;
        this.handshakeToken = handshakeToken;
    }

    /** The session of this call. */
    MockFlightSession session() {
        return session;
    }

    /** The token a Handshake answers, or null on any other call. */
    String handshakeToken() {
        return handshakeToken;
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        if (handshakeToken != null) {
            outgoingHeaders.insert(AUTHORIZATION, "Bearer " + handshakeToken);
        }
    }

    @Override
    public void onCallCompleted(CallStatus status) {
        // an ephemeral session is closed with the call's gRPC context, which ends in every case (see the factory)
    }

    @Override
    public void onCallErrored(Throwable err) {
        // the status reaches the client; nothing to release here
    }

    /** Creates the middleware of each call; throws {@code UNAUTHENTICATED} to reject it. */
    static final class Factory implements FlightServerMiddleware.Factory<SessionMiddleware> {

        private final Map<String, String> users;
        private final FlightSessions sessions;

        Factory(Map<String, String> users, FlightSessions sessions) {
            this.users = users;
            this.sessions = sessions;
        }

        @Override
        public SessionMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            String correlation = first(incomingHeaders, CORRELATION_ID);
            if (correlation != null && !visibleAscii(correlation)) {
                // checked before authentication, as the official mock does
                throw FlightStatus.invalidArgument("Invalid correlation header encoding");
            }
            CallCredentials credentials = CallCredentials.authenticate(first(incomingHeaders, AUTHORIZATION), users);
            boolean handshake = info.method() == FlightMethod.HANDSHAKE;
            if (credentials.sessionId() == null && handshake) {
                credentials = credentials.withSession(RandomIds.uuid().toString());
            }
            if (credentials.sessionId() == null) {
                MockFlightSession ephemeral = sessions.ephemeral(credentials);
                // the call's context is cancelled when the call ends, completed or cancelled
                Context.current().addListener(ended -> ephemeral.closeWhenIdle(), Runnable::run);
                return new SessionMiddleware(ephemeral, null);
            }
            return new SessionMiddleware(sessions.named(credentials), handshake ? credentials.token() : null);
        }

        /** The first value of a header, as the official mock reads it (gRPC's {@code get} gives the last). */
        private static String first(CallHeaders headers, String name) {
            Iterator<String> values = headers.getAll(name).iterator();
            return values.hasNext() ? values.next() : null;
        }

        /** What an HTTP header value may hold to be read as text: visible ASCII, spaces and tabs. */
        private static boolean visibleAscii(String value) {
            return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e));
        }
    }
}
