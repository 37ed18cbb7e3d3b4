package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.Operation;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code SetSessionOptions} action: sent raw (not {@code Any}-wrapped), as the server expects. The server answers
 * a rejected option inside the result rather than as a gRPC error, so the result's error map is turned into a
 * {@link BadRequestException} here.
 */
public final class SessionCommands {

    static final String RPC = "DoAction";

    private SessionCommands() {
    }

    /** Applies {@code options} while the session is being started (no handshake wait: this is part of it). */
    static Mono<Void> applyOptions(FlightTransport transport, SessionState session, Map<String, String> options) {
        if (options.isEmpty()) {
            return Mono.empty();
        }
        return transport.blocking(session, Operation.FLIGHT_SESSION, RPC,
                        scope -> transport.client().setSessionOptions(request(options), transport.unaryCallOptions()),
                        v -> { })
                .flatMap(SessionCommands::check);
    }

    /** Sets options on a started session, and remembers them for the next start. */
    public static Mono<Void> setOptions(FlightTransport transport, SessionState session, Map<String, String> options) {
        if (options.isEmpty()) {
            return Mono.empty();
        }
        return transport.unary(session, Operation.FLIGHT_SESSION, RPC,
                        scope -> transport.client().setSessionOptions(request(options), transport.unaryCallOptions()))
                .flatMap(SessionCommands::check)
                .doOnSuccess(v -> session.rememberOptions(options));
    }

    private static SetSessionOptionsRequest request(Map<String, String> options) {
        Map<String, SessionOptionValue> values = new LinkedHashMap<>();
        options.forEach((k, v) -> values.put(k, SessionOptionValueFactory.makeSessionOptionValue(v)));
        return new SetSessionOptionsRequest(values);
    }

    private static Mono<Void> check(SetSessionOptionsResult result) {
        if (!result.hasErrors()) {
            return Mono.empty();
        }
        StringJoiner rejected = new StringJoiner(", ");
        result.getErrors().forEach((name, error) -> rejected.add(name + ": " + error.value));
        return Mono.error(new BadRequestException("the server rejected session options (" + rejected + ")",
                FlightErrors.context(Operation.FLIGHT_SESSION, RPC)));
    }
}
