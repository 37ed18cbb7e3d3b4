package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.scheduler.Schedulers;

import java.util.Objects;

/**
 * Closes the auto-configured Flight client when the context destroys its beans. {@link LakehouseFlightClient#close()}
 * blocks for up to a few seconds (streams free their buffers): on the thread that closes the context (the main or
 * shutdown-hook thread) it is called directly, so that the client is closed when the context is; on a Reactor or Netty
 * thread, which must not block, {@link LakehouseFlightClient#closeAsync()} closes it on another thread.
 */
public final class FlightClientCloser implements DisposableBean {

    private final LakehouseFlightClient client;

    public FlightClientCloser(LakehouseFlightClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void destroy() {
        if (Schedulers.isInNonBlockingThread()) {
            client.closeAsync().subscribe();
        } else {
            client.close();
        }
    }
}
