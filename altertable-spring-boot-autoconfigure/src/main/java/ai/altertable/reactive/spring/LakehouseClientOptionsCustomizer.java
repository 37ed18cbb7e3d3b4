package ai.altertable.reactive.spring;

import ai.altertable.reactive.rest.LakehouseClientOptions;

/**
 * Changes the auto-configured REST client's options after the {@code altertable.*} properties were applied and before
 * they are built: for what has no property (TLS trust roots, a proxy, a Reactor Netty customizer, a rotating
 * {@code CredentialsProvider}). Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface LakehouseClientOptionsCustomizer {

    /** Changes {@code builder}; must not build it. */
    void customize(LakehouseClientOptions.Builder builder);
}
