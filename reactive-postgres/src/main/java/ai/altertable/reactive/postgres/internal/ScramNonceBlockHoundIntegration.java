package ai.altertable.reactive.postgres.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets r2dbc-postgresql's SCRAM-SHA-256 login draw its client nonce on the event loop.
 *
 * <p>The driver builds its {@code ScramClient} on the Netty thread that received the server's SASL request; the
 * client nonce comes from a {@code SecureRandom}, whose Linux default ({@code NativePRNG}) refills its small buffer by
 * reading {@code /dev/urandom} with a {@code FileInputStream}. BlockHound reports that read; {@code /dev/urandom} never
 * waits for entropy, so it costs a system call, not a wait. Exactly that call is allowed; everything else on the
 * driver's threads stays checked. (There is no hook in r2dbc-postgresql 1.1.3 to pass another random source.)
 *
 * <p>Shipped with the module and found through {@code META-INF/services} when BlockHound is on the class path, so an
 * application's own BlockHound tests log in over SCRAM as ours do; BlockHound is an optional dependency.
 */
public final class ScramNonceBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce");
    }
}
