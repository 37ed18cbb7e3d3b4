package ai.altertable.reactive.mock.internal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;

/**
 * Flight SQL commands on the wire (protocol §6): every command, ticket and action body is a {@code google.protobuf.Any}
 * with the type URL {@code type.googleapis.com/arrow.flight.protocol.sql.<Message>}.
 */
final class Commands {

    private Commands() {
    }

    /** Decodes an {@code Any}; {@code INVALID_ARGUMENT} with the protobuf error when the bytes are not one. */
    static Any parse(byte[] bytes) {
        try {
            return Any.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw FlightStatus.invalidArgument(e.getMessage());
        }
    }

    /** The message inside {@code any}; {@code INVALID_ARGUMENT} with the protobuf error when it does not decode. */
    static <T extends Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw FlightStatus.invalidArgument(e.getMessage());
        }
    }

    /** The bytes of {@code Any.pack(message)}. */
    static byte[] pack(Message message) {
        return Any.pack(message).toByteArray();
    }

    /** An action result whose body is {@code Any.pack(message)}. */
    static Result result(Message message) {
        return new Result(pack(message));
    }

    /** The unknown-command error: {@code UNIMPLEMENTED <rpc>: The defined request is invalid: <type_url>}. */
    static RuntimeException invalidRequest(String rpc, Any command) {
        return FlightStatus.unimplemented(rpc + ": The defined request is invalid: " + command.getTypeUrl());
    }

    /**
     * The FlightInfo of every command (protocol §7, §12): the given schema, the descriptor echoed, one endpoint with
     * {@code Any(ticket)} and no location (redeem on the same channel), unknown totals, unordered.
     */
    static FlightInfo flightInfo(Schema schema, FlightDescriptor descriptor, Message ticket) {
        FlightEndpoint endpoint = new FlightEndpoint(new Ticket(pack(ticket)));
        return new FlightInfo(schema, descriptor, List.of(endpoint), -1, -1, false, IpcOption.DEFAULT);
    }
}
