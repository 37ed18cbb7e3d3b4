package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.auth.ServerAuthHandler;
import org.apache.arrow.flight.grpc.ServerInterceptorAdapter;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The Handshake body (protocol §2.2): one {@code HandshakeResponse} whose payload is the bearer token, whatever the
 * client sent. Authentication itself happened in {@link SessionMiddleware}, whose instance for this call is found in
 * the gRPC context that Flight propagates to the handshake task. Every other call is valid here: the middleware has
 * already rejected the bad ones. This is Arrow's deprecated "auth1" hook, the only one that can write the handshake
 * response stream.
 */
@SuppressWarnings("deprecation")
final class HandshakeResponder implements ServerAuthHandler {

    @Override
    public Optional<String> isValid(byte[] token) {
        return Optional.of("");
    }

    @Override
    public boolean authenticate(ServerAuthSender outgoing, Iterator<byte[]> incoming) {
        Map<FlightServerMiddleware.Key<?>, FlightServerMiddleware> middleware =
                ServerInterceptorAdapter.SERVER_MIDDLEWARE_KEY.get();
        FlightServerMiddleware session = middleware == null ? null : middleware.get(SessionMiddleware.KEY);
        if (session instanceof SessionMiddleware && ((SessionMiddleware) session).handshakeToken() != null) {
            outgoing.send(((SessionMiddleware) session).handshakeToken().getBytes(StandardCharsets.US_ASCII));
        }
        return true;
    }
}
