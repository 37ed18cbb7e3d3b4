package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /explain} (protocol §9.2), returned by the {@code explain} operation. <b>Mock only:</b> the
 * endpoint is not in the client spec. Always HTTP 200; a failure is data ({@link #error()} set).
 *
 * <p>Wire shape, in this order (the mock's struct order):
 * <ol>
 *   <li>{@code tables}: always written ({@code []} on error);</li>
 *   <li>{@code total_files}, {@code total_bytes}, {@code scanned_files_estimate}, {@code scanned_bytes_estimate}: the
 *       mock writes them, as {@code 0}, <b>only when {@code tables} is empty and there is no error</b>; otherwise they
 *       are omitted. Each is omitted here when {@code null};</li>
 *   <li>{@code statement}: the <em>trimmed</em> statement, always written;</li>
 *   <li>{@code plan}: one DuckDB JSON plan node ({@code {name, children, extra_info}}; names may carry trailing spaces),
 *       only when {@code include_plan} was true and there was no error; omitted when {@code null};</li>
 *   <li>{@code error}: only on failure; omitted when {@code null};</li>
 *   <li>{@code connections_errors}: always written ({@code {}} on the mock).</li>
 * </ol>
 * On read every key is optional: {@code tables} and {@code connections_errors} default to empty, the rest to
 * {@code null}. {@link #success} and {@link #failure} build the two shapes the mock emits.
 *
 * @param tables               scanned tables; never {@code null}
 * @param totalFiles           {@code total_files}, or {@code null}
 * @param totalBytes           {@code total_bytes}, or {@code null}
 * @param scannedFilesEstimate {@code scanned_files_estimate}, or {@code null}
 * @param scannedBytesEstimate {@code scanned_bytes_estimate}, or {@code null}
 * @param statement            the trimmed statement
 * @param plan                 the JSON plan nodes, or {@code null} when not requested or on error
 * @param error                the failure text, or {@code null}
 * @param connectionsErrors    {@code connections_errors}; never {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"tables", "total_files", "total_bytes", "scanned_files_estimate", "scanned_bytes_estimate",
        "statement", "plan", "error", "connections_errors"})
public record ExplainResponse(
        @JsonProperty("tables") List<ExplainTable> tables,
        @JsonProperty("total_files") @JsonInclude(JsonInclude.Include.NON_NULL) Long totalFiles,
        @JsonProperty("total_bytes") @JsonInclude(JsonInclude.Include.NON_NULL) Long totalBytes,
        @JsonProperty("scanned_files_estimate") @JsonInclude(JsonInclude.Include.NON_NULL) Long scannedFilesEstimate,
        @JsonProperty("scanned_bytes_estimate") @JsonInclude(JsonInclude.Include.NON_NULL) Long scannedBytesEstimate,
        @JsonProperty("statement") String statement,
        @JsonProperty("plan") @JsonInclude(JsonInclude.Include.NON_NULL) List<JsonNode> plan,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonProperty("connections_errors") Map<String, String> connectionsErrors) {

    /** Normalizes {@code null} collections (except {@code plan}, whose absence means something) and copies them. */
    public ExplainResponse {
        tables = tables == null || tables.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(tables));
        plan = plan == null ? null : Collections.unmodifiableList(new ArrayList<>(plan));
        connectionsErrors = connectionsErrors == null || connectionsErrors.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(connectionsErrors));
    }

    /**
     * A successful explain as the mock writes it: when {@code tables} is empty the four totals are {@code 0}, otherwise
     * they are left out.
     *
     * @param statement the trimmed statement
     * @param tables    the scanned tables (may be empty)
     * @param plan      the plan nodes when {@code include_plan} was true, else {@code null}
     */
    public static ExplainResponse success(String statement, List<ExplainTable> tables, List<JsonNode> plan) {
        Long zero = tables == null || tables.isEmpty() ? 0L : null;
        return new ExplainResponse(tables, zero, zero, zero, zero, statement, plan, null, Map.of());
    }

    /** A failed explain as the mock writes it: no tables, no totals, no plan, and the error text. */
    public static ExplainResponse failure(String statement, String error) {
        return new ExplainResponse(List.of(), null, null, null, null, statement, null,
                Require.present(error, "error"), Map.of());
    }

    /** Whether the explain failed ({@code error} is set). */
    public boolean failed() {
        return error != null;
    }
}
