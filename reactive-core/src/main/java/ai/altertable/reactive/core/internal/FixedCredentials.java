package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import reactor.core.publisher.Mono;

/**
 * The provider of {@link CredentialsProvider#of}: always the same credentials. A transport that recognises it may set
 * the authorization once instead of resolving it per request (the value would be the same each time).
 */
public final class FixedCredentials implements CredentialsProvider {

    private final Credentials credentials;
    private final Mono<Credentials> mono;

    public FixedCredentials(Credentials credentials) {
        this.credentials = credentials;
        this.mono = Mono.just(credentials);
    }

    /** The credentials, which never change. */
    public Credentials value() {
        return credentials;
    }

    @Override
    public Mono<Credentials> credentials() {
        return mono;
    }

    @Override
    public String toString() {
        return "CredentialsProvider[" + credentials + "]";
    }
}
