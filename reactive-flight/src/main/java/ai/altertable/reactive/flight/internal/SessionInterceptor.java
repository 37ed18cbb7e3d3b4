package ai.altertable.reactive.flight.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * The one gRPC interceptor of the client's channel. For every call created inside a {@link CallScope}:
 * <ul>
 *   <li>sets the {@code authorization} header: the session's Basic credentials on {@code Handshake}, its bearer token
 *       on every other call (queries, prepared-statement close, cancels, session actions, DoPut), replacing any value
 *       already present so that a call never carries two;</li>
 *   <li>offers the {@code authorization} value of every response's headers and trailers to the session, which takes a
 *       new bearer token from it (token replacement);</li>
 *   <li>records the status gRPC closed the call with (Arrow folds several gRPC codes into one; errors are mapped from
 *       this one);</li>
 *   <li>adds the scope's trace headers ({@code traceparent}) as metadata, when observability wrote any;</li>
 *   <li>forwards {@code onReady} to the scope, which is how a DoPut upload learns that gRPC can take another message
 *       (Arrow's client-side {@code setOnReadyHandler} cannot be used once a call has started).</li>
 * </ul>
 * Calls outside any scope pass through untouched. Runs on whatever thread creates the call and on gRPC's callback
 * executor; it never blocks.
 */
public final class SessionInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String HANDSHAKE = "Handshake";

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
                                                               CallOptions callOptions, Channel next) {
        CallScope scope = CallScope.KEY.get();
        ClientCall<ReqT, RespT> call = next.newCall(method, callOptions);
        if (scope == null) {
            return call;
        }
        boolean handshake = HANDSHAKE.equals(method.getBareMethodName());
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                String authorization = scope.session().authorization(handshake);
                if (authorization != null) {
                    headers.discardAll(AUTHORIZATION);
                    headers.put(AUTHORIZATION, authorization);
                }
                scope.headers().forEach((key, value) -> headers.put(
                        Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value)); // trace context, if any
                super.start(new ScopeListener<>(listener, scope), headers);
            }
        };
    }

    private static final class ScopeListener<RespT>
            extends ForwardingClientCallListener.SimpleForwardingClientCallListener<RespT> {
        private final CallScope scope;

        ScopeListener(ClientCall.Listener<RespT> delegate, CallScope scope) {
            super(delegate);
            this.scope = scope;
        }

        @Override
        public void onHeaders(Metadata headers) {
            scope.session().offerToken(headers.get(AUTHORIZATION));
            super.onHeaders(headers);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            scope.session().offerToken(trailers.get(AUTHORIZATION));
            scope.closed(status);
            super.onClose(status, trailers);
        }

        @Override
        public void onReady() {
            super.onReady();
            scope.ready();
        }
    }
}
