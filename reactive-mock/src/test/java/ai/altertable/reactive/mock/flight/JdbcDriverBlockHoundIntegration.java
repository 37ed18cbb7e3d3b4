package ai.altertable.reactive.mock.flight;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * Lets Arrow's Flight SQL JDBC driver (a test-only dependency) wait on its own worker pool.
 *
 * <p>The shaded driver runs its work on a {@code ThreadPoolExecutor} whose threads come from its bundled (relocated)
 * Netty {@code DefaultThreadFactory} ({@code ArrowFlightConnection-<n>-<m>}). They are Netty
 * {@code FastThreadLocalThread}s, so the bundled Netty's own BlockHound integration declares them non-blocking, yet the
 * driver uses them as an ordinary blocking pool: idle workers park in the pool's queue, and its tasks wait in its
 * (shaded) {@code FlightStream} for the next message. Without this, BlockHound kills each idle worker (the pool
 * replaces it, endlessly) and fails every query. The thread cannot be exempted as a whole: the bundled integration's
 * predicate can be applied after ours (it compares equal to every integration, so the order is arbitrary). So exactly
 * these two waits are allowed; everything else the driver's threads do stays checked. A thread is inside
 * {@code ThreadPoolExecutor.getTask} only while it waits for work, in any pool, never while it runs a task.
 */
public final class JdbcDriverBlockHoundIntegration implements BlockHoundIntegration {

    private static final String SHADED_FLIGHT_STREAM = "org.apache.arrow.driver.jdbc.shaded.org.apache.arrow.flight"
            + ".FlightStream";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(ThreadPoolExecutor.class.getName(), "getTask");
        builder.allowBlockingCallsInside(SHADED_FLIGHT_STREAM, "next");
        builder.allowBlockingCallsInside(SHADED_FLIGHT_STREAM, "getRoot");
    }
}
