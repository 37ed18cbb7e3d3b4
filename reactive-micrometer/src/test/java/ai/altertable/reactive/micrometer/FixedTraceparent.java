package ai.altertable.reactive.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.SenderContext;

/**
 * What a tracing bridge's propagating sender handler does, without a tracer: writes a fixed W3C {@code traceparent}
 * through the sender context's setter when the observation starts.
 */
final class FixedTraceparent implements ObservationHandler<SenderContext<?>> {

    static final String VALUE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Override
    public void onStart(SenderContext<?> context) {
        inject(context);
    }

    private static <C> void inject(SenderContext<C> context) {
        context.getSetter().set(context.getCarrier(), "traceparent", VALUE);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof SenderContext;
    }
}
