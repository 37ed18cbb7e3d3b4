package ai.altertable.reactive.spring;

import ai.altertable.reactive.rest.TableAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Closes the application's {@link TableAppender}s gracefully when the context stops: each stops accepting rows,
 * writes what is queued, and is done when its last batch is acknowledged. All close at once, asynchronously: no thread
 * waits (Spring's lifecycle processor waits for the callback, up to {@code spring.lifecycle.timeout-per-shutdown-phase}).
 *
 * <p><b>Order.</b> {@link #PHASE} is below the phase of Boot's graceful web-server shutdown
 * ({@code Integer.MAX_VALUE - 1024}) and above the web server's stop ({@code Integer.MAX_VALUE - 2048}); phases stop
 * from the highest down. So the requests in progress finish first (their appends are still accepted, and complete as
 * batches are acknowledged), then the appenders flush, then the web server stops, and only after every lifecycle
 * stopped does the context destroy its beans, closing the clients last. Rows still queued when the phase times out
 * fail when the appenders are destroyed ({@code close()}), which callers see as an {@code AppenderClosedException}.
 */
public final class AppendersShutdown implements SmartLifecycle {

    /** Between Boot's graceful web-server shutdown and the web server's stop. */
    public static final int PHASE = Integer.MAX_VALUE - 1536;

    private static final Log LOG = LogFactory.getLog(AppendersShutdown.class);

    private final Supplier<? extends Collection<? extends TableAppender<?>>> appenders;
    private volatile boolean running;

    /** @param appenders the appenders to close, asked for when the context stops */
    public AppendersShutdown(Supplier<? extends Collection<? extends TableAppender<?>>> appenders) {
        this.appenders = Objects.requireNonNull(appenders, "appenders");
    }

    @Override
    public void start() {
        running = true;
    }

    /** Starts closing and returns at once; {@link #stop(Runnable)} is what the context calls. */
    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        closeAll().subscribe(null, e -> callback.run(), callback);
    }

    /** Closes every appender gracefully; completes when all are closed, whether or not each succeeded. */
    Mono<Void> closeAll() {
        return Flux.fromIterable(appenders.get())
                .flatMap(appender -> appender.closeGracefully().onErrorResume(e -> {
                    LOG.warn("a table appender failed while writing its last rows: " + e.getMessage());
                    return Mono.empty();
                }))
                .then();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
