package ai.altertable.reactive.flight.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound, when an application installs it, that the Flight client's own threads (non-blocking threads, see
 * {@link FlightThreads}) block on purpose inside {@link FlightThreads#blockingCall}, where Arrow Flight waits for the
 * server. Every other blocking call on those threads, a subscriber's included, is still reported. BlockHound finds this
 * class through {@code META-INF/services}; without BlockHound on the class path it is never loaded.
 */
public final class FlightBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(FlightThreads.class.getName(), "blockingCall");
    }
}
