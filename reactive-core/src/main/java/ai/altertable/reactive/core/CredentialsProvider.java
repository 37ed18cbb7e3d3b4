package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.FixedCredentials;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Supplies the credentials for each request, so that secrets can rotate without rebuilding a client.
 *
 * <p>{@link #credentials()} is subscribed once per request (and per Flight handshake). It runs on whichever thread
 * subscribes, often a Netty event loop, so it must not block: return a cached value, or a {@code Mono} that completes
 * later from another thread (for example a vault lookup).
 *
 * <p>The {@link Object#toString() toString()} of the built-in providers never shows a secret.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** The credentials to use now. Must not block. */
    Mono<Credentials> credentials();

    /** Always the same credentials. */
    static CredentialsProvider of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new FixedCredentials(credentials);
    }

    /** Credentials from {@link Credentials#fromEnvironment()}, resolved now: a missing setting fails here, not later. */
    static CredentialsProvider fromEnvironment() {
        return of(Credentials.fromEnvironment());
    }

    /** Like {@link #fromEnvironment()}, over the given variables. */
    static CredentialsProvider fromEnvironment(Map<String, String> env) {
        return of(Credentials.fromEnvironment(env));
    }

    /**
     * Calls {@code supplier} for every request, so that it can hand out rotated secrets. The supplier must be fast and
     * must not block; a {@code null} result fails the request with a {@link ConfigurationException}.
     */
    static CredentialsProvider rotating(Supplier<Credentials> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new CredentialsProvider() {
            @Override
            public Mono<Credentials> credentials() {
                return Mono.fromSupplier(supplier)
                        .switchIfEmpty(Mono.error(() -> new ConfigurationException("credentials supplier returned null")));
            }

            @Override
            public String toString() {
                return "CredentialsProvider[rotating]";
            }
        };
    }

    /**
     * Explicit credentials beat the environment: returns {@code explicit} when it is not {@code null}, otherwise the
     * environment's credentials.
     *
     * @throws ConfigurationException if {@code explicit} is null and the environment resolves none
     */
    static CredentialsProvider resolve(CredentialsProvider explicit, Map<String, String> env) {
        return explicit != null ? explicit : fromEnvironment(env);
    }
}
