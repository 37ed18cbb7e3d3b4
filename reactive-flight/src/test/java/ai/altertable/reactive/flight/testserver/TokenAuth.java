package ai.altertable.reactive.flight.testserver;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightMethod;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Header authentication for the test server: a {@code Handshake} with valid Basic credentials gets
 * {@code authorization: Bearer tok-N}; every other call must carry a bearer token issued earlier and not revoked.
 * Records the {@code authorization} value of every call. Tokens are opaque here (unlike Altertable's), so a client can
 * only get one through a handshake or a replacement header.
 */
public final class TokenAuth implements FlightServerMiddleware.Factory<TokenAuth.Call> {

    public static final FlightServerMiddleware.Key<Call> KEY = FlightServerMiddleware.Key.of("test-token-auth");

    /** One call as the server saw it. */
    public record Seen(FlightMethod method, String authorization) {
    }

    private final Map<String, String> users;
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicBoolean rotateNext = new AtomicBoolean();
    private volatile boolean rejectAll;
    private final List<Seen> calls = new CopyOnWriteArrayList<>();

    TokenAuth(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public Call onCallStarted(CallInfo info, CallHeaders headers, RequestContext context) {
        String authorization = headers.get("authorization");
        calls.add(new Seen(info.method(), authorization));
        if (info.method() == FlightMethod.HANDSHAKE) {
            if (!validBasic(authorization)) {
                throw CallStatus.UNAUTHENTICATED.withDescription("bad credentials").toRuntimeException();
            }
            handshakes.incrementAndGet();
            return new Call(authorization, "Bearer " + issue());
        }
        if (rejectAll || authorization == null || !authorization.startsWith("Bearer ")
                || !valid.contains(authorization.substring("Bearer ".length()))) {
            throw CallStatus.UNAUTHENTICATED.withDescription("Invalid token").toRuntimeException();
        }
        String replacement = rotateNext.compareAndSet(true, false) ? "Bearer " + issue() : null;
        return new Call(authorization, replacement);
    }

    private String issue() {
        String token = "tok-" + issued.incrementAndGet();
        valid.add(token);
        return token;
    }

    private boolean validBasic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(colon + 1).equals(users.get(decoded.substring(0, colon)));
    }

    /** Handshakes that succeeded. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Every call received, in order, with its authorization header. */
    public List<Seen> calls() {
        return List.copyOf(calls);
    }

    /** Every issued token becomes invalid: the next calls fail with UNAUTHENTICATED until a new handshake. */
    public void revokeAll() {
        valid.clear();
    }

    /** Every call other than a handshake is rejected as UNAUTHENTICATED from now on. */
    public void rejectEveryToken() {
        rejectAll = true;
    }

    /** The next (non-handshake) call's response carries a new token in its headers; the old one stays valid. */
    public void rotateOnNextCall() {
        rotateNext.set(true);
    }

    /** The latest token issued, as an authorization value. */
    public String latestToken() {
        return "Bearer tok-" + issued.get();
    }

    /** The middleware of one call. */
    public static final class Call implements FlightServerMiddleware {
        private final String authorization;
        private final String send;

        Call(String authorization, String send) {
            this.authorization = authorization;
            this.send = send;
        }

        /** The authorization header the call carried. */
        public String authorization() {
            return authorization;
        }

        @Override
        public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
            if (send != null) {
                outgoingHeaders.insert("authorization", send);
            }
        }

        @Override
        public void onCallCompleted(CallStatus status) {
        }

        @Override
        public void onCallErrored(Throwable err) {
        }
    }
}
