package ai.altertable.reactive.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Decides the name and key values of the clients' observations; replace {@link DefaultAltertableObservationConvention}
 * through {@link MicrometerObservability.Builder#observationConvention}.
 */
public interface AltertableObservationConvention extends ObservationConvention<AltertableObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof AltertableObservationContext;
    }
}
