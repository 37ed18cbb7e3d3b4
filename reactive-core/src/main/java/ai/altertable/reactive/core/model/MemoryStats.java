package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code stats.memory} of a {@link QueryLogEntry} (protocol §7, production only).
 *
 * @param totalUsageBytes {@code total_usage_bytes}, or {@code null} when missing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MemoryStats(@JsonProperty("total_usage_bytes") Long totalUsageBytes) {
}
