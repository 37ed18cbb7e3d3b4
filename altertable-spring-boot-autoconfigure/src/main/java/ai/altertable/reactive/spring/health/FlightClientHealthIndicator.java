package ai.altertable.reactive.spring.health;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The health of a {@link LakehouseFlightClient}: UP when the query {@code SELECT 1} (which needs the handshake) streams
 * to its end within the timeout; DOWN with the error otherwise. Details: {@code endpoint}, and {@code error} when DOWN.
 */
public final class FlightClientHealthIndicator extends ClientHealthCheck {

    /** The query run. */
    public static final String STATEMENT = "SELECT 1";

    private final LakehouseFlightClient client;

    /**
     * @param timeout the longest a check may take, positive
     */
    public FlightClientHealthIndicator(LakehouseFlightClient client, Duration timeout) {
        super(timeout);
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    Mono<?> probe() {
        return client.query(STATEMENT).then();
    }

    @Override
    Map<String, Object> details() {
        return Map.of("endpoint", client.options().endpoint().toString());
    }
}
