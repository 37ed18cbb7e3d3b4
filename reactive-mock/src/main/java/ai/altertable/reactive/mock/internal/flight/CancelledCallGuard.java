package ai.altertable.reactive.mock.internal.flight;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Keeps a call that gRPC itself has already ended from being closed again, which would cost the whole connection.
 *
 * <p>When a client sends a message over the 4 MiB cap, grpc-java (1.79, on Netty 4.2) cancels the call and answers
 * {@code RESOURCE_EXHAUSTED} in a trailers-only response while the client is still sending, leaving the HTTP/2 stream
 * half-closed. Arrow's DoPut handling then always closes the call once more (with the upload's error, or in its
 * {@code ensureCompleted}); grpc-java turns that into a second HEADERS frame on the half-closed stream, Netty throws
 * {@code IllegalStateException: Stream … in unexpected state HALF_CLOSED_LOCAL}, and the transport fails: every other
 * call on the connection dies with {@code UNAVAILABLE}. Skipping the close of a call that is already cancelled is what
 * gRPC would do anyway: the client has its status.
 *
 * <p>Only {@code DoPut} calls are guarded. A unary reply ({@code GetFlightInfo}, actions) that the client cancels
 * between the reply's message and the close must still be closed: the message sits framed in gRPC's buffer until the
 * close hands it to the (reset) stream, which frees it; skipping that close leaked the buffer (found by the Flight
 * cancellation storm, whose early disposes cancel {@code GetFlightInfo} calls).
 */
final class CancelledCallGuard implements ServerInterceptor {

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        if (!"DoPut".equals(call.getMethodDescriptor().getBareMethodName())) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (!isCancelled()) {
                    super.close(status, trailers);
                }
            }
        }, headers);
    }
}
