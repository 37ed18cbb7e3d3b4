package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.TraceparentLog;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Records the {@code traceparent} metadata of every Flight call (see {@link TraceparentLog}). */
final class TraceparentRecorder implements ServerInterceptor {

    private static final Metadata.Key<String> TRACEPARENT =
            Metadata.Key.of(TraceparentLog.KEY, Metadata.ASCII_STRING_MARSHALLER);

    private final TraceparentLog log;

    TraceparentRecorder(TraceparentLog log) {
        this.log = log;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        log.record("flight", call.getMethodDescriptor().getBareMethodName(), headers.get(TRACEPARENT));
        return next.startCall(call, headers);
    }
}
