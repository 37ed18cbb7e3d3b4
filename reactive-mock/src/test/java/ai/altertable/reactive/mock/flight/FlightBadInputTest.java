package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.SyncPutListener;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bytes that are not what Flight SQL expects, in each place a client can put them (protocol §6: a descriptor or ticket
 * that is not a valid {@code Any} is {@code INVALID_ARGUMENT}; an unknown action is {@code UNIMPLEMENTED}): each call
 * fails with its documented status, and the server keeps serving, the same client included.
 */
class FlightBadInputTest extends FlightTestBase {

    private static final byte[] GARBAGE = "\u0000\u00ff{not protobuf}\u0007".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void garbageDescriptorsTicketsAndActionBodiesFailAndTheServerStaysUp() throws Exception {
        FlightTestClient client = client();

        failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.flight.getInfo(FlightDescriptor.command(GARBAGE)));
        failure(FlightStatusCode.INVALID_ARGUMENT, () -> client.rows(new FlightInfo(new Schema(List.of()),
                FlightDescriptor.command(GARBAGE), List.of(new FlightEndpoint(new Ticket(GARBAGE))), -1, -1)));
        failure(FlightStatusCode.INVALID_ARGUMENT, () -> {
            try (VectorSchemaRoot empty = VectorSchemaRoot.create(new Schema(List.of()), allocator)) {
                SyncPutListener listener = new SyncPutListener();
                FlightClient.ClientStreamListener put = client.flight.startPut(FlightDescriptor.command(GARBAGE),
                        empty, listener);
                put.completed();
                try {
                    put.getResult();
                } finally {
                    listener.close();
                }
            }
        });
        assertThat(failure(FlightStatusCode.UNIMPLEMENTED,
                () -> client.flight.doAction(new Action("NoSuchAction", GARBAGE)).forEachRemaining(r -> { }))
                .getMessage()).isEqualTo("Action 'NoSuchAction' is not supported");

        assertThat(client.query("SELECT 42 AS answer")).containsExactly(List.of(42));
        assertThat(client().query("SELECT 1 AS one")).containsExactly(List.of(1));
        // the last stream's buffers go back once gRPC has written them, which may be just after the result
        await().atMost(10, TimeUnit.SECONDS).until(() -> mock.flightAllocatedBytes() == 0);
    }

    @Test
    void aDoGetTicketOfTheWrongCommandTypeIsUnimplemented() throws Exception {
        FlightTestClient client = client();
        byte[] ticket = com.google.protobuf.Any.pack(com.google.protobuf.StringValue.of("SELECT 1")).toByteArray();
        try (FlightStream stream = client.flight.getStream(new Ticket(ticket))) {
            assertThat(failure(FlightStatusCode.UNIMPLEMENTED, stream::next).getMessage())
                    .startsWith("do_get: The defined request is invalid: ");
        }
        assertThat(client.query("SELECT 2 AS two")).containsExactly(List.of(2));
    }
}
