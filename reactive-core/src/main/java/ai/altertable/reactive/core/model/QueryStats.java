package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code stats} object of a {@link QueryLogEntry} (protocol §7). <b>Production only</b>: the official mock never
 * sends it. Every part is optional on read; all three keys are written, {@code null} or not.
 *
 * @param caching cache hit and miss counters, or {@code null}
 * @param memory  memory use, or {@code null}
 * @param scan    scan estimates, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"caching", "memory", "scan"})
public record QueryStats(
        @JsonProperty("caching") CachingStats caching,
        @JsonProperty("memory") MemoryStats memory,
        @JsonProperty("scan") ScanStats scan) {
}
