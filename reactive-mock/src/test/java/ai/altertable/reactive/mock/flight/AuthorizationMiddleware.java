package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A test client's credentials: sends the current {@code authorization} value on every call and, like the Python
 * client, takes a new one from any response that carries it (the Handshake's Bearer token).
 */
final class AuthorizationMiddleware implements FlightClientMiddleware.Factory {

    private final AtomicReference<String> authorization;

    AuthorizationMiddleware(String initial) {
        this.authorization = new AtomicReference<>(initial);
    }

    String current() {
        return authorization.get();
    }

    void set(String value) {
        authorization.set(value);
    }

    @Override
    public FlightClientMiddleware onCallStarted(CallInfo info) {
        return new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
                String value = authorization.get();
                if (value != null) {
                    outgoingHeaders.insert("authorization", value);
                }
            }

            @Override
            public void onHeadersReceived(CallHeaders incomingHeaders) {
                String value = incomingHeaders.get("authorization");
                if (value != null) {
                    authorization.set(value);
                }
            }

            @Override
            public void onCallCompleted(CallStatus status) {
                // nothing to track
            }
        };
    }
}
