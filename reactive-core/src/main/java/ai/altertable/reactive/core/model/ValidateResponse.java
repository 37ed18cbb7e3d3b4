package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to {@code POST /validate} (protocol §9.1), returned by the {@code validate} operation. Always HTTP 200:
 * {@code valid:false} is data, not an error.
 *
 * <p>Wire shape, in this order: {@code valid}, {@code statement}, {@code connections_errors} (always written), then
 * {@code error}, which is <b>omitted</b> (not {@code null}) when the statement is valid. On read a missing {@code valid}
 * is {@code false} and a missing {@code connections_errors} is an empty map. The mock echoes {@code statement} verbatim
 * and always sends {@code connections_errors:{}}.
 *
 * @param valid             whether the statement is valid
 * @param statement         the statement as echoed
 * @param connectionsErrors {@code connections_errors}; never {@code null}
 * @param error             the database's message when invalid, else {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"valid", "statement", "connections_errors", "error"})
public record ValidateResponse(
        @JsonProperty("valid") boolean valid,
        @JsonProperty("statement") String statement,
        @JsonProperty("connections_errors") Map<String, String> connectionsErrors,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    /** Normalizes a {@code null} map to an empty one and copies it, keeping its order. */
    public ValidateResponse {
        connectionsErrors = connectionsErrors == null || connectionsErrors.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(connectionsErrors));
    }

    /** A valid statement, as the mock answers it: no error, no connection errors. */
    public static ValidateResponse valid(String statement) {
        return new ValidateResponse(true, statement, Map.of(), null);
    }

    /** An invalid statement with the database's message, as the mock answers it. */
    public static ValidateResponse invalid(String statement, String error) {
        return new ValidateResponse(false, statement, Map.of(), Require.present(error, "error"));
    }
}
