package ai.altertable.reactive.flight.internal;

import io.grpc.Context;
import io.grpc.Status;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One Flight RPC as the client machinery sees it: the session whose token it carries, a cancellable gRPC
 * {@link Context} that cancels the call, the status gRPC closed it with, and an optional hook run when an outbound
 * stream becomes ready for more messages.
 *
 * <p>The call must be <em>created</em> inside {@link #call(Callable)}: gRPC binds a call to the context current when
 * it is created, and {@link SessionInterceptor} finds this scope there. Cancelling the scope ({@link #cancel()})
 * cancels the call from any thread without blocking.
 */
public final class CallScope {

    static final Context.Key<CallScope> KEY = Context.key("altertable-flight-call");

    private final SessionState session;
    private final String rpc;
    private final Context.CancellableContext context;
    private volatile Runnable onReady;
    private volatile Status status;
    private volatile Map<String, String> headers = Map.of();

    public CallScope(SessionState session, String rpc) {
        this.session = session;
        this.rpc = rpc;
        this.context = Context.ROOT.withValue(KEY, this).withCancellation();
    }

    /** Runs {@code body} with this scope's context current, so that calls it creates belong to this scope. */
    public <T> T call(Callable<T> body) throws Exception {
        return context.call(body);
    }

    /** Cancels every call created in this scope that has not ended. Non-blocking, idempotent. */
    public void cancel() {
        context.cancel(null);
    }

    /** Sets the hook run (on a gRPC thread) whenever an outbound stream of this scope becomes ready. */
    public void onReady(Runnable hook) {
        this.onReady = hook;
    }

    /** Metadata the calls of this scope carry besides authorization: the operation's trace headers. */
    public CallScope headers(Map<String, String> headers) {
        this.headers = headers;
        return this;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The status the call ended with as gRPC reported it, or {@code null} while it runs. */
    public Status status() {
        return status;
    }

    public SessionState session() {
        return session;
    }

    public String rpc() {
        return rpc;
    }

    void ready() {
        Runnable hook = onReady;
        if (hook != null) {
            hook.run();
        }
    }

    void closed(Status status) {
        this.status = status;
    }
}
