package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code stats.scan} of a {@link QueryLogEntry} (protocol §7, production only): the planner's row estimates.
 *
 * @param estimatedResultRows  {@code estimated_result_rows}, or {@code null} when missing
 * @param estimatedScannedRows {@code estimated_scanned_rows}, or {@code null} when missing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"estimated_result_rows", "estimated_scanned_rows"})
public record ScanStats(
        @JsonProperty("estimated_result_rows") Long estimatedResultRows,
        @JsonProperty("estimated_scanned_rows") Long estimatedScannedRows) {
}
