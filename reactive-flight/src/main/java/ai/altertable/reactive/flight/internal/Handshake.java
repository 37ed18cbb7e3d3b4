package ai.altertable.reactive.flight.internal;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import org.apache.arrow.flight.impl.Flight;
import org.apache.arrow.flight.impl.FlightServiceGrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Flight {@code Handshake}: one empty {@code HandshakeRequest}, then the wait for the server to end the call.
 *
 * <p>Arrow's {@code FlightClient.handshake} makes the same exchange through its {@code ClientHandshakeWrapper}, which
 * logs every failure at ERROR with its stack trace, twice, before throwing it: a wrong password printed two stack
 * traces and an unreachable server eight (one pair per attempt), besides the client's own typed exception, which is
 * the report. So the client makes the call on gRPC directly and leaves the reporting to its error signal.
 *
 * <p>The call carries no credentials of its own: it must be made inside the session's {@link CallScope}, where
 * {@link SessionInterceptor} sets the session's Basic credentials and takes the bearer token the server answers with.
 * Cancelling the scope cancels the call, which ends the wait.
 */
final class Handshake {

    private Handshake() {
    }

    /**
     * Shakes hands on {@code channel}; blocks until the server ended the call.
     *
     * @param timeout the call's deadline, or zero for none
     * @throws RuntimeException gRPC's {@code StatusRuntimeException} when the server refused or could not be reached
     */
    static void perform(Channel channel, Duration timeout) throws InterruptedException, ExecutionException {
        FlightServiceGrpc.FlightServiceStub stub = FlightServiceGrpc.newStub(channel);
        if (!timeout.isZero()) {
            stub = stub.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        StreamObserver<Flight.HandshakeRequest> requests = stub.handshake(new StreamObserver<>() {
            @Override
            public void onNext(Flight.HandshakeResponse response) {
                // the payload is not used: the token comes in the authorization header
            }

            @Override
            public void onError(Throwable t) {
                ended.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }
        });
        requests.onNext(Flight.HandshakeRequest.getDefaultInstance());
        requests.onCompleted();
        try {
            ended.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }
}
