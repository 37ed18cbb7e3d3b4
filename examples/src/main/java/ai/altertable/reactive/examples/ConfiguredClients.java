package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.SessionOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;

import java.net.URI;
import java.time.Duration;

/**
 * The README's configuration examples: a REST and a Flight client configured the same way, from immutable options
 * ({@code builder()}, {@code mutate()}, {@code DEFAULT_*}, {@code Duration}s), and a REST variant that shares its
 * client's connection pool.
 */
public final class ConfiguredClients {

    private ConfiguredClients() {
    }

    /** A REST client with a few settings changed; the caller closes it. */
    public static LakehouseClient rest(URI baseUrl, Credentials credentials) {
        // --8<-- [start:rest-options]
        LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(baseUrl)                          // else ALTERTABLE_BASE_URL, else the production API
                .credentials(credentials)                  // else ALTERTABLE_LAKEHOUSE_USERNAME/_PASSWORD, ...
                .responseTimeout(Duration.ofSeconds(30))
                .maxConnections(64)
                .userAgent("events-service")
                .build());
        // --8<-- [end:rest-options]
        return client;
    }

    /** A variant of {@code client} with a longer idle timeout, on the same pool: {@code client} must outlive it. */
    public static LakehouseClient patient(LakehouseClient client) {
        // --8<-- [start:rest-variant]
        LakehouseClient patient = client.withOptions(client.options().mutate()
                .idleTimeout(Duration.ofMinutes(5))        // same connection pool; closing `client` closes it
                .build());
        // --8<-- [end:rest-variant]
        return patient;
    }

    /** A Flight client with a few settings changed; the caller closes it. */
    public static LakehouseFlightClient flight(URI endpoint, Credentials credentials) {
        // --8<-- [start:flight-options]
        LakehouseFlightClient flight = LakehouseFlightClient.create(FlightClientOptions.builder()
                .endpoint(endpoint)                        // else ALTERTABLE_FLIGHT_URL, else the production endpoint
                .credentials(credentials)                  // else ALTERTABLE_LAKEHOUSE_USERNAME/_PASSWORD, ...
                .callTimeout(Duration.ofSeconds(30))
                .sessionOptions(SessionOptions.builder().catalog("memory").schema("main").build())
                .build());
        // --8<-- [end:flight-options]
        return flight;
    }
}
