package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.NotSupportedException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import io.grpc.Status;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FlightErrorsTest {

    static Stream<Arguments> codes() {
        return Stream.of(
                arguments(Status.Code.UNAUTHENTICATED, AuthenticationException.class, false),
                arguments(Status.Code.PERMISSION_DENIED, AuthenticationException.class, false),
                arguments(Status.Code.INVALID_ARGUMENT, BadRequestException.class, false),
                arguments(Status.Code.RESOURCE_EXHAUSTED, BadRequestException.class, false),
                arguments(Status.Code.OUT_OF_RANGE, BadRequestException.class, false),
                arguments(Status.Code.NOT_FOUND, NotFoundException.class, false),
                arguments(Status.Code.UNIMPLEMENTED, NotSupportedException.class, false),
                arguments(Status.Code.UNAVAILABLE, NetworkException.class, true),
                arguments(Status.Code.DEADLINE_EXCEEDED, OperationTimeoutException.class, true),
                arguments(Status.Code.INTERNAL, ApiException.class, false),
                arguments(Status.Code.ALREADY_EXISTS, ApiException.class, false),
                arguments(Status.Code.FAILED_PRECONDITION, ApiException.class, false),
                arguments(Status.Code.CANCELLED, ApiException.class, false),
                arguments(Status.Code.UNKNOWN, ApiException.class, false));
    }

    @ParameterizedTest
    @MethodSource("codes")
    void everyGrpcCodeMapsToItsCoreException(Status.Code code, Class<? extends AltertableException> type,
                                              boolean retryable) {
        Status status = code.toStatus().withDescription("server says no");
        FlightRuntimeException flight = org.apache.arrow.flight.grpc.StatusUtils.fromGrpcStatus(status)
                .toRuntimeException();

        Throwable mapped = FlightErrors.map(flight, Operation.FLIGHT_QUERY, "DoGet", status);

        assertThat(mapped).isInstanceOf(type).hasMessageContaining("server says no").hasCause(flight);
        AltertableException e = (AltertableException) mapped;
        assertThat(e.method()).isEqualTo("RPC");
        assertThat(e.path()).isEqualTo("DoGet");
        assertThat(e.status()).isEqualTo(code.value());
        assertThat(e.operation()).isEqualTo("flightQuery");
        assertThat(e.isRetryable()).isEqualTo(retryable);
    }

    @Test
    void withoutTheObservedStatusArrowsCodeIsUsed() {
        FlightRuntimeException flight = CallStatus.NOT_FOUND.withDescription("Prepared statement not found")
                .toRuntimeException();

        Throwable mapped = FlightErrors.map(flight, Operation.FLIGHT_PREPARE, "DoPut", null);

        assertThat(mapped).isInstanceOf(NotFoundException.class);
        assertThat(((NotFoundException) mapped).status()).isEqualTo(5);
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IllegalStateException bug = new IllegalStateException("not a transport failure");
        assertThat(FlightErrors.map(bug, Operation.FLIGHT_QUERY, "DoGet", null)).isSameAs(bug);
        BadRequestException core = new BadRequestException("already mapped", null);
        assertThat(FlightErrors.map(core, Operation.FLIGHT_QUERY, "DoGet", null)).isSameAs(core);
    }

    @Test
    void aTokenEchoedByTheServerIsRedacted() {
        ai.altertable.reactive.core.Credentials.token("c2VjcmV0LXRva2Vu"); // registers the secret with the redaction
        Status status = Status.INVALID_ARGUMENT.withDescription("bad header Basic c2VjcmV0LXRva2Vu");
        Throwable mapped = FlightErrors.map(org.apache.arrow.flight.grpc.StatusUtils.fromGrpcStatus(status)
                .toRuntimeException(), Operation.FLIGHT_QUERY, "DoGet", status);
        assertThat(mapped.getMessage()).doesNotContain("c2VjcmV0LXRva2Vu");
    }

    @Test
    void aServerReportingThatItsJvmLacksArrowsFlagIsNamedAsTheServersProblem() {
        // an Arrow Java server without the flag passes on MemoryUtil's report as the error text of a DoPut
        FlightRuntimeException flight = CallStatus.INTERNAL.withDescription("Unexpected IO Exception: sun.misc.Unsafe "
                + "or java.nio.DirectByteBuffer.<init>(long, int) not available").toRuntimeException();

        Throwable mapped = FlightErrors.map(flight, Operation.FLIGHT_INGEST, "DoPut", null);

        assertThat(mapped).isInstanceOf(ApiException.class).hasCause(flight)
                .hasMessageStartingWith("the Flight server cannot write Arrow data: its JVM needs "
                        + "--add-opens=java.base/java.nio=ALL-UNNAMED (the server's problem, not the request's");
        assertThat(((ApiException) mapped).path()).isEqualTo("DoPut");
        assertThat(((ApiException) mapped).status()).isEqualTo(Status.Code.INTERNAL.value());
    }

    @Test
    void aPrefixTheServerRepeatsIsShownOnce() {
        Status status = Status.INTERNAL.withDescription("Failed to extract schema: Failed to extract schema: "
                + "Failed to prepare statement: Parser Error: syntax error at or near \"SELEC\"");
        FlightRuntimeException flight = org.apache.arrow.flight.grpc.StatusUtils.fromGrpcStatus(status)
                .toRuntimeException();

        AltertableException e = (AltertableException) FlightErrors.map(flight, Operation.FLIGHT_QUERY,
                "GetFlightInfo", status);

        assertThat(e.bodyExcerpt()).isEqualTo("Failed to extract schema: Failed to prepare statement: Parser Error: "
                + "syntax error at or near \"SELEC\"");
        assertThat(e.getMessage()).containsOnlyOnce("Failed to extract schema: ");
        // different prefixes, and repeats further in, are the server's words
        assertThat(FlightErrors.withoutRepeats("Failed to execute query: Conversion Error: Conversion Error: x"))
                .isEqualTo("Failed to execute query: Conversion Error: Conversion Error: x");
        assertThat(FlightErrors.withoutRepeats("a: a: a: b")).isEqualTo("a: b");
        assertThat(FlightErrors.withoutRepeats(null)).isNull();
    }
}
