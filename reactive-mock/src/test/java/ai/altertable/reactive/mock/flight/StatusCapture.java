package ai.altertable.reactive.mock.flight;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Records the gRPC status of the last call, as it was on the wire: Arrow Java maps codes it does not know
 * ({@code FAILED_PRECONDITION}, {@code OUT_OF_RANGE}) to {@code INVALID_ARGUMENT}.
 */
final class StatusCapture implements ClientInterceptor {

    final AtomicReference<Status> last = new AtomicReference<>();

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
                                                               CallOptions callOptions, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
            @Override
            public void start(Listener<RespT> responseListener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(responseListener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        last.set(status);
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
