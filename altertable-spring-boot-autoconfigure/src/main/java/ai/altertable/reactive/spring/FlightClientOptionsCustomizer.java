package ai.altertable.reactive.spring;

import ai.altertable.reactive.flight.FlightClientOptions;

/**
 * Changes the auto-configured Flight client's options after the {@code altertable.*} properties were applied and
 * before they are built: for what has no property (TLS trust roots, a proxy, a parent allocator, a scheduler, a
 * rotating {@code CredentialsProvider}). Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface FlightClientOptionsCustomizer {

    /** Changes {@code builder}; must not build it. */
    void customize(FlightClientOptions.Builder builder);
}
