package ai.altertable.reactive.mock.internal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.impl.Flight.CloseSessionResult;
import org.apache.arrow.flight.impl.Flight.SessionOptionValue;
import org.apache.arrow.flight.impl.Flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.impl.Flight.SetSessionOptionsResult;

import java.util.Locale;
import java.util.Map;

/**
 * The session actions (protocol §5). {@code SetSessionOptions} takes a <em>raw</em> {@code SetSessionOptionsRequest}
 * (as Arrow Java and the DuckDB extension send it) and, unlike the official mock, also one packed in
 * {@code google.protobuf.Any} (as the Python client sends it). Options are checked only for shape: {@code catalog} and
 * {@code schema} take any string (and poison every later call of the session if DuckDB cannot {@code USE} them),
 * {@code compute_size} one of the known sizes; everything else is reported in the result's error map, and the valid
 * options of the same request still apply. {@code CloseSession} answers {@code CLOSED} and releases nothing.
 */
final class SessionOptionsAction {

    static final String CATALOG = "catalog";
    static final String SCHEMA = "schema";
    static final String COMPUTE_SIZE = "compute_size";

    private static final String ANY_TYPE_URL = "type.googleapis.com/" + SetSessionOptionsRequest.getDescriptor()
            .getFullName();
    /** Size names and aliases, upper case, to the canonical size. */
    private static final Map<String, String> COMPUTE_SIZES = Map.ofEntries(Map.entry("XS", "XS"), Map.entry("S", "S"),
            Map.entry("M", "M"), Map.entry("L", "L"), Map.entry("XL", "XL"), Map.entry("2XL", "2XL"),
            Map.entry("XXL", "2XL"), Map.entry("3XL", "3XL"), Map.entry("XXXL", "3XL"), Map.entry("4XL", "4XL"),
            Map.entry("XXXXL", "4XL"));

    private SessionOptionsAction() {
    }

    static Result set(MockFlightSession session, byte[] body) {
        SetSessionOptionsRequest request = decode(body);
        SetSessionOptionsResult.Builder result = SetSessionOptionsResult.newBuilder();
        FlightSessionSettings options = session.options();
        for (Map.Entry<String, SessionOptionValue> option : request.getSessionOptionsMap().entrySet()) {
            SessionOptionValue value = option.getValue();
            boolean text = value.getOptionValueCase() == SessionOptionValue.OptionValueCase.STRING_VALUE;
            switch (option.getKey()) {
                case CATALOG:
                    options = text ? options.withCatalog(value.getStringValue()) : reject(result, option.getKey(),
                            SetSessionOptionsResult.ErrorValue.INVALID_VALUE, options);
                    break;
                case SCHEMA:
                    options = text ? options.withSchema(value.getStringValue()) : reject(result, option.getKey(),
                            SetSessionOptionsResult.ErrorValue.INVALID_VALUE, options);
                    break;
                case COMPUTE_SIZE:
                    String size = text ? computeSize(value.getStringValue()) : null;
                    options = size != null ? options.withComputeSize(size) : reject(result, option.getKey(),
                            SetSessionOptionsResult.ErrorValue.INVALID_VALUE, options);
                    break;
                default:
                    reject(result, option.getKey(), SetSessionOptionsResult.ErrorValue.INVALID_NAME, options);
            }
        }
        session.options(options);
        return new Result(result.build().toByteArray());
    }

    static Result close() {
        return new Result(CloseSessionResult.newBuilder().setStatus(CloseSessionResult.Status.CLOSED).build()
                .toByteArray());
    }

    /** The canonical size for a case-insensitive name or alias, or null ({@code AUTO} is not a size). */
    static String computeSize(String name) {
        return COMPUTE_SIZES.get(name.toUpperCase(Locale.ROOT));
    }

    private static SetSessionOptionsRequest decode(byte[] body) {
        try {
            Any any = Any.parseFrom(body);
            if (ANY_TYPE_URL.equals(any.getTypeUrl())) {
                return any.unpack(SetSessionOptionsRequest.class);
            }
        } catch (InvalidProtocolBufferException notAny) {
            // the usual case: a raw request
        }
        try {
            return SetSessionOptionsRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw FlightStatus.invalidArgument("Failed to decode SetSessionOptionsRequest: " + e.getMessage());
        }
    }

    private static FlightSessionSettings reject(SetSessionOptionsResult.Builder result, String name,
                                         SetSessionOptionsResult.ErrorValue error, FlightSessionSettings unchanged) {
        result.putErrors(name, SetSessionOptionsResult.Error.newBuilder().setValue(error).build());
        return unchanged;
    }
}
