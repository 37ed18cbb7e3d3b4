package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.SessionOptions;
import ai.altertable.reactive.spring.AltertableProperties;
import ai.altertable.reactive.spring.AltertableProperties.Flight;
import ai.altertable.reactive.spring.AltertableProperties.Session;

import java.util.Map;
import java.util.Set;

import static ai.altertable.reactive.spring.internal.CommonSettings.check;
import static ai.altertable.reactive.spring.internal.CommonSettings.set;

/** {@code altertable.*} onto a {@link FlightClientOptions.Builder}. */
public final class FlightOptionsMapping {

    private FlightOptionsMapping() {
    }

    /**
     * A builder holding every property that is set, the credentials resolved (properties, else {@code variables}),
     * and {@code variables} as the builder's environment (for the proxy). Build it with {@link #build}.
     */
    public static FlightClientOptions.Builder builder(AltertableProperties properties, Map<String, String> variables) {
        FlightClientOptions.Builder b = FlightClientOptions.builder().environment(variables);
        Flight flight = properties.flight();
        String endpoint = flight.endpoint() != null && !flight.endpoint().isBlank() ? flight.endpoint()
                : variables.get(FlightClientOptions.ENV_ENDPOINT);
        if (endpoint != null) {
            b.endpoint(Urls.check(endpoint, "altertable.flight.endpoint", Set.of("grpc", "grpc+tcp", "grpc+tls"),
                    true));
        }
        b.credentials(CommonSettings.credentials(properties.credentials(), variables));
        b.retryPolicy(CommonSettings.retryPolicy(properties.retry()));
        set(flight.callTimeout(), b::callTimeout);
        set(flight.idleTimeout(), b::idleTimeout);
        set(flight.prefetch(), b::prefetch);
        set(flight.threads(), b::threads);
        set(flight.maxInboundMessageSize(), size -> b.maxInboundMessageBytes(
                Sizes.toInt(size, "altertable.flight.max-inbound-message-size")));
        set(flight.maxMemory(), size -> b.maxMemory(size.toBytes()));
        b.sessionOptions(sessionOptions(flight.session()));
        return b;
    }

    /** {@code builder.build()}, a failure naming the {@code altertable.flight} properties. */
    public static FlightClientOptions build(FlightClientOptions.Builder builder) {
        return check("altertable.flight", builder::build);
    }

    private static SessionOptions sessionOptions(Session session) {
        if (session.catalog() == null && session.schema() == null && session.computeSize() == null) {
            return SessionOptions.none();
        }
        return check("altertable.flight.session", () -> {
            SessionOptions.Builder b = SessionOptions.builder();
            set(session.catalog(), b::catalog);
            set(session.schema(), b::schema);
            set(session.computeSize(), b::computeSize);
            return b.build();
        });
    }
}
