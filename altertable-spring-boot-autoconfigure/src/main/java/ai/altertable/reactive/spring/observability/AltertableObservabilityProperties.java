package ai.altertable.reactive.spring.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code altertable.observability.*} properties: whether the clients report to the context's Micrometer
 * {@code MeterRegistry} and {@code ObservationRegistry}, and the opt-ins of {@code MicrometerObservability}.
 *
 * @param enabled              whether the auto-configured clients report metrics and observations when the context
 *                             has a {@code MeterRegistry} or an {@code ObservationRegistry} (default true)
 * @param tableTag             whether write meters and observations carry the target table as a {@code table} tag;
 *                             only where the tables are a bounded set (default false)
 * @param sqlText              whether query observations carry the SQL text as the high-cardinality
 *                             {@code db.statement}; never redacted, so only where SQL carries no secrets (default false)
 * @param percentileHistograms whether the timers and the rows-per-batch summary publish percentile histograms
 *                             (default false)
 */
@ConfigurationProperties("altertable.observability")
public record AltertableObservabilityProperties(@DefaultValue("true") boolean enabled, boolean tableTag,
                                                boolean sqlText, boolean percentileHistograms) {
}
